import path from 'node:path';
import { checkResult, type CheckResult } from './check-result.ts';
import type { Contract } from './contract-schema.ts';
import { numericCell } from './numeric-cell.ts';
import { readCsvFile } from './read-csv-file.ts';
import { readYamlMapping, valueAt } from './read-yaml-mapping.ts';

const COLUMNS = ['daily_cap_eur', 'monthly_cap_eur'] as const;
/** The policy key of each report column: the specification's name, or aos's former one. */
const POLICY_KEYS = { daily_cap_eur: ['daily_eur_cap', 'daily_cap_eur'], monthly_cap_eur: ['monthly_eur_cap', 'monthly_cap_eur'] } as const;

/** The phase's daily and monthly caps in the FinOps policy equal the caps in every row of the budget report. */
export function checkPhaseCaps(contract: Contract, root: string): CheckResult {
  const { finops, phase, budget_report: report } = contract.cross_checks.phase_caps;
  const title = `${phase} caps in ${finops} match every row of ${report}`;
  const policy = readYamlMapping(path.resolve(root, finops));
  if (typeof policy === 'string') return checkResult('phase_caps', title, 'nothing compared', [`${finops}: ${policy}`]);
  const keyOf = (column: (typeof COLUMNS)[number]) =>
    POLICY_KEYS[column].find((key) => valueAt(policy, `phases.${phase}.${key}`) !== undefined) ?? POLICY_KEYS[column][0];
  const keys = Object.fromEntries(COLUMNS.map((column) => [column, keyOf(column)]));
  const caps = Object.fromEntries(COLUMNS.map((column) => [column, valueAt(policy, `phases.${phase}.${keys[column]}`)]));
  const failures = COLUMNS.filter((column) => typeof caps[column] !== 'number').map(
    (column) => `${finops}: phases.${phase}.${keys[column]} is not a number`,
  );
  const table = readCsvFile(path.resolve(root, report));
  if (!table) failures.push(`${report}: not found`);
  else if (table.rows.length === 0) failures.push(`${report}: no data rows`);
  else {
    for (const column of COLUMNS.filter((name) => !table.header.includes(name))) failures.push(`${report}: no column ${column}`);
    if (failures.length === 0) {
      for (const [index, row] of table.rows.entries()) {
        for (const column of COLUMNS) {
          const value = numericCell(row[column]);
          if (value !== caps[column])
            failures.push(
              `${report} line ${index + 2}: ${column} ${row[column] ?? ''} ≠ ${String(caps[column])} (${finops} phases.${phase}.${keys[column]})`,
            );
        }
      }
    }
  }
  const compared = table ? `${table.rows.length} row(s)` : 'no rows';
  return checkResult(
    'phase_caps',
    title,
    `daily ${String(caps.daily_cap_eur)} EUR, monthly ${String(caps.monthly_cap_eur)} EUR against ${compared}`,
    failures,
  );
}
