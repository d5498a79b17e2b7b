/**
 * `npm run validate`: checks the tree against a phase contract
 * (contracts/phase_1_core_architecture.contract.json): every deliverable exists and is
 * non-trivial, the sources hold no unfinished-work markers or empty stand-in bodies, the FinOps
 * caps agree with the budget report, every evidence file the gate names exists, every routed
 * provider has residency and FinOps entries, and every core module is imported by a test.
 * Writes the report the contract names (evidence/validation/phase1_contract_validation.json).
 *
 * Usage: validate-contract.ts <contract.json> [--root <dir>] [--out <file>]
 * A relative contract path is taken from the root. Exit 0 accepted, 1 rejected (each failure
 * printed), 2 bad usage (no contract, unreadable or invalid contract, unknown option).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadContract } from './lib/load-contract.ts';
import { UsageFailure } from './lib/usage-failure.ts';
import { runContractChecks } from './lib/validate-contract-checks.ts';

const USAGE = 'Usage: validate-contract.ts <contract.json> [--root <dir>] [--out <file>]';

function options() {
  try {
    return parseArgs({ options: { root: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } }, allowPositionals: true });
  } catch (error) {
    throw new UsageFailure(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

function main(): number {
  const { values, positionals } = options();
  if (values.help) {
    console.log(USAGE);
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

  console.log(`contract ${contract.contract}: ${verdict.toUpperCase()} (${checks.length - failed.length} of ${checks.length} checks pass)`);
  for (const check of checks) {
    console.log(`${check.status === 'pass' ? 'ok  ' : 'FAIL'} ${check.id}: ${check.details}`);
    for (const failure of check.failures) console.log(`     - ${failure}`);
  }
  console.log(`wrote ${path.relative(root, out).split(path.sep).join('/')}`);
  return failed.length === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  if (error instanceof UsageFailure) {
    console.error(`validate-contract: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  }
}
