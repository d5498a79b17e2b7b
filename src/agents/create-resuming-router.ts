import type { Router } from '../llm/router.ts';
import type { LedgerEvent } from '../state/ledger/ledger-types.ts';
import { createReplayRouter } from './create-replay-router.ts';

/**
 * A router that first answers with model calls a run already made and paid for (`model.call`
 * events of a node a crash interrupted), then routes live: a node resumed mid-way gets the same
 * answers again at no cost, and the budget sees each call once.
 */
export function createResumingRouter(router: Pick<Router, 'route'>, recorded: readonly LedgerEvent[]): Pick<Router, 'route'> {
  if (recorded.length === 0) return router;
  const replay = createReplayRouter(recorded);
  let left = recorded.length;
  return {
    async route(task, request) {
      if (left === 0) return router.route(task, request);
      left -= 1;
      return replay.route(task, request);
    },
  };
}
