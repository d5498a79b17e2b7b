import type { Knex } from 'knex';

/** Runs (one per `/aos plan`, `/aos revise` or `aos plan`), and webhook deliveries already seen. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('runs', (t) => {
    t.text('id').primary();
    t.text('kind').notNullable();
    t.text('status').notNullable();
    t.text('verdict');
    t.bigInteger('installation_id');
    t.text('owner');
    t.text('repo');
    t.integer('issue_number');
    t.integer('pr_number');
    t.text('branch');
    t.text('base_sha');
    t.text('head_sha');
    t.text('requested_by');
    t.bigInteger('trigger_comment_id');
    t.bigInteger('status_comment_id');
    t.text('delivery_id');
    t.text('instructions');
    t.boolean('dry_run').notNullable().defaultTo(false);
    t.boolean('cancel_requested').notNullable().defaultTo(false);
    t.decimal('cost_eur', 24, 10).notNullable().defaultTo(0);
    t.text('final_state_hash');
    t.text('error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.index(['owner', 'repo', 'issue_number']);
    t.index(['created_at']);
  });
  // One active run per issue or pull request, whichever process takes the command.
  await knex.raw(`CREATE UNIQUE INDEX runs_one_active_per_issue ON runs (owner, repo, issue_number) WHERE status IN ('queued', 'running')`);
  await knex.schema.createTable('webhook_deliveries', (t) => {
    t.text('delivery_id').primary();
    t.text('event').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('webhook_deliveries');
  await knex.schema.dropTable('runs');
}
