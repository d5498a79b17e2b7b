import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { GateReport } from '../../scripts/lib/gate-types.ts';
import { buildEvidenceFixture, deliveryLogWith, passingMetrics, testResults } from '../fixtures/contract/synthetic-metrics.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGETS = path.join(PROJECT_ROOT, 'contracts/targets.yaml');
const trees: Array<{ cleanup(): void }> = [];

/** A fixture root whose synthetic CSVs meet every target of the real contracts/targets.yaml. */
function fixture() {
  const tree = buildEvidenceFixture();
  trees.push(tree);
  return tree;
}

/** `npm run evidence` as a child process on the fixture, with the project's real targets file. */
function evidence(root: string, extra: string[] = []) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/evidence.ts', '--root', root, '--targets', TARGETS, '--metrics-dir', path.join(root, 'm'), ...extra],
    { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  const gateFile = path.join(root, 'evidence/gates/g1_architecture.json');
  const gate = fs.existsSync(gateFile) ? (JSON.parse(fs.readFileSync(gateFile, 'utf8')) as GateReport) : null;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, gate };
}

const statuses = (gate: GateReport | null) =>
  Object.fromEntries(Object.entries(gate?.subsystems ?? {}).map(([name, subsystem]) => [name, subsystem.status]));

afterEach(() => {
  for (const tree of trees.splice(0)) tree.cleanup();
});

