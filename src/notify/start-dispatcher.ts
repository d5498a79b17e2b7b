import type { Logger } from '../observability/logger.ts';

/** A running dispatcher loop. */
export interface Dispatcher {
  /** Runs the next round now instead of after the interval (e.g. right after a publish). */
  wake(): void;
  /** Stops polling and resolves once the round in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Calls `deliverDue` in a loop: again at once while rounds come back full, else after
 * `intervalMs`. A failing round is logged and the loop goes on; nothing is lost, since undelivered
 * rows stay pending in the outbox.
 */
export function startDispatcher(options: {
  deliverDue: (options: { limit: number }) => Promise<{ claimed: number }>;
  logger: Logger;
  intervalMs: number;
  limit: number;
}): Dispatcher {
  let stopped = false;
  // A wake during a round may come after that round's claim: it earns one more round at once.
  let woken = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  const pause = () =>
    new Promise<void>((resolve) => {
      if (woken) return resolve();
      wakeUp = resolve;
      timer = setTimeout(resolve, options.intervalMs);
    });
  const loop = (async () => {
    while (!stopped) {
      woken = false;
      let claimed = 0;
      try {
        ({ claimed } = await options.deliverDue({ limit: options.limit }));
      } catch (error) {
        options.logger.error({ err: error }, 'notification dispatch round failed; pending notifications stay in the outbox');
      }
      if (!stopped && claimed < options.limit) await pause();
    }
  })();
  const wake = () => {
    woken = true;
    clearTimeout(timer);
    wakeUp?.();
  };
  return {
    wake,
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}
