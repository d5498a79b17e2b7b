import type { CallProgress, FailoverDeps, OpenCall } from './failover-context.ts';
import { ProviderError } from './provider-error.ts';

/**
 * Records a refused usage report (the call was charged its full reservation) in the ledger and the
 * failover path, and returns the provider error the caller sees.
 */
export async function refuseUsage(
  deps: FailoverDeps,
  progress: CallProgress,
  open: OpenCall,
  problem: string,
  costEur: number,
): Promise<ProviderError> {
  const { provider, model } = open.call;
  const message = `${problem}; the call was charged its full reservation (€${costEur.toFixed(4)})`;
  await deps.record(progress.chain, 'model.usage_refused', {
    task: progress.task,
    correlation_id: progress.request.correlationId,
    provider,
    model,
    reason: problem,
    charged: 'full_reservation',
    cost_eur: costEur,
    reserved_eur: open.reservation.amountEur,
  });
  progress.path.push({ provider, model, outcome: 'failed', reason: message });
  return new ProviderError({ provider, kind: 'invalid_usage', message });
}

/**
 * Throws the provider error of a settlement whose reported usage could not be charged (see
 * `refuseUsage`); does nothing when the usage was charged.
 */
export async function throwIfUsageRefused(
  deps: FailoverDeps,
  progress: CallProgress,
  open: OpenCall,
  spend: { refusedUsage?: string | undefined; costEur: number },
): Promise<void> {
  if (spend.refusedUsage === undefined) return;
  throw await refuseUsage(
    deps,
    progress,
    open,
    `${open.call.model} reported usage that cannot be charged: ${spend.refusedUsage}`,
    spend.costEur,
  );
}
