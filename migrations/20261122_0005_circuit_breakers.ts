import type { Knex } from 'knex';

/**
 * The circuit breakers that are open, one row per provider and process. A breaker lives in the
 * memory of the process whose router owns it; each process records its breaker's transitions here
 * (a row when it opens, the row deleted when it closes), so `aos status` and the run pages, which
 * run elsewhere, can see them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('circuit_breakers', (t) => {
    t.text('provider').notNullable();
    // host:pid of the process whose breaker opened.
    t.text('process').notNullable();
    t.integer('failures').notNullable();
    t.timestamp('opened_at', { useTz: true }).notNullable();
    // When the breaker lets one probe through; until then it refuses calls.
    t.timestamp('retry_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['provider', 'process']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('circuit_breakers');
}
