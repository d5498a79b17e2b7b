import type { CliCommand } from '../cli-command.ts';

/** How many runs `aos runs list` shows without --limit. */
export const RUNS_LIST_DEFAULT_LIMIT = 20;

/** `aos runs list [--json] [--limit N]` · `aos runs show <id> [--json]`. */
export const runsCommand: CliCommand = {
  name: 'runs',
  summary: 'list recorded runs, or show one with its ledger check',
  help: `Usage: aos runs list [--json] [--limit N]
       aos runs show <run-id> [--json]

  list   the newest runs first (default ${RUNS_LIST_DEFAULT_LIMIT}): id, time, kind, status, verdict, cost, where
  show   one run's record, how many ledger events it has and whether its hash chain verifies

Exit codes: 0 ok, 1 the run's ledger is broken, 2 bad usage or an unknown run id.`,
  options: { json: { type: 'boolean' }, limit: { type: 'string' } },
  run: async (invocation) => (await import('./inspect-runs.ts')).inspectRuns(invocation),
};
