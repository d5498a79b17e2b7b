import type { LedgerEvent } from '../../../state/ledger/ledger-types.ts';

/** The GitHub requests a run made: the sum of its `github.requests` events (one per job that carried the run). */
export interface GithubRequestsRow {
  total: number;
  byKind: Record<string, number>;
}

/** Adds up a run's `github.requests` ledger events; null when the run recorded none (it predates the count). */
export function githubRequestsOf(events: ReadonlyArray<Pick<LedgerEvent, 'type' | 'payload'>>): GithubRequestsRow | null {
  const recorded = events.filter((event) => event.type === 'github.requests');
  if (recorded.length === 0) return null;
  const row: GithubRequestsRow = { total: 0, byKind: {} };
  for (const event of recorded) {
    const payload = event.payload as { total?: unknown; by_kind?: Record<string, unknown> };
    row.total += typeof payload.total === 'number' ? payload.total : 0;
    for (const [kind, count] of Object.entries(payload.by_kind ?? {}))
      if (typeof count === 'number') row.byKind[kind] = (row.byKind[kind] ?? 0) + count;
  }
  return row;
}
