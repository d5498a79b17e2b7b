/** Whose money a counter guards. `provider` counters hold tokens (the per-provider daily ceilings). */
export type BudgetScope = 'global' | 'installation' | 'repository' | 'run' | 'provider';

/** Counting periods, all in UTC. `run` never resets. */
export type BudgetPeriod = 'day' | 'month' | 'run';

/** What a counter counts. */
export type BudgetUnit = 'eur' | 'tokens';

/** One limit a call must fit under. */
export interface BudgetLimit {
  scope: BudgetScope;
  scopeId: string;
  period: BudgetPeriod;
  unit: BudgetUnit;
  cap: number;
}

/** Where a limit stands: what is spent and held against it, and when its period starts over. */
export interface BudgetStanding extends BudgetLimit {
  spent: number;
  reserved: number;
  /** When the period resets; null for a run cap. */
  resetsAt: Date | null;
}

/** A limit with its period resolved to a key (`2026-11-22`, `2026-11`, `all`). */
export interface CounterKey {
  scope: BudgetScope;
  scopeId: string;
  period: BudgetPeriod;
  periodKey: string;
  unit: BudgetUnit;
}

/** A counter's state as locked inside a reservation or settlement transaction. */
export interface CounterState extends CounterKey {
  cap: number;
  spent: number;
  reserved: number;
}

/** EUR per 1,000 tokens. */
export interface TokenPrice {
  inputPer1k: number;
  outputPer1k: number;
}
