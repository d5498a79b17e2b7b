import type { AosErrorCode } from './aos-error-code.ts';

export type { AosErrorCode };

/**
 * The one error base of aos. `code` is stable and machine-readable; `message` is written for the
 * person who will read it (an operator in a terminal, a maintainer on GitHub). `retryable` tells
 * queues and the router whether trying again can help.
 */
export class AosError extends Error {
  readonly code: AosErrorCode;
  readonly retryable: boolean;

  constructor(code: AosErrorCode, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** True when `error` is an AosError with the given code. */
export function isAosError(error: unknown, code?: AosErrorCode): error is AosError {
  return error instanceof AosError && (code === undefined || error.code === code);
}
