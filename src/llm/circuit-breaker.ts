/** Breaker settings from configs/model_routing.yaml. */
export interface CircuitBreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
  now?: () => number;
  /** Called each time the breaker opens: from closed at the threshold, or again when a half-open probe fails. */
  onOpen?: () => void;
  /**
   * Told of each transition that matters outside this process: the breaker opened (again), or it
   * closed after being open. Half-opening needs no call: it follows from `retryAt` and the clock.
   */
  onChange?: (change: CircuitChange) => void;
}

/** A transition of a breaker, as other processes learn of it (see CircuitBreakerOptions.onChange). */
export type CircuitChange = { state: 'open'; failures: number; openedAt: number; retryAt: number } | { state: 'closed' };

/** What a breaker reports about itself. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * A per-provider circuit breaker. Closed: calls pass, consecutive failures are counted; at the
 * threshold it opens. Open: calls are refused until the cooldown has passed, then it half-opens
 * and lets exactly one probe through. The probe's success closes it; its failure opens it again
 * for another cooldown.
 */
export function createCircuitBreaker(options: CircuitBreakerOptions) {
  const now = options.now ?? Date.now;
  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let probeInFlight = false;

  const current = (): CircuitState => {
    if (state === 'open' && now() - openedAt >= options.cooldownMs) {
      state = 'half-open';
      probeInFlight = false;
    }
    return state;
  };

  return {
    state: current,
    /** When the breaker will let a probe through, or null while closed. */
    retryAt: (): number | null => (current() === 'closed' ? null : openedAt + options.cooldownMs),
    /** Asks to send one call now; in half-open state only the first asker gets through. */
    tryAcquire(): boolean {
      const s = current();
      if (s === 'closed') return true;
      if (s === 'half-open' && !probeInFlight) {
        probeInFlight = true;
        return true;
      }
      return false;
    },
    onSuccess(): void {
      // Only a breaker that was not closed reports closing: a success per call must cost nothing.
      if (state !== 'closed') options.onChange?.({ state: 'closed' });
      state = 'closed';
      failures = 0;
      probeInFlight = false;
    },
    onFailure(): void {
      const s = current();
      failures += 1;
      probeInFlight = false;
      if (s === 'half-open' || failures >= options.failureThreshold) {
        state = 'open';
        openedAt = now();
        // A failure reported while already open (a call that started before it opened) is no new opening.
        if (s !== 'open') options.onOpen?.();
        options.onChange?.({ state: 'open', failures, openedAt, retryAt: openedAt + options.cooldownMs });
      }
    },
  };
}

/** One provider's breaker. */
export type CircuitBreaker = ReturnType<typeof createCircuitBreaker>;
