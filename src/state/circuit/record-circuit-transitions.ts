import type { Logger } from '../../observability/logger.ts';
import type { CircuitStore, CircuitTransition } from './circuit-store.ts';

/**
 * A router's `onCircuitChange` that records each transition in the circuit store without ever
 * holding up or failing the model call that caused it. Writes go one after another, so an open
 * followed at once by a close cannot land in the wrong order; a failed write is logged.
 */
export function recordCircuitTransitions(options: { store: Pick<CircuitStore, 'record'>; processId: string; logger: Logger }) {
  let pending: Promise<void> = Promise.resolve();
  const record = (provider: string, transition: CircuitTransition): void => {
    pending = pending
      .then(() => options.store.record(options.processId, provider, transition))
      .catch((error: unknown) =>
        options.logger.warn(
          { err: error instanceof Error ? error.message : String(error), provider },
          'recording a circuit breaker transition failed; aos status may not show it',
        ),
      );
  };
  /** Resolves when every transition recorded so far is written (tests, shutdown). */
  record.settled = () => pending;
  return record;
}
