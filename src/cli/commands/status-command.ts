import type { CliCommand } from '../cli-command.ts';

/** `aos status [--json]`. */
export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'database, redis and queue, circuit breakers, budget left, residency and the last runs',
  help: `Usage: aos status [--json]

Checks what aos runs on and prints the verdict first ("aos status: ok", or "aos status: degraded —"
and what is degraded), then: the database (engine, migrations applied and pending), Redis and the
queue (depth, oldest waiting job, workers seen; without REDIS_URL the queue lives inside the
server's process and is not visible here), the circuit breakers every aos process recorded in the
database, the budget left per cap, the residency decision per vendor and the newest runs with
their outcome. Reads only: it applies no migration and creates no embedded database. The
embedded database belongs to one process: while the server runs on it, read the status on the
runs index (/aos/runs) instead.
  --json   print the status as JSON on stdout
Exit codes: 0 ok, 1 something is degraded (named), 2 bad usage or configuration.`,
  options: { json: { type: 'boolean' } },
  run: async (invocation) => (await import('./show-status.ts')).showStatus(invocation),
};
