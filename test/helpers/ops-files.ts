import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

/** The alerting rules file, its promtool unit tests and the Grafana dashboard. */
export const OPS_FILES = {
  root: PROJECT_ROOT,
  rules: path.join(PROJECT_ROOT, 'ops/prometheus/aos-rules.yml'),
  ruleTests: path.join(PROJECT_ROOT, 'ops/prometheus/aos-rules.test.yml'),
  dashboard: path.join(PROJECT_ROOT, 'ops/grafana/aos.json'),
  runbooks: path.join(PROJECT_ROOT, 'docs/runbooks'),
};

/** One alerting rule as the rules file writes it. */
export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** One dashboard panel, as much as the tests read. */
export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  gridPos?: { x: number; y: number; w: number; h: number };
  targets?: Array<{ expr?: string; refId?: string; datasource?: { type?: string; uid?: string } }>;
  panels?: DashboardPanel[];
}

/** Every alerting rule of ops/prometheus/aos-rules.yml, over all groups. */
export function readAlertRules(): AlertRule[] {
  const file = parse(readFileSync(OPS_FILES.rules, 'utf8')) as { groups: Array<{ rules: AlertRule[] }> };
  return file.groups.flatMap((group) => group.rules);
}

/** ops/grafana/aos.json as parsed JSON. */
export function readDashboard(): { __inputs?: Array<Record<string, string>>; panels: DashboardPanel[]; [key: string]: unknown } {
  return JSON.parse(readFileSync(OPS_FILES.dashboard, 'utf8')) as ReturnType<typeof readDashboard>;
}

/** Every panel of the dashboard, those inside collapsed rows included. */
export function dashboardPanels(): DashboardPanel[] {
  return readDashboard().panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

/** Every PromQL expression of the rules and the dashboard, with where it comes from. */
export function opsQueries(): Array<{ source: string; expr: string }> {
  return [
    ...readAlertRules().map((rule) => ({ source: `rule ${rule.alert}`, expr: rule.expr })),
    ...dashboardPanels().flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({ source: `panel ${panel.id} "${panel.title}" ${target.refId}`, expr: target.expr ?? '' })),
    ),
  ];
}
