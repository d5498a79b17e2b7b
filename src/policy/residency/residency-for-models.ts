import { decideResidency } from './decide-residency.ts';
import type { ResidencyDecision, ResidencyInput } from './residency-types.ts';

/** How bad a decision is: a denial, then an allowed but non-compliant call, then a compliant one. */
const severity = (decision: ResidencyDecision): number => (!decision.allow ? 2 : decision.compliant ? 0 : 1);

/**
 * Decides a vendor for every model aos may send to it and returns the worst decision, since one
 * model can break residency on an otherwise EU endpoint (a `us.` Bedrock inference profile).
 * With no models, decides on the endpoint alone.
 */
export function decideResidencyForModels(input: Omit<ResidencyInput, 'model'> & { models: readonly string[] }): ResidencyDecision {
  const { models, ...base } = input;
  const decisions = models.length === 0 ? [decideResidency(base)] : models.map((model) => decideResidency({ ...base, model }));
  return decisions.reduce((worst, decision) => (severity(decision) > severity(worst) ? decision : worst));
}
