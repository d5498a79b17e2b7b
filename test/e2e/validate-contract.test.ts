import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../scripts/lib/check-result.ts';
import { runValidateContract } from '../../scripts/lib/run-validate-contract.ts';
import { budgetReport, buildContractFixture, FIXTURE_CONTRACT } from '../fixtures/contract/build-contract-fixture.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MARKER = ['TO', 'DO'].join('');
const trees: Array<{ cleanup(): void }> = [];

function fixture() {
  const tree = buildContractFixture();
  trees.push(tree);
  return tree;
}

/**
 * The validator on a fixture tree, in this process: starting it as a child costs seconds per tree, and the child
 * process itself is tried on the project below.
 */
function validate(root: string, args: string[] = [FIXTURE_CONTRACT]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = runValidateContract([...args, '--root', root], { log: (line) => stdout.push(line), error: (line) => stderr.push(line) });
  const reportFile = path.join(root, 'evidence/validation/mini_validation.json');
  const report = fs.existsSync(reportFile)
    ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { verdict: string; checks: CheckResult[] })
    : null;
  const failed = Object.fromEntries(
    (report?.checks ?? []).filter((check) => check.status === 'fail').map((check) => [check.id, check.failures]),
  );
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n'), report, failed };
}

afterEach(() => {
  for (const tree of trees.splice(0)) tree.cleanup();
});

