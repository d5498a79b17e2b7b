import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadContract } from './load-contract.ts';
import { UsageFailure } from './usage-failure.ts';
import { runContractChecks } from './validate-contract-checks.ts';

const USAGE = 'Usage: validate-contract.ts <contract.json> [--root <dir>] [--out <file>]';

/** Where the validator writes what it says. */
export interface ValidatorOutput {
  log(line: string): void;
  error(line: string): void;
}

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { root: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageFailure(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

function validate(args: string[], output: ValidatorOutput): number {
  const { values, positionals } = options(args);
  if (values.help) {
    output.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageFailure(`expected one contract file, got ${positionals.length}\n${USAGE}`);
  const root = path.resolve(values.root ?? '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageFailure(`--root ${root} is not a directory`);
  const contractPath = path.resolve(root, positionals[0]!);
  const contract = loadContract(contractPath);

  const checks = runContractChecks(contract, root);
  const failed = checks.filter((check) => check.status === 'fail');
  const verdict = failed.length === 0 ? 'accepted' : 'rejected';
  const out = path.resolve(root, values.out ?? contract.report);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const report = {
    contract: contract.contract,
    contract_file: path.relative(root, contractPath).split(path.sep).join('/'),
    checked_at: new Date().toISOString(),
    verdict,
    passed: checks.length - failed.length,
    failed: failed.length,
    checks,
  };
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

  output.log(`contract ${contract.contract}: ${verdict.toUpperCase()} (${checks.length - failed.length} of ${checks.length} checks pass)`);
  for (const check of checks) {
    output.log(`${check.status === 'pass' ? 'ok  ' : 'FAIL'} ${check.id}: ${check.details}`);
    for (const failure of check.failures) output.log(`     - ${failure}`);
  }
  output.log(`wrote ${path.relative(root, out).split(path.sep).join('/')}`);
  return failed.length === 0 ? 0 : 1;
}

/**
 * The validator behind `npm run validate`, given its arguments: returns the exit code (0 accepted, 1 rejected,
 * 2 bad usage or an unreadable or invalid contract) and writes the report the contract names.
 */
export function runValidateContract(args: string[], output: ValidatorOutput): number {
  try {
    return validate(args, output);
  } catch (error) {
    if (error instanceof UsageFailure) {
      output.error(`validate-contract: ${error.message}`);
      return 2;
    }
    output.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}
