import { createMetrics } from '../../observability/metrics.ts';
import { createLedger } from '../../state/ledger/ledger.ts';
import { createRunStore, type RunRecord } from '../../state/run-store.ts';
import type { CliInvocation } from '../cli-command.ts';
import { openCliContext } from '../cli-context.ts';
import { UsageError } from '../usage-error.ts';
import { integerOption } from './cli-options.ts';
import { printableText } from './printable-text.ts';
import { RUNS_LIST_DEFAULT_LIMIT } from './runs-command.ts';

/** Where a run worked: owner/repo#issue for GitHub runs, the checkout path for local ones. */
const whereOf = (run: RunRecord): string =>
  run.owner ? `${run.owner}/${run.repo ?? ''}${run.issueNumber === null ? '' : `#${run.issueNumber}`}` : printableText(run.repo ?? '');

function table(runs: RunRecord[]): string[] {
  const header = ['id', 'created', 'kind', 'status', 'verdict', 'cost', 'where', 'branch'];
  const rows = runs.map((run) => [
    run.id,
    run.createdAt.slice(0, 19).replace('T', ' '),
    run.kind,
    run.status,
    run.verdict ?? '-',
    `€${run.costEur.toFixed(4)}`,
    whereOf(run),
    run.branch ?? '-',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  return [header, ...rows].map((row) =>
    row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  '),
  );
}

/** `aos runs list|show`: the newest runs, or one run with its ledger check. */
export async function inspectRuns({ positionals, values, out }: CliInvocation): Promise<number> {
  const [action, id, extra] = positionals;
  if (action !== 'list' && action !== 'show')
    throw new UsageError(action ? `unknown runs action "${action}"` : 'missing action: aos runs list | aos runs show <run-id>');
  if (action === 'show' && !id) throw new UsageError('missing run id: aos runs show <run-id>');
  const unexpected = action === 'list' ? id : extra;
  if (unexpected !== undefined) throw new UsageError(`unexpected argument "${unexpected}"`);
  const limit = integerOption(values, 'limit', RUNS_LIST_DEFAULT_LIMIT, { min: 1, max: 1000 });
  const { backends } = await openCliContext();
  try {
    const runStore = createRunStore(backends.db.knex);
    if (action === 'list') {
      const runs = await runStore.listRuns({ limit });
      if (values.json) out(JSON.stringify({ runs }, null, 2));
      else out(runs.length === 0 ? 'no runs recorded yet: start one with aos plan' : table(runs).join('\n'));
      return 0;
    }
    const run = await runStore.getRun(id!);
    if (!run) throw new UsageError(`no run with id "${id}" (aos runs list shows the ids)`);
    const ledger = createLedger({ knex: backends.db.knex, metrics: createMetrics() });
    const verification = await ledger.verifyLedgerIntegrity(run.id);
    const ledgerInfo = {
      events: verification.events,
      verified: verification.ok,
      problems: verification.problems.map((problem) => problem.message),
    };
    if (values.json) {
      out(JSON.stringify({ run, ledger: ledgerInfo }, null, 2));
    } else {
      const fields: Array<[string, unknown]> = Object.entries(run).filter(([, value]) => value !== null);
      const width = Math.max(...fields.map(([name]) => name.length));
      for (const [name, value] of fields) out(`${name.padEnd(width)}  ${printableText(String(value))}`);
      out(`${'ledger'.padEnd(width)}  ${verification.events} event(s), ${verification.ok ? 'verified' : 'BROKEN'}`);
      for (const problem of ledgerInfo.problems) out(`  ${problem}`);
    }
    return verification.ok ? 0 : 1;
  } finally {
    await backends.close();
  }
}
