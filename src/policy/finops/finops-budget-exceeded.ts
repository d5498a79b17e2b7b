import { AosError } from '../../observability/aos-error.ts';
import type { BudgetStanding, BudgetUnit } from './finops-types.ts';

/** What a refusal names, for the person who reads it on GitHub or in the CLI. */
export interface BudgetExceededDetails extends BudgetStanding {
  /** What the smallest useful call would have needed. */
  needed: number;
}

const amount = (unit: BudgetUnit, value: number) =>
  unit === 'eur' ? `€${value.toFixed(2)}` : `${Math.round(value).toLocaleString('en')} tokens`;

const scopeLabel = (d: BudgetExceededDetails) => {
  const period = d.period === 'run' ? '' : `${d.period === 'day' ? 'daily' : 'monthly'} `;
  switch (d.scope) {
    case 'global':
      return `global ${period}cap`;
    case 'provider':
      return `${d.scopeId} ${period}token ceiling`;
    case 'run':
      return `cap of run ${d.scopeId}`;
    default:
      return `${d.scope} ${d.scopeId} ${period}cap`;
  }
};

/** A model call refused because it could exceed a cap. Expected, not a crash: shown to users as is. */
export class BudgetExceeded extends AosError {
  readonly details: BudgetExceededDetails;
  constructor(details: BudgetExceededDetails) {
    const resets = details.resetsAt
      ? `resets ${details.resetsAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`
      : 'does not reset (raise the run cap or start a new run)';
    super(
      'budget_exceeded',
      `Budget exceeded: the ${scopeLabel(details)} is ${amount(details.unit, details.cap)}; spent ${amount(details.unit, details.spent)}, reserved by calls in flight ${amount(details.unit, details.reserved)}; this call needs at least ${amount(details.unit, details.needed)}. The cap ${resets}.`,
    );
    this.details = details;
  }
}
