import { describe, expect, it } from 'vitest';
import { dashboardPanels, readDashboard } from '../../helpers/ops-files.ts';
import { promqlMetricNames } from '../../helpers/promql-metric-names.ts';

const DATASOURCE = { type: 'prometheus', uid: '${DS_PROMETHEUS}' };

/** What the issue asks the dashboard to show, and a metric each must read. */
const REQUIRED_VIEWS: Array<[string, string]> = [
  ['spend by provider, model and task', 'aos_model_cost_eur_total'],
  ['budget left per cap', 'aos_budget_remaining_eur'],
  ['runs by outcome', 'aos_runs_total'],
  ['node durations', 'aos_node_duration_seconds_bucket'],
  ['model latency', 'aos_model_call_duration_seconds_bucket'],
  ['model errors', 'aos_model_errors_total'],
  ['queue', 'aos_queue_depth'],
  ['queue', 'aos_queue_oldest_job_age_seconds'],
  ['webhook acknowledgement', 'aos_webhook_ack_duration_seconds_bucket'],
  ['cache hit ratio', 'aos_cache_requests_total'],
  ['check-run conclusions', 'aos_check_run_conclusions_total'],
];

describe('ops/grafana/aos.json', () => {
  const dashboard = readDashboard();
  const panels = dashboardPanels();

  it('is importable as is: a Prometheus datasource input, no instance id, a stable uid', () => {
    expect(dashboard.__inputs).toEqual([expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' })]);
    expect(dashboard.id).toBeNull();
    expect(dashboard.uid).toMatch(/^[\w-]{1,40}$/);
    expect(dashboard.title).toBe('aos');
    expect(typeof dashboard.schemaVersion).toBe('number');
    // Nothing refers to a datasource but the input.
    const uids = JSON.stringify(dashboard).match(/"uid":"[^"]*"/g) ?? [];
    expect(uids.filter((uid) => !uid.includes('${DS_PROMETHEUS}'))).toEqual([`"uid":"${dashboard.uid as string}"`]);
  });

  it('has unique panel ids, each panel on the grid, with at least one target that has an expression on the input datasource', () => {
    const ids = panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(panels.length).toBeGreaterThanOrEqual(REQUIRED_VIEWS.length);
    for (const panel of panels) {
      expect(panel.title, `panel ${panel.id}`).toMatch(/\S/);
      expect(panel.gridPos, panel.title).toEqual({
        x: expect.any(Number),
        y: expect.any(Number),
        w: expect.any(Number),
        h: expect.any(Number),
      });
      expect(panel.gridPos!.x + panel.gridPos!.w, panel.title).toBeLessThanOrEqual(24);
      expect(panel.datasource, panel.title).toEqual(DATASOURCE);
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      const refIds = panel.targets!.map((target) => target.refId);
      expect(new Set(refIds).size, panel.title).toBe(refIds.length);
      for (const target of panel.targets!) {
        expect(target.expr, `${panel.title} ${target.refId}`).toMatch(/aos_/);
        expect(target.datasource, panel.title).toEqual(DATASOURCE);
      }
    }
  });

  it('shows every view the issue asks for', () => {
    const used = new Set(panels.flatMap((panel) => (panel.targets ?? []).flatMap((target) => promqlMetricNames(target.expr ?? ''))));
    for (const [view, metric] of REQUIRED_VIEWS) expect(used.has(metric), `${view}: ${metric}`).toBe(true);
  });
});
