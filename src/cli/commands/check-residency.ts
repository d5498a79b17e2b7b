import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, loadEnv } from '../../config/index.ts';
import { decideConfiguredVendors, describeRegionClaims } from '../../policy/residency/index.ts';
import type { CliInvocation } from '../cli-command.ts';
import { UsageError } from '../usage-error.ts';
import { stringOption } from './cli-options.ts';

const COLUMNS = ['timestamp', 'vendor', 'endpoint_host', 'declared_region', 'decision', 'compliant', 'reason'] as const;

/** One vendor's line of the report (and of the CSV). */
interface ResidencyRow {
  vendor: string;
  endpoint_host: string;
  endpoint_env: string | null;
  declared_region: string;
  models: string[];
  decision: 'allowed' | 'blocked' | 'non_compliant_allowed';
  compliant: boolean;
  reason: string;
}

/** Quotes a CSV field when it needs it (RFC 4180). */
const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Renders the rows as CSV with the columns above, all with the same timestamp. */
function toCsv(rows: ResidencyRow[], timestamp: string): string {
  const lines = rows.map((row) =>
    [timestamp, row.vendor, row.endpoint_host, row.declared_region, row.decision, String(row.compliant), row.reason]
      .map(csvField)
      .join(','),
  );
  return `${[COLUMNS.join(','), ...lines].join('\n')}\n`;
}

/** A plain-text table: fixed-width columns, the reason last since it is long. */
function toTable(rows: ResidencyRow[]): string[] {
  const cells = [
    ['vendor', 'endpoint host', 'region', 'decision', 'reason'],
    ...rows.map((row) => [row.vendor, row.endpoint_host, row.declared_region, row.decision, row.reason]),
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...cells.map((line) => line[column]?.length ?? 0)));
  return cells.map((line) =>
    line
      .map((cell, column) => (column < 4 ? cell.padEnd(widths[column] ?? 0) : cell))
      .join('  ')
      .trimEnd(),
  );
}

/** `aos check-residency`: decides every configured vendor, prints the result, and writes the CSV only to `--output`. */
export async function checkResidency({ positionals, values, out, err }: CliInvocation): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const output = stringOption(values, 'output');
  const env = loadEnv();
  const config = loadConfig({ configDir: env.AOS_CONFIG_DIR, env });
  const { enforcement } = config.residency;
  const rows = decideConfiguredVendors(config).map(({ vendor, entry, models, decision }): ResidencyRow => {
    const compliant = decision.allow && decision.compliant;
    const label = !decision.allow ? 'blocked' : compliant ? 'allowed' : 'non_compliant_allowed';
    return {
      vendor,
      endpoint_host: decision.host,
      endpoint_env: entry.endpoint_env,
      declared_region: entry.region,
      models,
      decision: label,
      compliant,
      reason: decision.reason,
    };
  });
  const csvPath = output === undefined ? null : path.resolve(output);
  if (csvPath) {
    fs.mkdirSync(path.dirname(csvPath), { recursive: true });
    fs.writeFileSync(csvPath, toCsv(rows, new Date().toISOString()));
  }
  const ok = rows.every((row) => row.compliant);
  const note = describeRegionClaims(
    rows.filter((row) => !row.compliant).map((row) => ({ vendor: row.vendor, region: row.declared_region, host: row.endpoint_host })),
  );
  if (values.json) {
    out(
      JSON.stringify(
        {
          ok,
          enforce_eu_residency: enforcement.enforce_eu_residency,
          block_non_eu_requests: enforcement.block_non_eu_requests,
          note,
          csv: csvPath,
          vendors: rows,
        },
        null,
        2,
      ),
    );
  } else {
    for (const line of toTable(rows)) out(line);
    const failing = rows.filter((row) => !row.compliant).map((row) => row.vendor);
    out('');
    if (note) out(note);
    out(
      ok
        ? `all ${rows.length} vendors are EU-compliant`
        : `not EU-compliant: ${failing.join(', ')} (enforce_eu_residency: ${enforcement.enforce_eu_residency}, block_non_eu_requests: ${enforcement.block_non_eu_requests})`,
    );
  }
  if (csvPath) err(`wrote ${csvPath.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), csvPath) : csvPath}`);
  return ok ? 0 : 1;
}
