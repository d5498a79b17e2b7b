import { AosError } from '../../observability/aos-error.ts';

/**
 * A registry or OSV could not answer: connection refused, timeouts, 429/5xx after every retry, or
 * an answer aos cannot use (401, 403, not JSON). The message names the origin (never the
 * credentials in a URL) and what happened, for the report.
 */
export class PackageSourceError extends AosError {
  constructor(message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super('package_source_unreachable', message, options);
  }
}
