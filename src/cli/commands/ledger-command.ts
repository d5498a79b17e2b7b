import { createMetrics } from '../../observability/metrics.ts';
import { createLedger } from '../../state/ledger/ledger.ts';
import type { CliCommand } from '../cli-command.ts';
import { openCliContext } from '../cli-context.ts';
import { UsageError } from '../usage-error.ts';

/** `aos ledger verify [run-id] [--json]`. */
export const ledgerCommand: CliCommand = {
  name: 'ledger',
  summary: 'verify the hash-chained ledger',
  help: `Usage: aos ledger verify [run-id] [--json]

Recomputes every event's hash and checks each chain's links, and reports any event that was
edited, deleted or reordered. Without a run id, every run is checked.
Exit codes: 0 intact, 1 a broken chain, 2 bad usage.`,
  options: { json: { type: 'boolean' } },
  async run({ positionals, values, out }) {
    const [action, runId] = positionals;
    if (action !== 'verify') throw new UsageError(action ? `unknown ledger action "${action}"` : 'missing action: aos ledger verify [run-id]');
    const { backends } = await openCliContext();
    try {
      const result = await createLedger({ knex: backends.db.knex, metrics: createMetrics() }).verifyLedgerIntegrity(runId);
      if (values.json) {
        out(JSON.stringify(result));
      } else {
        out(`${result.ok ? 'intact' : 'BROKEN'}: ${result.chains} chain(s), ${result.events} event(s) checked`);
        for (const problem of result.problems) out(`  ${problem.kind.padEnd(9)} ${problem.message}`);
      }
      return result.ok ? 0 : 1;
    } finally {
      await backends.close();
    }
  },
};
