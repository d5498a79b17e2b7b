import { describe, expect, it } from 'vitest';
import { counterKeysFor, periodKey, periodResetsAt } from '#src/policy/finops/finops-periods.ts';

describe('budget periods (UTC)', () => {
  const lateEvening = new Date('2026-12-31T23:59:59.999Z');
  it('keys days and months in UTC', () => {
    expect(periodKey('day', lateEvening)).toBe('2026-12-31');
    expect(periodKey('month', lateEvening)).toBe('2026-12');
    expect(periodKey('run', lateEvening)).toBe('all');
  });
  it('resets at the next UTC midnight and the first of the next month', () => {
    expect(periodResetsAt('day', lateEvening)?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(periodResetsAt('month', new Date('2026-02-15T12:00:00Z'))?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(periodResetsAt('run', lateEvening)).toBeNull();
  });
  it('orders counters the same way whatever order the limits come in, so locks never cross', () => {
    const limits = [
      { scope: 'run' as const, scopeId: 'r', period: 'run' as const, unit: 'eur' as const, cap: 5 },
      { scope: 'global' as const, scopeId: 'p', period: 'month' as const, unit: 'eur' as const, cap: 9 },
      { scope: 'global' as const, scopeId: 'p', period: 'day' as const, unit: 'eur' as const, cap: 1 },
    ];
    const a = counterKeysFor(limits, lateEvening).map((key) => `${key.scope}/${key.period}`);
    const b = counterKeysFor([...limits].reverse(), lateEvening).map((key) => `${key.scope}/${key.period}`);
    expect(a).toEqual(b);
    expect(a).toEqual(['global/day', 'global/month', 'run/run']);
  });
});
