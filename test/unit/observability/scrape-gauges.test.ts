import { describe, expect, it } from 'vitest';
import { createMetrics } from '#src/observability/metrics.ts';

const cap = (scope: string, period: string, capEur: number, spent: number, unit = 'eur') => ({
  scope,
  period,
  unit,
  cap: capEur,
  spent,
  remaining: capEur - spent,
});

describe('scrape-time gauges', () => {
  it('show nothing until a source is given', async () => {
    const text = await createMetrics().registry.metrics();
    for (const name of ['budget_remaining_eur', 'budget_cap_eur', 'budget_spent_eur', 'budget_month_end_forecast_eur', 'queue_depth'])
      expect(text).not.toMatch(new RegExp(`^aos_${name}\\{`, 'm'));
    expect(text).not.toMatch(/^aos_circuit_breaker_state\{/m);
    expect(text).toMatch(/^aos_queue_oldest_job_age_seconds NaN$/im);
  });

  it('read the budget at each scrape: EUR caps only, the least remaining per scope and period, with its cap and spend', async () => {
    const metrics = createMetrics();
    let spent = 1;
    metrics.observeBudget(async () => [
      cap('global', 'day', 10, spent),
      cap('global', 'month', 200, spent),
      cap('installation', 'day', 7, 0),
      cap('installation', 'day', 5, 2),
      cap('provider', 'day', 100_000, 1_000, 'tokens'),
    ]);
    expect(await metrics.registry.metrics()).toContain('aos_budget_remaining_eur{scope="global",period="day"} 9');
    spent = 4;
    const text = await metrics.registry.metrics();
    expect(text).toContain('aos_budget_remaining_eur{scope="global",period="day"} 6');
    expect(text).toContain('aos_budget_spent_eur{scope="global",period="day"} 4');
    expect(text).toContain('aos_budget_cap_eur{scope="global",period="day"} 10');
    expect(text).toContain('aos_budget_remaining_eur{scope="global",period="month"} 196');
    expect(text).toContain('aos_budget_cap_eur{scope="global",period="month"} 200');
    // The installation's binding cap is the one with 3 left (cap 5, spent 2), not the one with 7.
    expect(text).toContain('aos_budget_remaining_eur{scope="installation",period="day"} 3');
    expect(text).toContain('aos_budget_cap_eur{scope="installation",period="day"} 5');
    expect(text).toContain('aos_budget_spent_eur{scope="installation",period="day"} 2');
    expect(text).not.toContain('scope="provider"');
  });

  it('read the budget once per scrape for the three budget gauges', async () => {
    const metrics = createMetrics();
    let reads = 0;
    metrics.observeBudget(async () => {
      reads += 1;
      return [cap('global', 'day', 10, 1)];
    });
    await metrics.registry.metrics();
    expect(reads).toBe(1);
    await metrics.registry.metrics();
    expect(reads).toBe(2);
  });

  it('show the month-end forecast under the labels of the cap it is compared with', async () => {
    const metrics = createMetrics();
    let projected = 150;
    metrics.observeForecast(async () => [{ scope: 'global', period: 'month', projectedMonthEnd: projected }]);
    expect(await metrics.registry.metrics()).toContain('aos_budget_month_end_forecast_eur{scope="global",period="month"} 150');
    projected = 12_500.5;
    expect(await metrics.registry.metrics()).toContain('aos_budget_month_end_forecast_eur{scope="global",period="month"} 12500.5');
  });

  it('read the queue once per scrape for both queue gauges', async () => {
    const metrics = createMetrics();
    let reads = 0;
    metrics.observeQueue(async () => {
      reads += 1;
      return { waiting: 3, active: 1, oldestWaitingMs: 4500 };
    });
    const text = await metrics.registry.metrics();
    expect(reads).toBe(1);
    expect(text).toContain('aos_queue_depth{state="waiting"} 3');
    expect(text).toContain('aos_queue_depth{state="active"} 1');
    expect(text).toContain('aos_queue_oldest_job_age_seconds 4.5');
  });

  it('show each provider in its current circuit state, one-hot, as the router reports it at scrape time', async () => {
    const metrics = createMetrics();
    const states = new Map([
      ['openai', 'open'],
      ['local', 'closed'],
    ]);
    metrics.observeCircuits(() => states);
    let text = await metrics.registry.metrics();
    expect(text).toContain('aos_circuit_breaker_state{provider="openai",state="open"} 1');
    expect(text).toContain('aos_circuit_breaker_state{provider="openai",state="closed"} 0');
    expect(text).toContain('aos_circuit_breaker_state{provider="openai",state="half-open"} 0');
    expect(text).toContain('aos_circuit_breaker_state{provider="local",state="closed"} 1');
    states.set('openai', 'half-open');
    text = await metrics.registry.metrics();
    expect(text).toContain('aos_circuit_breaker_state{provider="openai",state="open"} 0');
    expect(text).toContain('aos_circuit_breaker_state{provider="openai",state="half-open"} 1');
  });

  it('count a failing source in the same scrape and leave its gauges empty', async () => {
    const metrics = createMetrics();
    metrics.observeQueue(() => Promise.reject(new Error('redis down')));
    metrics.observeBudget(() => Promise.reject(new Error('database down')));
    metrics.observeForecast(() => {
      throw new Error('thrown before any promise');
    });
    const text = await metrics.registry.metrics();
    expect(text).toContain('aos_metrics_source_failures_total{source="queue"} 1');
    expect(text).toContain('aos_metrics_source_failures_total{source="budget"} 1');
    expect(text).toContain('aos_metrics_source_failures_total{source="forecast"} 1');
    expect(text).not.toMatch(/^aos_queue_depth\{/m);
    expect(text).not.toMatch(/^aos_budget_(remaining|cap|spent)_eur\{/m);
    expect(text).not.toMatch(/^aos_budget_month_end_forecast_eur\{/m);
    expect(text).toMatch(/^aos_queue_oldest_job_age_seconds NaN$/im);
  });
});