describe('validate-contract', () => {
  it('accepts the project itself', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aos-validate-')), 'report.json');
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/validate-contract.ts', 'contracts/phase_1_core_architecture.contract.json', '--out', out],
      { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 180_000 },
    );
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as { verdict: string; checks: CheckResult[] };
    expect(report.checks.filter((check) => check.status === 'fail').map((check) => check.id)).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('accepts a minimal valid tree and writes its report', () => {
    const tree = fixture();
    const { code, stdout, report, failed } = validate(tree.root);
    expect(code, stdout).toBe(0);
    expect(stdout).toContain('contract mini: ACCEPTED');
    expect(report?.verdict).toBe('accepted');
    expect(failed).toEqual({});
    expect(report!.checks.map((check) => check.id)).toEqual([
      'deliverables:source:state_fabric',
      'deliverables:config',
      'deliverables:readme',
      'deliverables:gate',
      'deliverables:metrics',
      'forbidden_markers',
      'empty_bodies',
      'phase_caps',
      'evidence_paths',
      'providers',
      'integration_test:src/state/state-repository.ts',
    ]);
    expect(report!.checks.find((check) => check.id === 'integration_test:src/state/state-repository.ts')!.details).toBe(
      'imported by test/integration/state/state-repository.test.ts → src/state/state-repository.ts',
    );
  });

  it('rejects a marker in src/, a cap mismatch and a missing evidence file, listing each', () => {
    const tree = fixture();
    tree.write('src/state/draft.ts', `export const draft = 1;\n// ${MARKER}: persist the draft\n`);
    tree.write('metrics/cost/budget_report.csv', budgetReport({ daily: 500, monthly: 12000 }));
    tree.remove('metrics/performance/state_cache_latency.csv');
    const { code, stdout, report, failed } = validate(tree.root);
    expect(code).toBe(1);
    expect(report?.verdict).toBe('rejected');
    expect(failed.forbidden_markers).toEqual([`src/state/draft.ts:2: "${MARKER}"`]);
    expect(failed.phase_caps).toEqual([
      'metrics/cost/budget_report.csv line 2: daily_cap_eur 500 ≠ 450 (policies/finops.yaml phases.phase_1.daily_cap_eur)',
      'metrics/cost/budget_report.csv line 3: daily_cap_eur 500 ≠ 450 (policies/finops.yaml phases.phase_1.daily_cap_eur)',
    ]);
    expect(failed.evidence_paths).toEqual([
      'metrics/performance/state_cache_latency.csv: named in evidence/gates/g1_architecture.json but missing',
    ]);
    expect(failed['deliverables:metrics']).toEqual(['metrics/performance/state_cache_latency.csv: missing']);
    expect(stdout).toContain('contract mini: REJECTED');
    expect(stdout).toContain(`     - src/state/draft.ts:2: "${MARKER}"`);
    expect(stdout).toContain('     - metrics/cost/budget_report.csv line 2: daily_cap_eur 500 ≠ 450');
    expect(stdout).toContain(
      '     - metrics/performance/state_cache_latency.csv: named in evidence/gates/g1_architecture.json but missing',
    );
  });

  it('rejects each marker word on its own', { timeout: 240_000 }, () => {
    for (const marker of [MARKER, ['T', 'BD'].join(''), ['FIX', 'ME'].join(''), ['Not', 'Implemented'].join(' ')]) {
      const tree = fixture();
      tree.write('src/state/stub.ts', `export function later(): void {\n  throw new Error('${marker}');\n}\n`);
      const { code, failed } = validate(tree.root);
      expect(code, marker).toBe(1);
      expect(failed.forbidden_markers, marker).toEqual([`src/state/stub.ts:2: "${marker}"`]);
    }
  });

  it('rejects an exported function whose empty body stands in for its declared result, and accepts an honest no-op', () => {
    const tree = fixture();
    tree.write(
      'src/state/stub.ts',
      'export function computeTotal(items: number[]): number {}\nexport function onIdle(): void {}\nexport const noop = () => {};\n',
    );
    const { code, failed } = validate(tree.root);
    expect(code).toBe(1);
    expect(failed.empty_bodies).toEqual(['src/state/stub.ts:1: exported computeTotal declares return type number but its body is empty']);
  });

  it('rejects a routed provider without residency or FinOps entries, and a core module no test imports', () => {
    const tree = fixture();
    tree.write(
      'configs/model_routing.yaml',
      'task_types:\n  coding:\n    preferred: anthropic\n    fallbacks: [local]\nproviders:\n  openai: { model: gpt-4o }\n  local: { model: qwen }\n',
    );
    tree.remove('test/integration/state/state-repository.test.ts');
    tree.write(
      'test/integration/state/other.test.ts',
      "import { it } from 'vitest';\nit('does nothing with the repository', () => undefined);\n",
    );
    const { code, failed } = validate(tree.root);
    expect(code).toBe(1);
    expect(failed.providers).toEqual([
      'anthropic: routed in configs/model_routing.yaml but not under vendors in configs/vendor_residency.yaml',
      'anthropic: routed in configs/model_routing.yaml but has no price there (providers.anthropic.cost_per_1k_tokens or .prices) nor under providers in policies/finops.yaml',
    ]);
    expect(failed['integration_test:src/state/state-repository.ts']).toEqual([
      'src/state/state-repository.ts: none of the 1 test file(s) matching test/integration/**/*.test.ts imports it',
    ]);
  });

  it('accepts an import through a test helper', () => {
    const tree = fixture();
    tree.remove('test/integration/state/state-repository.test.ts');
    tree.write('test/helpers/harness.ts', "export { createStateRepository } from '../../src/state/state-repository.ts';\n");
    tree.write(
      'test/integration/state/uses-harness.test.ts',
      "import { it } from 'vitest';\nimport { createStateRepository } from '../../helpers/harness.ts';\nit('builds', () => void createStateRepository());\n",
    );
    const { code, report } = validate(tree.root);
    expect(code).toBe(0);
    expect(report!.checks.at(-1)!.details).toBe(
      'imported by test/integration/state/uses-harness.test.ts → test/helpers/harness.ts → src/state/state-repository.ts',
    );
  });

  it('exits 2 without a contract, with a missing one, or with an invalid one', () => {
    const tree = fixture();
    expect(validate(tree.root, []).code).toBe(2);
    const missing = validate(tree.root, ['contracts/nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('contract file not found');
    tree.write('contracts/broken.json', '{ "contract": ');
    expect(validate(tree.root, ['contracts/broken.json']).code).toBe(2);
    tree.write('contracts/incomplete.json', JSON.stringify({ contract: 'x', version: 1 }));
    const incomplete = validate(tree.root, ['contracts/incomplete.json']);
    expect(incomplete.code).toBe(2);
    expect(incomplete.stderr).toContain('deliverables');
  });
});
