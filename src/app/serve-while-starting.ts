import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RunStore } from '../state/run-store.ts';
import type { ReadinessCheck } from './http/health-handler.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

/** What the server can do only once the database is open and the agent stack is built. */
export interface StartedApp {
  runStore: Pick<RunStore, 'recordDelivery'>;
  handlers: Handler[];
}

/**
 * Lets the server listen before the database is open: `/healthz` answers at once, the readiness check fails with
 * "starting" (so `/readyz` is 503 and a load balancer sends nothing yet), a webhook that arrives meanwhile is
 * recorded and queued as soon as the database is open (its delivery is held, not refused), and the other
 * endpoints wait the same way. When start-up fails, every held request fails with that error.
 */
export function serveWhileStarting(started: Promise<StartedApp>): {
  runStore: Pick<RunStore, 'recordDelivery'>;
  handler: Handler;
  readiness: ReadinessCheck;
} {
  let state: { done: false } | { done: true; error?: unknown } = { done: false };
  started.then(
    () => (state = { done: true }),
    (error: unknown) => (state = { done: true, error }),
  );
  return {
    runStore: { recordDelivery: async (deliveryId, event) => (await started).runStore.recordDelivery(deliveryId, event) },
    handler: async (req, res) => {
      for (const handler of (await started).handlers) if (await handler(req, res)) return true;
      return false;
    },
    readiness: {
      name: 'start-up',
      check: async () => {
        if (!state.done) throw new Error('starting: the database is being opened');
        if ('error' in state) throw state.error instanceof Error ? state.error : new Error(String(state.error));
      },
    },
  };
}
