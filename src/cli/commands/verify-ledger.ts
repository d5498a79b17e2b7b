import { createMetrics } from '../../observability/metrics.ts';
import { createLedger } from '../../state/ledger/ledger.ts';
import type { CliInvocation } from '../cli-command.ts';
import { openCliContext } from '../cli-context.ts';
import { UsageError } from '../usage-error.ts';

/** `aos ledger verify [run-id]`: recomputes the hash chains and lists every broken link. */
export async function verifyLedger({ positionals, values, out }: CliInvocation): Promise<number> {
  const [action, runId] = positionals;
  if (action !== 'verify')
    throw new UsageError(action ? `unknown ledger action "${action}"` : 'missing action: aos ledger verify [run-id]');
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
}
