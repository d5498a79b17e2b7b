import { periodResetsAt, periodStartsAt } from '../../policy/finops/index.ts';
import type { RemainingBudget } from './budget-guardian.ts';

/** Whose spend `/aos budget` shows: the caller's installation and repository, with their caps. */
export interface ScopeSpendContext {
  installation: { id: string; dailyCapEur?: number | undefined; monthlyCapEur?: number | undefined };
  repository: { id: string; dailyCapEur?: number | undefined; monthlyCapEur?: number | undefined };
}

/** One scope's spend in the current day or month. */
export interface ScopeSpend {
  scope: 'installation' | 'repository';
  scopeId: string;
  period: 'day' | 'month';
  spent: number;
  /** The cap in force; null where the scope has none for this period. */
  cap: number | null;
  /** In flight against the cap; null without a cap (only capped scopes keep a counter). */
  reserved: number | null;
  remaining: number | null;
  resetsAt: Date;
}

/** A capped counter's state, as the guardian's getRemainingBudget reports it. */
type CounterRow = Omit<RemainingBudget, 'resetsAt'>;

const PERIODS = ['day', 'month'] as const;

/**
 * The installation's and the repository's spend today and this month. Where a cap applies, its
 * counter is shown (what enforcement sees, calls in flight included); elsewhere the sum of that
 * scope's settled calls. The rows are filtered by scope id, so no other installation's or
 * repository's spend, and no global total, can reach the answer.
 */
export async function readScopeSpend(
  context: ScopeSpendContext,
  now: Date,
  counters: readonly CounterRow[],
  store: { spendSince(since: Date, of: { installationId?: string; repository?: string }): Promise<number> },
): Promise<ScopeSpend[]> {
  const rows: ScopeSpend[] = [];
  for (const scope of ['repository', 'installation'] as const) {
    const scopeId = context[scope].id;
    for (const period of PERIODS) {
      const resetsAt = periodResetsAt(period, now)!;
      const counter = counters.find((row) => row.scope === scope && row.scopeId === scopeId && row.period === period && row.unit === 'eur');
      if (counter) {
        rows.push({
          scope,
          scopeId,
          period,
          spent: counter.spent,
          cap: counter.cap,
          reserved: counter.reserved,
          remaining: counter.remaining,
          resetsAt,
        });
        continue;
      }
      const spent = await store.spendSince(
        periodStartsAt(period, now)!,
        scope === 'installation' ? { installationId: scopeId } : { repository: scopeId },
      );
      rows.push({ scope, scopeId, period, spent, cap: null, reserved: null, remaining: null, resetsAt });
    }
  }
  return rows;
}
