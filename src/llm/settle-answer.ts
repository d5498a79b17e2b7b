import type { CallProgress, FailoverDeps, OpenCall } from './failover-context.ts';
import { throwIfUsageRefused } from './refuse-usage.ts';
import type { RouteResult } from './route-request.ts';
import type { CompletionResult } from './types.ts';

/**
 * Settles an answered call at the usage its vendor reported, records it in the ledger and returns
 * the routed result. Usage that cannot be charged is thrown as a provider error (the call was
 * charged its full reservation).
 */
export async function settleAnswer(
  deps: FailoverDeps,
  progress: CallProgress,
  open: OpenCall,
  result: CompletionResult,
  callStarted: number,
): Promise<RouteResult> {
  const { call } = open;
  const { path, attempts } = progress;
  const spend = await deps.guardian.settle(open.reservation.id, result.usage, {
    latencyMs: deps.now() - callStarted,
    attempts,
    failoverPath: path,
    ...progress.settleMeta,
    // Our own estimate is not judged against the window; a vendor's report is.
    contextWindow: result.usageEstimated ? undefined : call.contextWindow,
    // The settlement's anomaly and alert lines are the calling node's.
    logger: progress.request.logger,
  });
  await throwIfUsageRefused(deps, progress, open, spend);
  path.push({ provider: call.provider, model: call.model, outcome: 'ok' });
  const routed: RouteResult = {
    ...result,
    costEur: spend.costEur,
    reservedEur: spend.reservedEur,
    attempts,
    latencyMs: deps.now() - progress.started,
    failoverPath: path,
  };
  await deps.record(progress.chain, 'model.call', {
    task: progress.task,
    correlation_id: progress.request.correlationId,
    provider: result.provider,
    model: result.model,
    input_tokens: result.usage.inputTokens,
    output_tokens: result.usage.outputTokens,
    cost_eur: spend.costEur,
    reserved_eur: spend.reservedEur,
    charged: spend.charged,
    usage_over_reservation: spend.overReservation,
    latency_ms: routed.latencyMs,
    attempts,
    failover_path: path,
    residency: progress.residencyLog,
    response: {
      text: result.text,
      structured: result.structured ?? null,
      finish_reason: result.finishReason,
      ...(result.toolCalls && result.toolCalls.length > 0 ? { tool_calls: result.toolCalls } : {}),
    },
  });
  return routed;
}
