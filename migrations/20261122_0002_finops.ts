import type { Knex } from 'knex';

/**
 * Budget counters (one row per scope, period and unit, locked by every reservation and
 * settlement), reservations, the spend record of every model call, and deduplicated alerts.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('budget_counters', (t) => {
    t.text('scope').notNullable();
    t.text('scope_id').notNullable();
    t.text('period').notNullable();
    t.text('period_key').notNullable();
    t.text('unit').notNullable();
    t.decimal('spent', 24, 10).notNullable().defaultTo(0);
    t.decimal('reserved', 24, 10).notNullable().defaultTo(0);
    t.decimal('cap', 24, 10).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['scope', 'scope_id', 'period', 'period_key', 'unit']);
  });
  await knex.schema.createTable('budget_reservations', (t) => {
    t.text('id').primary();
    t.text('run_id');
    t.text('correlation_id');
    t.text('provider').notNullable();
    t.text('model').notNullable();
    t.text('task').notNullable();
    t.jsonb('counters').notNullable();
    t.decimal('amount_eur', 24, 10).notNullable();
    t.integer('tokens').notNullable();
    t.integer('max_tokens').notNullable();
    t.decimal('input_per_1k_eur', 24, 10).notNullable();
    t.decimal('output_per_1k_eur', 24, 10).notNullable();
    t.text('price_table_hash').notNullable();
    t.text('status').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('closed_at', { useTz: true });
    t.index(['status', 'expires_at']);
  });
  await knex.schema.createTable('spend', (t) => {
    t.bigIncrements('id').primary();
    t.text('reservation_id').notNullable().unique();
    t.text('run_id');
    t.text('correlation_id');
    t.text('provider').notNullable();
    t.text('model').notNullable();
    t.text('task').notNullable();
    t.integer('input_tokens').notNullable();
    t.integer('output_tokens').notNullable();
    t.decimal('cost_eur', 24, 10).notNullable();
    t.decimal('reserved_eur', 24, 10).notNullable();
    t.text('price_table_hash').notNullable();
    t.integer('latency_ms');
    t.integer('attempts');
    t.jsonb('failover_path');
    t.text('outcome').notNullable();
    t.text('installation_id');
    t.text('repository');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['created_at']);
    t.index(['run_id']);
  });
  await knex.schema.createTable('budget_alerts', (t) => {
    t.bigIncrements('id').primary();
    t.text('kind').notNullable();
    t.text('scope').notNullable();
    t.text('scope_id').notNullable();
    t.text('period').notNullable();
    t.text('period_key').notNullable();
    t.text('message').notNullable();
    t.jsonb('payload').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    // One alert per kind, scope and period, whichever process notices first.
    t.unique(['kind', 'scope', 'scope_id', 'period', 'period_key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('budget_alerts');
  await knex.schema.dropTable('spend');
  await knex.schema.dropTable('budget_reservations');
  await knex.schema.dropTable('budget_counters');
}
