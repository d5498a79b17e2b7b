import type { OpenCircuit } from '../circuit/circuit-store.ts';
import type { CircuitProviderStatus } from './system-status.ts';

/**
 * Each routed provider's breaker across processes: open when any process refuses calls to it now,
 * half-open when a recorded cooldown has ended and no probe's outcome is recorded yet, else closed.
 */
export function circuitProviders(providers: readonly string[], open: readonly OpenCircuit[], now: Date): CircuitProviderStatus[] {
  const names = [...new Set([...providers, ...open.map((row) => row.provider)])];
  return names.map((provider) => {
    const processes = open
      .filter((row) => row.provider === provider)
      .map((row) => ({
        process: row.process,
        state: row.retryAt.getTime() > now.getTime() ? ('open' as const) : ('half-open' as const),
        failures: row.failures,
        opened_at: row.openedAt.toISOString(),
        retry_at: row.retryAt.toISOString(),
      }));
    const state = processes.some((row) => row.state === 'open') ? 'open' : processes.length > 0 ? 'half-open' : 'closed';
    return { provider, state, processes };
  });
}
