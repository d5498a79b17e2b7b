import { AosError } from '../observability/aos-error.ts';
import type { ProviderName, TaskType } from './types.ts';

/** One step of a call's way through the candidates, for errors, the ledger and run pages. */
export interface FailoverStep {
  provider: ProviderName;
  model?: string;
  outcome: 'ok' | 'skipped' | 'failed' | 'retried';
  reason?: string;
}

/** No provider could answer: each was skipped or failed, and the message says why for each. */
export class NoProviderAvailable extends AosError {
  readonly task: TaskType;
  readonly path: FailoverStep[];
  constructor(task: TaskType, path: FailoverStep[], options: { retryable?: boolean; cause?: unknown } = {}) {
    const lines = path
      .filter((step) => step.outcome !== 'retried')
      .map((step) => `- ${step.provider}${step.model ? ` (${step.model})` : ''}: ${step.reason ?? step.outcome}`);
    super('no_provider_available', `No model provider could take the ${task} call:\n${lines.join('\n')}`, options);
    this.task = task;
    this.path = path;
  }
}

/** The model's answer did not fit the requested schema, even after one repair attempt. */
export class InvalidModelOutput extends AosError {
  readonly issues: string;
  constructor(task: TaskType, issues: string) {
    super('invalid_model_output', `The model's ${task} answer did not match the expected format after one repair attempt: ${issues}`);
    this.issues = issues;
  }
}
