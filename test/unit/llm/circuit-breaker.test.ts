import { describe, expect, it } from 'vitest';
import { createCircuitBreaker, type CircuitChange } from '#src/llm/circuit-breaker.ts';

describe('circuit breaker', () => {
  const setup = () => {
    let clock = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 3, cooldownMs: 1000, now: () => clock });
    return { breaker, advance: (ms: number) => (clock += ms) };
  };

  it('opens after the threshold of consecutive failures, not before', () => {
    const { breaker } = setup();
    breaker.onFailure();
    breaker.onFailure();
    expect(breaker.state()).toBe('closed');
    breaker.onSuccess();
    breaker.onFailure();
    breaker.onFailure();
    expect(breaker.tryAcquire()).toBe(true);
    breaker.onFailure();
    expect(breaker.state()).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('half-opens after the cooldown and lets exactly one probe through', () => {
    const { breaker, advance } = setup();
    for (let i = 0; i < 3; i += 1) breaker.onFailure();
    advance(999);
    expect(breaker.tryAcquire()).toBe(false);
    advance(1);
    expect(breaker.state()).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('closes when the probe succeeds and reopens for a full cooldown when it fails', () => {
    const { breaker, advance } = setup();
    for (let i = 0; i < 3; i += 1) breaker.onFailure();
    advance(1000);
    breaker.tryAcquire();
    breaker.onFailure();
    expect(breaker.state()).toBe('open');
    advance(500);
    expect(breaker.tryAcquire()).toBe(false);
    advance(500);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.onSuccess();
    expect(breaker.state()).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('reports each opening once: at the threshold, and again when a half-open probe fails', () => {
    let clock = 0;
    let openings = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 2, cooldownMs: 1000, now: () => clock, onOpen: () => (openings += 1) });
    breaker.onFailure();
    expect(openings).toBe(0);
    breaker.onFailure();
    expect(openings).toBe(1);
    // A late failure of a call started before the breaker opened is no new opening.
    breaker.onFailure();
    expect(openings).toBe(1);
    clock += 1000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.onFailure();
    expect(openings).toBe(2);
    clock += 1000;
    breaker.tryAcquire();
    breaker.onSuccess();
    breaker.onFailure();
    expect(openings).toBe(2);
  });

  it('tells of opening (with when it lets a probe through) and of closing again, and of nothing else', () => {
    let clock = 5000;
    const changes: CircuitChange[] = [];
    const breaker = createCircuitBreaker({
      failureThreshold: 2,
      cooldownMs: 1000,
      now: () => clock,
      onChange: (change) => changes.push(change),
    });
    breaker.onSuccess();
    breaker.onFailure();
    breaker.onSuccess();
    expect(changes).toEqual([]);
    breaker.onFailure();
    breaker.onFailure();
    expect(changes).toEqual([{ state: 'open', failures: 2, openedAt: 5000, retryAt: 6000 }]);
    clock = 6000;
    breaker.tryAcquire();
    breaker.onFailure();
    expect(changes.at(-1)).toEqual({ state: 'open', failures: 3, openedAt: 6000, retryAt: 7000 });
    clock = 7000;
    breaker.tryAcquire();
    breaker.onSuccess();
    breaker.onSuccess();
    expect(changes.at(-1)).toEqual({ state: 'closed' });
    expect(changes).toHaveLength(3);
  });
});
