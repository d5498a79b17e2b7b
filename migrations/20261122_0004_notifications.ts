import type { Knex } from 'knex';

/**
 * The notification outbox (one row per event and channel, written in the caller's transaction) and
 * the delivery log (one row per send attempt). Failed notifications are kept, never deleted.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notification_outbox', (t) => {
    t.text('id').primary();
    t.text('idempotency_key').notNullable().unique();
    t.text('event_type').notNullable();
    t.text('correlation_id').notNullable();
    t.text('channel').notNullable();
    // A label such as the webhook's host: never a Slack URL path, a password or a token.
    t.text('destination').notNullable();
    t.jsonb('payload').notNullable();
    t.text('status').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('last_error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('delivered_at', { useTz: true });
    t.index(['correlation_id']);
  });
  await knex.raw(
    `ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_status_check CHECK (status IN ('pending', 'delivered', 'failed'))`,
  );
  // Dispatchers look only at due pending rows; delivered and failed rows stay out of this index.
  await knex.raw(`CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE status = 'pending'`);
  await knex.schema.createTable('notification_deliveries', (t) => {
    t.text('id').primary();
    t.text('notification_id').notNullable().references('id').inTable('notification_outbox');
    t.text('destination').notNullable();
    t.text('correlation_id').notNullable();
    t.text('status').notNullable();
    t.integer('attempt').notNullable();
    t.integer('latency_ms').notNullable();
    t.integer('http_status');
    t.text('error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['notification_id']);
    t.index(['created_at']);
  });
  await knex.raw(
    `ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_status_check CHECK (status IN ('delivered', 'retry', 'failed'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('notification_deliveries');
  await knex.schema.dropTable('notification_outbox');
}
