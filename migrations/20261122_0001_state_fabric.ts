import type { Knex } from 'knex';

/**
 * The state fabric: session checkpoints (the system of record behind the Redis cache), their
 * audit trail and hash index, and the append-only, hash-chained ledger.
 */
export async function up(knex: Knex): Promise<void> {
  // One sequence for every save and delete, so cache entries can be ordered across deletes.
  await knex.raw('CREATE SEQUENCE IF NOT EXISTS sessions_version_seq');
  await knex.schema.createTable('sessions', (t) => {
    t.text('id').primary();
    t.jsonb('payload').notNullable();
    t.text('payload_hash').notNullable();
    t.bigInteger('version').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('state_audit', (t) => {
    t.bigIncrements('id').primary();
    t.text('session_id').notNullable().index();
    t.text('action').notNullable();
    t.text('payload_hash');
    t.timestamp('timestamp', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('state_hash_index', (t) => {
    t.text('hash').notNullable();
    t.text('session_id').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['hash', 'session_id']);
  });
  await knex.schema.createTable('ledger_events', (t) => {
    t.bigIncrements('id').primary();
    t.text('run_id').notNullable();
    t.integer('seq').notNullable();
    t.text('event_type').notNullable();
    t.jsonb('payload').notNullable();
    t.text('prev_hash').notNullable();
    t.text('hash').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.unique(['run_id', 'seq']);
  });
  // The head of each chain: the row appends lock, and the anchor that makes a deleted tail visible.
  await knex.schema.createTable('ledger_chains', (t) => {
    t.text('run_id').primary();
    t.integer('last_seq').notNullable();
    t.text('prev_hash').notNullable();
    t.text('last_hash').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('ledger_replay_cursors', (t) => {
    t.text('run_id').notNullable();
    t.text('consumer').notNullable();
    t.integer('last_seq').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['run_id', 'consumer']);
  });
  await knex.raw(`
    CREATE FUNCTION ledger_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'ledger_events is append-only: % rejected', TG_OP USING ERRCODE = '42501';
    END
    $$`);
  await knex.raw(`CREATE TRIGGER ledger_events_no_update_delete BEFORE UPDATE OR DELETE ON ledger_events
    FOR EACH ROW EXECUTE FUNCTION ledger_events_append_only()`);
  await knex.raw(`CREATE TRIGGER ledger_events_no_truncate BEFORE TRUNCATE ON ledger_events
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_events_append_only()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ledger_replay_cursors');
  await knex.schema.dropTable('ledger_chains');
  await knex.schema.dropTable('ledger_events');
  await knex.raw('DROP FUNCTION IF EXISTS ledger_events_append_only()');
  await knex.schema.dropTable('state_hash_index');
  await knex.schema.dropTable('state_audit');
  await knex.schema.dropTable('sessions');
  await knex.raw('DROP SEQUENCE IF EXISTS sessions_version_seq');
}
