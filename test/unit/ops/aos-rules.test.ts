import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OPS_FILES, readAlertRules } from '../../helpers/ops-files.ts';
import { prometheusBinaries } from '../../helpers/prometheus-binaries.ts';

const run = promisify(execFile);
const binaries = prometheusBinaries();
// promtool starts in well under a second; generous for a busy 2-core machine.
const PROMTOOL_TIMEOUT_MS = 60_000;

/** The alerts the issue asks for, by what they watch. */
const EXPECTED_ALERTS = [
  'AosBudgetNearCap',
  'AosBudgetForecastOverCap',
  'AosCircuitBreakerOpen',
  'AosQueueOldestJobAge',
  'AosWebhookAckSlow',
  'AosRunFailureRate',
  'AosNotificationDeliveryFailures',
  'AosResidencyViolation',
  'AosPackageRealityCheckErrors',
];

/** `AosBudgetNearCap` → `aos-budget-near-cap`. */
const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

interface RuleTest {
  name: string;
  alert_rule_test?: Array<{ alertname: string; exp_alerts: unknown[] }>;
}

describe('ops/prometheus/aos-rules.yml', () => {
  const rules = readAlertRules();

  it('has the nine alerts, each with a severity, a summary, a description and a runbook under docs/runbooks/', () => {
    expect(rules.map((rule) => rule.alert).sort()).toEqual([...EXPECTED_ALERTS].sort());
    for (const rule of rules) {
      expect(['warning', 'critical'], rule.alert).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toMatch(/\S{3}/);
      expect(rule.annotations?.description, rule.alert).toMatch(/\S{3}/);
      expect(rule.annotations?.runbook_url, rule.alert).toBe(`docs/runbooks/${kebab(rule.alert)}.md`);
    }
  });

  it('has one runbook per alert, and each says what it means, how to check and how to fix', () => {
    expect(readdirSync(OPS_FILES.runbooks).sort()).toEqual(rules.map((rule) => `${kebab(rule.alert)}.md`).sort());
    for (const rule of rules) {
      const file = path.join(OPS_FILES.root, rule.annotations!.runbook_url!);
      expect(existsSync(file), file).toBe(true);
      const text = readFileSync(file, 'utf8');
      expect(text.split('\n')[0]).toBe(`# ${rule.alert}`);
      for (const section of ['## What it means', '## How to check', '## How to fix'])
        expect(text, `${file}: ${section}`).toContain(section);
      // The runbook names the metric the alert is about.
      expect(text, file).toMatch(/aos_[a-z_]+/);
    }
  });

  it('has unit tests in which every alert fires once and does not fire once', () => {
    const file = parse(readFileSync(OPS_FILES.ruleTests, 'utf8')) as { rule_files: string[]; tests: RuleTest[] };
    expect(file.rule_files).toEqual([path.basename(OPS_FILES.rules)]);
    const cases = file.tests.flatMap((test) => test.alert_rule_test ?? []);
    for (const alert of EXPECTED_ALERTS) {
      const mine = cases.filter((entry) => entry.alertname === alert);
      expect(
        mine.some((entry) => entry.exp_alerts.length > 0),
        `${alert} fires in some test`,
      ).toBe(true);
      expect(
        mine.some((entry) => entry.exp_alerts.length === 0),
        `${alert} does not fire in some test`,
      ).toBe(true);
    }
  });

  describe.skipIf(binaries.skip('promtool'))('with promtool', () => {
    it(
      'passes promtool check rules',
      async () => {
        const { stdout } = await run(binaries.require('promtool'), ['check', 'rules', OPS_FILES.rules]);
        expect(stdout).toContain(`SUCCESS: ${EXPECTED_ALERTS.length} rules found`);
      },
      PROMTOOL_TIMEOUT_MS,
    );

    it(
      'passes promtool test rules',
      async () => {
        const { stdout } = await run(binaries.require('promtool'), ['test', 'rules', OPS_FILES.ruleTests]);
        expect(stdout).toContain('SUCCESS');
        expect(stdout).not.toContain('FAILED');
      },
      PROMTOOL_TIMEOUT_MS,
    );
  });
});
