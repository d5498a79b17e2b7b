import { describe, expect, it } from 'vitest';
import { readScopeSpend } from '#src/state/budget/read-scope-spend.ts';

const NOW = new Date('2026-12-02T10:00:00Z');

/** Settled spend by scope, answering as the budget store's spendSince does. */
function spendOf(table: Record<string, number>) {
  const asked: Array<{ since: string; of: Record<string, string | undefined> }> = [];
  return {
    asked,
    async spendSince(since: Date, of: { installationId?: string; repository?: string }) {
      asked.push({ since: since.toISOString(), of });
      return table[of.repository ?? `installation:${of.installationId}`] ?? 0;
    },
  };
}

describe('readScopeSpend', () => {
  it('shows the capped counter where a cap applies and the settled sum elsewhere, and nothing of another scope', async () => {
    const store = spendOf({ 'octo/app': 1.5, 'installation:7': 4.25, 'octo/other': 99 });
    const rows = await readScopeSpend(
      { installation: { id: '7' }, repository: { id: 'octo/app', dailyCapEur: 10 } },
      NOW,
      [
        { scope: 'repository', scopeId: 'octo/app', period: 'day', unit: 'eur', cap: 10, spent: 2, reserved: 0.5, remaining: 7.5 },
        // Another repository's counter and a token counter must not be shown.
        { scope: 'repository', scopeId: 'octo/other', period: 'day', unit: 'eur', cap: 5, spent: 5, reserved: 0, remaining: 0 },
        { scope: 'repository', scopeId: 'octo/app', period: 'month', unit: 'tokens', cap: 1000, spent: 10, reserved: 0, remaining: 990 },
      ],
      store,
    );
    expect(
      rows.map(({ scope, scopeId, period, spent, cap, reserved, remaining }) => ({
        scope,
        scopeId,
        period,
        spent,
        cap,
        reserved,
        remaining,
      })),
    ).toEqual([
      { scope: 'repository', scopeId: 'octo/app', period: 'day', spent: 2, cap: 10, reserved: 0.5, remaining: 7.5 },
      { scope: 'repository', scopeId: 'octo/app', period: 'month', spent: 1.5, cap: null, reserved: null, remaining: null },
      { scope: 'installation', scopeId: '7', period: 'day', spent: 4.25, cap: null, reserved: null, remaining: null },
      { scope: 'installation', scopeId: '7', period: 'month', spent: 4.25, cap: null, reserved: null, remaining: null },
    ]);
    expect(store.asked).toEqual([
      { since: '2026-12-01T00:00:00.000Z', of: { repository: 'octo/app' } },
      { since: '2026-12-02T00:00:00.000Z', of: { installationId: '7' } },
      { since: '2026-12-01T00:00:00.000Z', of: { installationId: '7' } },
    ]);
    expect(rows.map((row) => row.resetsAt.toISOString())).toEqual([
      '2026-12-03T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
      '2026-12-03T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ]);
  });
});
