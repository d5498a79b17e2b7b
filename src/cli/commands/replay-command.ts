import type { CliCommand } from '../cli-command.ts';

/** `aos replay <run-id> [--repo <path>] [--json]`. */
export const replayCommand: CliCommand = {
  name: 'replay',
  summary: 're-run a recorded run on its recorded model answers and compare',
  help: `Usage: aos replay <run-id> [--repo <path>] [--json]

Verifies the run's ledger, then runs the agent graph again on the repository at the run's base
commit with every model answer taken from the ledger: no model is called and nothing is written
to the database. The replay matches when it ends in the same final state hash.

  --repo <path>  a git checkout that has the run's base commit (default: the current directory)
  --json         print the result as JSON on stdout

Exit codes: 0 the replay matches, 1 it differs, 2 bad usage, an unknown run, a missing commit or
a ledger that fails verification (replay refused).`,
  options: { repo: { type: 'string' }, json: { type: 'boolean' } },
  run: async (invocation) => (await import('./replay-recorded-run.ts')).replayRecordedRun(invocation),
};
