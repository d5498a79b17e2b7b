import type { BudgetLimit, BudgetPeriod, CounterKey } from './finops-types.ts';

/** The key of the UTC period containing `now`: `YYYY-MM-DD`, `YYYY-MM`, or `all` for a run. */
export function periodKey(period: BudgetPeriod, now: Date): string {
  const iso = now.toISOString();
  if (period === 'day') return iso.slice(0, 10);
  if (period === 'month') return iso.slice(0, 7);
  return 'all';
}

/** When the period containing `now` ends (UTC), or null for a run, which never resets. */
export function periodResetsAt(period: BudgetPeriod, now: Date): Date | null {
  if (period === 'day') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  if (period === 'month') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return null;
}

/** The start of the period containing `now` (UTC); null for a run. */
export function periodStartsAt(period: BudgetPeriod, now: Date): Date | null {
  if (period === 'day') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (period === 'month') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return null;
}

/**
 * The lock order of counters: field by field, by code unit, the same order PostgreSQL gives the
 * key columns under `COLLATE "C"`. Every transaction locks counters in this order, so two
 * transactions that need overlapping counters queue instead of deadlocking.
 */
export function compareCounterKeys(a: CounterKey, b: CounterKey): number {
  const fields = ['scope', 'scopeId', 'period', 'periodKey', 'unit'] as const;
  for (const field of fields) {
    if (a[field] < b[field]) return -1;
    if (a[field] > b[field]) return 1;
  }
  return 0;
}

/** Resolves each limit's period at `now` and sorts them into lock order. */
export function counterKeysFor(limits: readonly BudgetLimit[], now: Date): Array<CounterKey & { cap: number }> {
  return limits.map((limit) => ({ ...limit, periodKey: periodKey(limit.period, now) })).sort(compareCounterKeys);
}
