import { describe, expect, it } from 'vitest';
import { metricFamilyOf, parseExposition, promqlMetricNames } from '../../helpers/promql-metric-names.ts';

describe('promqlMetricNames', () => {
  it('finds the metric names and skips functions, aggregations, keywords, label names, durations and numbers', () => {
    expect(
      promqlMetricNames(
        'histogram_quantile(0.95, sum by (job, instance, le) (rate(aos_webhook_ack_duration_seconds_bucket{event="issue_comment"}[5m]))) > 1e3',
      ),
    ).toEqual(['aos_webhook_ack_duration_seconds_bucket']);
    expect(
      promqlMetricNames(
        'max by (scope, period) (aos_budget_spent_eur) / max by (scope, period) (aos_budget_cap_eur) >= 0.8\nand max by (scope, period) (aos_budget_cap_eur) > 0',
      ),
    ).toEqual(['aos_budget_spent_eur', 'aos_budget_cap_eur']);
  });

  it('skips label values and names in matchers, set operators, vector matching and offsets', () => {
    expect(
      promqlMetricNames(
        'sum(increase(a_total{outcome="failed", x=~"b_total|c"}[1h] offset 5m)) / ignoring (outcome) group_left (task) sum(increase(d_total[1h:1m])) or on (x) vector(0) unless e bool == 1',
      ),
    ).toEqual(['a_total', 'd_total', 'e']);
  });

  it('skips aggregation label lists after the argument, Grafana variables, hex numbers and comments', () => {
    expect(promqlMetricNames('sum(rate(x_total[$__rate_interval])) by (le) * 0x10 # not_a_metric here')).toEqual(['x_total']);
    expect(promqlMetricNames('topk(5, y) + Inf - NaN + z @ 1609746000')).toEqual(['y', 'z']);
  });
});

describe('metricFamilyOf and parseExposition', () => {
  it('maps histogram series to their family, and reads families and sampled series from Prometheus text', () => {
    const { types, sampled } = parseExposition(
      '# HELP h_seconds help\n# TYPE h_seconds histogram\nh_seconds_bucket{le="1"} 0\nh_seconds_sum 0\nh_seconds_count 0\n\n# TYPE c_total counter\n# TYPE g gauge\ng 1\n',
    );
    const histograms = new Set([...types].filter(([, type]) => type === 'histogram').map(([name]) => name));
    expect(metricFamilyOf('h_seconds_bucket', histograms)).toBe('h_seconds');
    expect(metricFamilyOf('h_seconds_count', histograms)).toBe('h_seconds');
    // Not a histogram's suffix when the base is no histogram.
    expect(metricFamilyOf('jobs_count', histograms)).toBe('jobs_count');
    expect([...sampled]).toEqual(['h_seconds_bucket', 'h_seconds_sum', 'h_seconds_count', 'g']);
    expect(types.get('c_total')).toBe('counter');
  });
});
