import type { CliCommand } from '../cli-command.ts';

/** `aos ledger verify [run-id] [--json]`. */
export const ledgerCommand: CliCommand = {
  name: 'ledger',
  summary: 'verify the hash-chained ledger',
  help: `Usage: aos ledger verify [run-id] [--json]

Recomputes every event's hash and checks each chain's links, and reports any event that was
edited, deleted or reordered. Without a run id, every run is checked.
Exit codes: 0 intact, 1 a broken chain, 2 bad usage.`,
  options: { json: { type: 'boolean' } },
  run: async (invocation) => (await import('./verify-ledger.ts')).verifyLedger(invocation),
};
