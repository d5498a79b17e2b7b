import { describe, expect, it } from 'vitest';
import { costEur, decideReservation } from '#src/policy/finops/finops-reservation.ts';
import type { CounterState } from '#src/policy/finops/finops-types.ts';

const eur = (cap: number, spent = 0, reserved = 0, scope: CounterState['scope'] = 'global'): CounterState => ({
  scope,
  scopeId: 'x',
  period: 'day',
  periodKey: '2026-11-22',
  unit: 'eur',
  cap,
  spent,
  reserved,
});
const price = { inputPer1k: 0.002, outputPer1k: 0.01 };

describe('decideReservation', () => {
  it('reserves the worst case of the desired output when it fits', () => {
    const decision = decideReservation([eur(100)], { price, inputTokens: 1000, desiredMaxTokens: 4000, minOutputTokens: 256 });
    expect(decision).toEqual({ allow: true, maxTokens: 4000, amountEur: costEur(price, 1000, 4000), tokens: 5000 });
  });

  it('lowers max tokens to what the tightest counter allows', () => {
    // €0.05 left: input costs €0.002, leaving €0.048 → 4,800 output tokens at €0.01/1k.
    const decision = decideReservation([eur(100), eur(1, 0.9, 0.05, 'run')], {
      price,
      inputTokens: 1000,
      desiredMaxTokens: 8000,
      minOutputTokens: 256,
    });
    expect(decision).toMatchObject({ allow: true, maxTokens: 4800 });
    if (decision.allow) expect(decision.amountEur).toBeCloseTo(0.05, 12);
  });

  it('refuses, naming the limiting counter, when not even the minimum fits', () => {
    const run = eur(1, 0.99, 0.009, 'run');
    const decision = decideReservation([eur(100), run], { price, inputTokens: 1000, desiredMaxTokens: 8000, minOutputTokens: 256 });
    expect(decision).toEqual({ allow: false, limiting: run, needed: costEur(price, 1000, 256) });
  });

  it('counts tokens against token counters', () => {
    const tokens: CounterState = { ...eur(10_000), scope: 'provider', unit: 'tokens', spent: 7_000 };
    expect(decideReservation([tokens], { price, inputTokens: 1_000, desiredMaxTokens: 4_000, minOutputTokens: 100 })).toMatchObject({
      allow: true,
      maxTokens: 2_000,
      tokens: 3_000,
    });
  });

  it('lets a free model through only while its input fits', () => {
    const free = { inputPer1k: 0, outputPer1k: 0 };
    expect(decideReservation([eur(1, 1)], { price: free, inputTokens: 10, desiredMaxTokens: 500, minOutputTokens: 1 })).toMatchObject({
      allow: true,
      maxTokens: 500,
      amountEur: 0,
    });
  });
});
