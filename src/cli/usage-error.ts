import { AosError } from '../observability/aos-error.ts';

/** Bad usage or input on the command line: exit code 2, with the help text of the command. */
export class UsageError extends AosError {
  constructor(message: string) {
    super('usage', message);
  }
}
