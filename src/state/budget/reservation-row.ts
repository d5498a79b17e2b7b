import type { CounterKey } from '../../policy/finops/index.ts';

/** A reservation as stored in `budget_reservations`. */
export interface ReservationRow {
  id: string;
  run_id: string | null;
  correlation_id: string | null;
  provider: string;
  model: string;
  task: string;
  counters: string | CounterKey[];
  amount_eur: number | string;
  tokens: number | string;
  input_per_1k_eur: number | string;
  output_per_1k_eur: number | string;
  price_table_hash: string;
  max_tokens: number | string;
  status: string;
}

/** The counters a reservation holds its amount on (JSON text on some drivers, parsed on others). */
export function reservationCounters(row: Pick<ReservationRow, 'counters'>): CounterKey[] {
  return (typeof row.counters === 'string' ? JSON.parse(row.counters) : row.counters) as CounterKey[];
}

/** What a reservation holds on one counter: its EUR amount on EUR counters, its tokens on token counters. */
export function heldOn(counter: Pick<CounterKey, 'unit'>, row: Pick<ReservationRow, 'amount_eur' | 'tokens'>): number {
  return counter.unit === 'eur' ? Number(row.amount_eur) : Number(row.tokens);
}
