import { BudgetExceeded } from '../policy/finops/index.ts';
import type { Reservation } from '../state/budget/budget-store.ts';
import { callCandidate } from './call-candidate.ts';
import type { CallProgress, FailoverDeps } from './failover-context.ts';
import { windowTooSmall, type PlannedCall, type PlannedStep } from './plan-call.ts';
import { ProviderError } from './provider-error.ts';
import type { RouteResult } from './route-request.ts';
import { NoProviderAvailable } from './router-errors.ts';

/**
 * Acts on a call's plan: takes the planned candidates in order, reserves each one's worst case and
 * calls it (see callCandidate) until one answers. A candidate the budget refuses, or whose window
 * is no larger than one the prompt already overflowed, is skipped. When none answers, the refusal
 * is recorded in the ledger and thrown: the budget's own when nothing failed, otherwise
 * NoProviderAvailable with every step of the way.
 */
export async function callWithFailover(deps: FailoverDeps, progress: CallProgress, steps: readonly PlannedStep[]): Promise<RouteResult> {
  for (const step of steps) {
    if ('skip' in step) {
      progress.path.push(step.skip);
      continue;
    }
    const { call } = step;
    if (call.contextWindow <= progress.overflowedWindow) {
      progress.path.push(windowTooSmall(call));
      continue;
    }
    const reservation = await reserve(deps, progress, call);
    if (!reservation) continue;
    const answer = await callCandidate(deps, progress, call, reservation);
    if (answer) return answer;
  }
  return refuse(deps, progress);
}

/** Reserves a candidate's worst case; a budget refusal skips the candidate (and is kept for the end). */
async function reserve(deps: FailoverDeps, progress: CallProgress, call: PlannedCall): Promise<Reservation | undefined> {
  const { request, task } = progress;
  try {
    return await deps.guardian.reserve(call.budget, {
      runId: request.budget?.runId,
      correlationId: request.correlationId,
      model: call.model,
      task,
      price: call.price,
      inputTokens: call.inputTokens,
      desiredMaxTokens: call.desiredMaxTokens,
      minOutputTokens: call.minOutputTokens,
    });
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    progress.budgetRefusal ??= error;
    progress.path.push({ provider: call.provider, model: call.model, outcome: 'skipped', reason: error.message });
    return undefined;
  }
}

/** No candidate answered: records the refusal and throws it. */
async function refuse(deps: FailoverDeps, progress: CallProgress): Promise<never> {
  const { task, request, path, budgetRefusal, lastError } = progress;
  const refusal = budgetRefusal && !path.some((step) => step.outcome === 'failed') ? budgetRefusal : undefined;
  await deps.record(progress.chain, 'model.refused', {
    task,
    correlation_id: request.correlationId,
    failover_path: path,
    residency: progress.residencyLog,
    reason: refusal?.message ?? null,
  });
  if (refusal) throw refusal;
  throw new NoProviderAvailable(task, path, { retryable: lastError instanceof ProviderError && lastError.retryable, cause: lastError });
}