describe('npm run evidence', () => {
  it('passes every subsystem when the synthetic CSVs meet every target, and fills the document table', () => {
    const tree = fixture();
    const { code, stdout, gate } = evidence(tree.root);
    expect(code, stdout).toBe(0);
    expect(stdout).toContain('G1 architecture gate: PASS (9 of 9 subsystems pass)');
    expect(gate?.verdict).toBe('PASS');
    expect(Object.values(statuses(gate))).toEqual(Array(9).fill('PASS'));
    const state = gate!.subsystems.state_fabric!;
    expect(state.figures.find((figure) => figure.id === 'cache_get_p95')).toMatchObject({
      measured: 0.15,
      goal: { op: '<', value: 1 },
      spec: { op: '<', value: 50 },
      spec_met: true,
      status: 'PASS',
      evidence: 'm/performance/state_cache_latency.csv',
      timestamp: '2026-11-22T04:00:00.000Z',
    });
    expect(state.evidence.map((entry) => entry.path)).toEqual([
      'm/performance/state_cache_latency.csv',
      'm/performance/state_overhead.csv',
    ]);
    // A blocked non-EU vendor is a correct finding: residency passes when every vendor is listed.
    expect(gate!.subsystems.residency!.figures[0]).toMatchObject({ measured: 0, status: 'PASS' });
    expect(gate!.subsystems.tests!.figures.map((figure) => figure.measured)).toEqual([0, 120]);
    const doc = tree.read('docs/architecture/phase1_architecture.md');
    expect(doc).not.toContain('old table');
    expect(doc).toContain('Text before.');
    expect(doc).toContain('Text after.');
    expect(doc).toContain(
      '| webhook | webhook acknowledgement p95 | 12 ms | < 100 ms | not set | PASS | `m/performance/webhook_ack_latency.csv` (2026-11-22T04:00:00.000Z) |',
    );
    expect(doc).toContain('| state_fabric | cache GET p95 | 0.15 ms | < 1 ms | < 50 ms | PASS |');
  });

  it('fails the subsystem whose CSV is missing, and only that one', () => {
    const tree = fixture();
    tree.remove('m/performance/webhook_ack_latency.csv');
    const { code, stdout, gate } = evidence(tree.root);
    expect(code).toBe(1);
    expect(statuses(gate)).toMatchObject({ webhook: 'FAIL', state_fabric: 'PASS', router: 'PASS', notifications: 'PASS' });
    expect(gate!.subsystems.webhook!.figures[0]).toMatchObject({ measured: null, goal_met: false, status: 'FAIL' });
    expect(gate!.subsystems.webhook!.evidence[0]).toMatchObject({
      path: 'm/performance/webhook_ack_latency.csv',
      exists: false,
      timestamp: null,
    });
    expect(stdout).toContain('targets not met:');
    expect(stdout).toContain(
      'webhook: webhook acknowledgement p95: missing (m/performance/webhook_ack_latency.csv not found); goal < 100 ms',
    );
    expect(tree.read('docs/architecture/phase1_architecture.md')).toContain(
      '| webhook | webhook acknowledgement p95 | missing | < 100 ms | not set | FAIL |',
    );
  });

  it('fails a subsystem whose figure misses its goal even though it meets the specification', () => {
    const tree = fixture();
    tree.writeMetric(
      'performance/graph_latency.csv',
      passingMetrics()['performance/graph_latency.csv']!.map((line) =>
        line.replace('full_loop_orchestration,45,p95', 'full_loop_orchestration,60,p95'),
      ),
    );
    const { code, stdout, gate } = evidence(tree.root);
    expect(code).toBe(1);
    expect(statuses(gate).orchestration).toBe('FAIL');
    expect(gate!.subsystems.orchestration!.figures[0]).toMatchObject({ measured: 60, goal_met: false, spec_met: true, status: 'FAIL' });
    expect(stdout).toContain(
      'orchestration: full loop orchestration overhead p95 (instant model): measured 60 ms, goal < 50 ms (m/performance/graph_latency.csv)',
    );
    expect(stdout.split('\n').filter((line) => line.startsWith('FAIL '))).toEqual(['FAIL orchestration: 2 of 3 targets met']);
  });

  it('treats a missing row as a missing figure, never as a pass', () => {
    const tree = fixture();
    tree.writeMetric(
      'performance/state_cache_latency.csv',
      passingMetrics()['performance/state_cache_latency.csv']!.filter((line) => !line.includes('ledger_append_8_writers,9,p95')),
    );
    const { code, gate } = evidence(tree.root);
    expect(code).toBe(1);
    expect(gate!.subsystems.state_fabric!.figures.find((figure) => figure.id === 'ledger_append_8_writers_p95')).toMatchObject({
      measured: null,
      status: 'FAIL',
      detail: 'no row with operation=ledger_append_8_writers, percentile=p95',
    });
  });

  it('fails finops on a day over its cap, notifications below 99.5% delivered, and residency with an unlisted vendor', () => {
    const tree = fixture();
    const metrics = passingMetrics();
    tree.writeMetric('cost/budget_report.csv', [...metrics['cost/budget_report.csv']!, '2026-06-03,phase_1,450.01,450,1268.35,12000']);
    tree.writeMetric('notifications/delivery_log.csv', deliveryLogWith(2));
    tree.writeMetric(
      'compliance/vendor_region_distribution.csv',
      metrics['compliance/vendor_region_distribution.csv']!.filter((line) => !line.includes(',local,')),
    );
    const { code, stdout, gate } = evidence(tree.root);
    expect(code).toBe(1);
    expect(statuses(gate)).toMatchObject({ finops: 'FAIL', notifications: 'FAIL', residency: 'FAIL', router: 'PASS' });
    expect(gate!.subsystems.finops!.figures.find((figure) => figure.id === 'cap_breaches')).toMatchObject({
      measured: 1,
      detail: expect.stringContaining('line(s) 4'),
    });
    expect(gate!.subsystems.notifications!.figures.find((figure) => figure.id === 'delivery_rate')!.measured).toBeCloseTo(238 / 240, 6);
    expect(stdout).toContain('residency: vendors of configs/vendor_residency.yaml missing from the residency report: measured 1, goal = 0');
  });

  it('fails the test figures when the recorded test results are missing or have failures', () => {
    const tree = fixture();
    tree.remove('m/quality/test_results.csv');
    const missing = evidence(tree.root);
    expect(missing.code).toBe(1);
    expect(missing.gate!.subsystems.tests!.figures.map((figure) => figure.measured)).toEqual([null, null]);
    tree.writeMetric('quality/test_results.csv', testResults(118, 2));
    const failing = evidence(tree.root);
    expect(failing.code).toBe(1);
    expect(failing.gate!.subsystems.tests!.figures[0]).toMatchObject({ measured: 2, status: 'FAIL' });
    expect(failing.stdout).toContain('tests: failed tests: measured 2, goal = 0');
  });

  it('exits 2 on an unknown option or an invalid targets file', () => {
    const tree = fixture();
    expect(evidence(tree.root, ['--bogus']).code).toBe(2);
    tree.write('bad-targets.yaml', 'version: 1\nsubsystems:\n  x:\n    title: X\n    figures: []\n');
    const bad = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/evidence.ts', '--root', tree.root, '--targets', 'bad-targets.yaml'],
      { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('subsystems.x.figures');
  });
});
