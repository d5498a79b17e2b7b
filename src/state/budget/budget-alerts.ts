import type { Knex } from 'knex';
import type { BudgetPeriod, BudgetScope } from '../../policy/finops/index.ts';

/** A budget alert: a cap's threshold crossed, or a month-end forecast past the cap. */
export interface BudgetAlert {
  kind: 'threshold' | 'forecast';
  scope: BudgetScope;
  scopeId: string;
  period: BudgetPeriod;
  periodKey: string;
  message: string;
  payload: Record<string, unknown>;
}

/** Where alerts go. The notifications capability implements this with Slack, webhooks and e-mail. */
export interface AlertSink {
  publish(alert: BudgetAlert): Promise<void>;
}

/**
 * Stores an alert unless one of the same kind, scope and period exists; true when this call stored
 * it. The unique index makes this hold across processes, not just within one.
 */
export async function recordAlertOnce(knex: Knex, alert: BudgetAlert, now: Date): Promise<boolean> {
  const { rows } = await knex.raw<{ rows: unknown[] }>(
    `INSERT INTO budget_alerts (kind, scope, scope_id, period, period_key, message, payload, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)
     ON CONFLICT (kind, scope, scope_id, period, period_key) DO NOTHING RETURNING id`,
    [alert.kind, alert.scope, alert.scopeId, alert.period, alert.periodKey, alert.message, JSON.stringify(alert.payload), now],
  );
  return rows.length > 0;
}
