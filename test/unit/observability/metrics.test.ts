import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '#src/observability/metrics.ts';

describe('createMetrics', () => {
  it('registers every metric under the aos_ prefix, with help text', async () => {
    const text = await createMetrics().registry.metrics();
    for (const name of [
      'aos_cache_requests_total',
      'aos_redis_outages_total',
      'aos_redis_outage_active',
      'aos_state_operation_duration_seconds',
      'aos_state_integrity_failures_total',
      'aos_ledger_appends_total',
      'aos_ledger_integrity_failures_total',
    ]) {
      expect(text).toMatch(new RegExp(`^# HELP ${name} \\S`, 'm'));
    }
  });

  it('gives each call its own registry, so instances never collide', async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.ledgerAppends.inc(3);
    expect((await first.ledgerAppends.get()).values[0]?.value).toBe(3);
    expect((await second.ledgerAppends.get()).values[0]?.value).toBe(0);
  });

  it('uses a given registry and prefix', async () => {
    const registry = new Registry();
    const metrics = createMetrics({ registry, prefix: 'test_' });
    expect(metrics.registry).toBe(registry);
    expect(await registry.metrics()).toContain('test_cache_requests_total');
    expect(await registry.metrics()).not.toContain('aos_');
  });

  it('moves counters, the gauge and the histogram', async () => {
    const metrics = createMetrics();
    metrics.redisOutages.inc();
    metrics.redisOutageActive.set(1);
    metrics.ledgerIntegrityFailures.inc(2);
    metrics.stateOperations.startTimer({ operation: 'save' })();
    metrics.stateOperations.observe({ operation: 'get' }, 0.003);
    const text = await metrics.registry.metrics();
    expect(text).toContain('aos_redis_outages_total 1');
    expect(text).toContain('aos_redis_outage_active 1');
    expect(text).toContain('aos_ledger_integrity_failures_total 2');
    expect(text).toContain('aos_state_operation_duration_seconds_count{operation="save"} 1');
    expect(text).toContain('aos_state_operation_duration_seconds_bucket{le="0.005",operation="get"} 1');
  });

  it('exposes every cache result at zero before the first lookup', async () => {
    const text = await createMetrics().registry.metrics();
    for (const result of ['hit', 'miss', 'error']) expect(text).toContain(`aos_cache_requests_total{result="${result}"} 0`);
  });
});
