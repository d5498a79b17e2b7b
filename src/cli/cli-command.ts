import type { ParseArgsConfig } from 'node:util';

/** What a command receives: parsed arguments and where to print. */
export interface CliInvocation {
  positionals: string[];
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  /** Prints a line of the command's output (stdout). */
  out(text: string): void;
  /** Prints progress or diagnostics (stderr), so stdout stays parseable with --json. */
  err(text: string): void;
}

/**
 * One `aos` subcommand. The descriptor holds only its texts and options, so `aos --help` and
 * `aos <command> --help` load nothing else; `run` imports the command's implementation when it
 * runs. It returns the exit code: 0 ok, 1 a finding. Bad usage throws UsageError (2).
 */
export interface CliCommand {
  name: string;
  summary: string;
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(invocation: CliInvocation): Promise<number>;
}
