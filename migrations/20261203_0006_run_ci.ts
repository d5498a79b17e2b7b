import type { Knex } from 'knex';

/**
 * Where a run stands with the repository's CI: after aos pushes a commit the run waits for the
 * checks on that head (a checkpointed state, not a sleeping process, so any worker can carry it
 * on after a restart or a webhook), then passes, fixes or ends. Null when the run is not waiting.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('runs', (t) => {
    t.jsonb('ci');
    // Which kind of comment started the run, so the reaction at the end of a wait goes to it.
    t.text('trigger_comment_kind');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('runs', (t) => {
    t.dropColumn('ci');
    t.dropColumn('trigger_comment_kind');
  });
}
