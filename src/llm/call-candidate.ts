import type { Reservation } from '../state/budget/budget-store.ts';
import { backoffDelay, MAX_RETRY_AFTER_MS } from './backoff-delay.ts';
import type { CallProgress, FailoverDeps, OpenCall } from './failover-context.ts';
import type { PlannedCall } from './plan-call.ts';
import { ProviderError } from './provider-error.ts';
import { refuseUsage, throwIfUsageRefused } from './refuse-usage.ts';
import type { RouteResult } from './route-request.ts';
import { settleAnswer } from './settle-answer.ts';
import { withSpan } from '../observability/tracing/with-span.ts';
import { modelCallSpanName, modelCallSpanOptions, recordModelAnswer } from './trace-model-call.ts';

/**
 * Calls one reserved candidate, asking for exactly the output tokens its reservation granted, with
 * up to `failover.max_retries` retries on retryable errors (backing off, honouring Retry-After up
 * to MAX_RETRY_AFTER_MS) while its circuit breaker lets calls through. Returns the settled answer,
 * or undefined to move on to the next candidate. Throws what must not fail over: a non-retryable
 * error, an answer the vendor billed but that failed, or usage that cannot be charged. The
 * reservation is released unless the vendor billed the call.
 */
export function callCandidate(
  deps: FailoverDeps,
  progress: CallProgress,
  call: PlannedCall,
  reservation: Reservation,
): Promise<RouteResult | undefined> {
  const content = deps.traceContent === true;
  const residency = deps.residencyOf?.(call.provider);
  const span = modelCallSpanOptions(progress, call, reservation, residency, content);
  // One span per candidate, its retries included: what the budget reserved and charged is per candidate.
  return withSpan(modelCallSpanName(call), span, async (active) => {
    const answer = await attemptCandidate(deps, progress, call, reservation);
    recordModelAnswer(active, answer, progress, content);
    return answer;
  });
}

async function attemptCandidate(
  deps: FailoverDeps,
  progress: CallProgress,
  call: PlannedCall,
  reservation: Reservation,
): Promise<RouteResult | undefined> {
  const open: OpenCall = { call, reservation, breaker: deps.breakerFor(call.provider), closed: false };
  const provider = deps.providers.get(call.provider)!;
  const { request } = progress;
  try {
    for (let attempt = 0; attempt <= deps.failover.max_retries; attempt += 1) {
      if (!open.breaker.tryAcquire()) {
        progress.path.push({
          provider: call.provider,
          model: call.model,
          outcome: 'skipped',
          reason: `${call.provider} is failing: its circuit breaker is open`,
        });
        return undefined;
      }
      progress.attempts += 1;
      const callStarted = deps.now();
      try {
        const result = await provider.complete({
          model: call.model,
          messages: request.messages,
          maxTokens: reservation.maxTokens,
          timeoutMs: deps.failover.timeout_ms,
          ...(request.schema ? { schema: request.schema } : {}),
          ...(request.tools && request.tools.length > 0 ? { tools: request.tools, toolChoice: request.toolChoice ?? 'auto' } : {}),
        });
        open.breaker.onSuccess();
        open.closed = true;
        return await settleAnswer(deps, progress, open, result, callStarted);
      } catch (error) {
        if (!(error instanceof ProviderError) || open.closed) throw error;
        progress.lastError = error;
        if ((await afterFailure(deps, progress, open, error, { attempt, callStarted })) === 'next') return undefined;
      }
    }
    return undefined;
  } finally {
    // Only a call the vendor never billed is given back.
    if (!open.closed) await deps.guardian.release(reservation.id);
  }
}

/**
 * Decides what a provider error means for this candidate, and does it: charge a billed failure
 * and throw, move on ('next': window too small, retries used up), or back off and retry ('retry').
 */
async function afterFailure(
  deps: FailoverDeps,
  progress: CallProgress,
  open: OpenCall,
  error: ProviderError,
  at: { attempt: number; callStarted: number },
): Promise<'retry' | 'next'> {
  const { call, breaker, reservation } = open;
  const step = { provider: call.provider, model: call.model };
  if (error.kind === 'invalid_usage') {
    // The vendor answered but its bill cannot be believed: charge the most it could be.
    breaker.onSuccess();
    open.closed = true;
    const problem = error.message.replace(`${call.provider}: `, '');
    const spend = await deps.guardian.refuseUsage(reservation.id, problem, {
      latencyMs: deps.now() - at.callStarted,
      attempts: progress.attempts,
      failoverPath: progress.path,
      ...progress.settleMeta,
      logger: progress.request.logger,
    });
    throw await refuseUsage(deps, progress, open, problem, spend.costEur);
  }
  if (error.usage) {
    // The vendor billed this answer (cut off, refused, or not valid JSON): charge it.
    open.closed = true;
    const spend = await deps.guardian.settle(reservation.id, error.usage, {
      attempts: progress.attempts,
      failoverPath: progress.path,
      outcome: 'error',
      ...progress.settleMeta,
      contextWindow: call.contextWindow,
      logger: progress.request.logger,
    });
    breaker.onSuccess();
    await throwIfUsageRefused(deps, progress, open, spend);
    throw error;
  }
  if (error.kind === 'context_window') {
    breaker.onSuccess();
    progress.overflowedWindow = call.contextWindow;
    progress.path.push({ ...step, outcome: 'failed', reason: error.message });
    return 'next';
  }
  if (!error.retryable) {
    breaker.onSuccess();
    throw error;
  }
  breaker.onFailure();
  const retryAfter = error.retryAfterMs;
  const lastTry = at.attempt === deps.failover.max_retries || (retryAfter !== undefined && retryAfter > MAX_RETRY_AFTER_MS);
  progress.path.push({ ...step, outcome: lastTry ? 'failed' : 'retried', reason: error.message });
  if (lastTry) return 'next';
  await deps.sleep(backoffDelay(at.attempt, deps.failover.retry_delay_ms, retryAfter, deps.random));
  return 'retry';
}
