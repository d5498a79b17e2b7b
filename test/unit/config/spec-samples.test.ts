import { describe, expect, it } from 'vitest';
import { formatConfigProblem, inspectConfig, loadConfig } from '#src/config/index.ts';
import { decideRoute } from '#src/llm/decide-route.ts';
import { decideConfiguredVendors } from '#src/policy/residency/residency-for-config.ts';
import { describeRegionClaims } from '#src/policy/residency/residency-region-claims.ts';
import { healthWith } from '../../fixtures/routing-cases.ts';
import { makeConfigDir, SHIPPED, SPEC_SAMPLES } from './temp-config-dir.ts';

const ALL_SAMPLES = Object.fromEntries(SHIPPED.map((file) => [file, SPEC_SAMPLES]));

/** The samples loaded together (no warning printed), and the warning lines. */
function samples() {
  const warnings: string[] = [];
  const config = loadConfig({ configDir: makeConfigDir({}, ALL_SAMPLES), onWarning: (line) => warnings.push(line) });
  return { config, warnings };
}

describe("the phase-1 specification's sample configuration", () => {
  it('loads all three samples together with no problem; the only warnings are the single rates of vendors that bill output higher', () => {
    const dir = makeConfigDir({}, ALL_SAMPLES);
    const inspection = inspectConfig({ configDir: dir });
    expect(inspection.problems.map(formatConfigProblem)).toEqual([]);
    expect(inspection.warnings.map((warning) => warning.path)).toEqual([
      'providers.openai.cost_per_1k_tokens.gpt-4o-mini',
      'providers.openai.cost_per_1k_tokens.gpt-4o',
      'providers.anthropic.cost_per_1k_tokens.claude-3-5-sonnet-20241022',
    ]);
    expect(formatConfigProblem(inspection.warnings[1]!)).toMatch(
      /model_routing\.yaml:16: providers\.openai\.cost_per_1k_tokens\.gpt-4o: one rate .* OpenAI bills output tokens at a higher rate/,
    );
  });

  it.each(SHIPPED)('loads the sample %s alone, beside the shipped other two files', (file) => {
    const inspection = inspectConfig({ configDir: makeConfigDir({}, { [file]: SPEC_SAMPLES }) });
    expect(inspection.problems.map(formatConfigProblem)).toEqual([]);
    expect(inspection.config).not.toBeNull();
  });

  it('reads finops as written: numbered phases, EUR caps, per-request token ceilings, allowed models, a percentage and destinations', () => {
    const { finops } = samples().config;
    expect(finops.active_phase).toBe(1);
    expect(Object.keys(finops.phases)).toEqual(['1', '2', '3']);
    expect(finops.phases['1']).toMatchObject({ daily_eur_cap: 450, monthly_eur_cap: 12000 });
    expect(finops.phases['3']).toMatchObject({ daily_eur_cap: 900, monthly_eur_cap: 22000 });
    expect(finops.providers.openai).toMatchObject({
      max_tokens_per_request: 80000,
      max_tokens_per_day: undefined,
      allowed_models: ['gpt-4o-mini', 'gpt-4o'],
    });
    expect(finops.providers.anthropic).toMatchObject({ max_tokens_per_request: 60000, allowed_models: ['claude-3-5-sonnet-20241022'] });
    expect(finops.providers.local).toMatchObject({ max_tokens_per_request: 100000, allowed_models: null });
    expect(finops.alerts).toEqual({
      threshold_percent: 80,
      channels: [
        { type: 'slack', destination: '#finops-alerts' },
        { type: 'email', destination: 'finops@example.com' },
      ],
      burn_rate_forecast: true,
    });
  });

  it('reads routing as written: a model per task, latency in ms, one EUR rate per model, routes with output caps, failover', () => {
    const { routing, finops } = samples().config;
    expect(routing.providers.openai).toMatchObject({
      models: { planning: 'gpt-4o-mini', coding: 'gpt-4o', review: 'gpt-4o-mini', qa: 'gpt-4o-mini' },
      base_latency_ms: 800,
    });
    // One rate for input and output; no limits given, so the window is the phase's per-request ceiling.
    expect(finops.providers.openai?.models['gpt-4o']).toEqual({
      input_per_1k_eur: 0.0025,
      output_per_1k_eur: 0.0025,
      context_window: 80000,
      max_output_tokens: 80000,
    });
    expect(finops.providers.local?.models['local-llm']).toMatchObject({ input_per_1k_eur: 0, output_per_1k_eur: 0 });
    expect(routing.task_types.planning).toEqual({ preferred_provider: 'openai', fallback: ['local'], max_tokens: 4000 });
    expect(routing.task_types.coding).toEqual({ preferred_provider: 'anthropic', fallback: ['openai'], max_tokens: 16000 });
    expect(routing.failover).toMatchObject({ max_retries: 3, retry_delay_ms: 500, fallback_provider: 'local' });
  });

  it('routes each task to its preferred provider, its fallback and the failover provider, each with its model for that task', () => {
    const { routing, finops } = samples().config;
    const coding = decideRoute('coding', routing, finops, healthWith({}));
    expect(coding.candidates.map(({ provider, model }) => [provider, model])).toEqual([
      ['anthropic', 'claude-3-5-sonnet-20241022'],
      ['openai', 'gpt-4o'],
      ['local', 'local-llm'],
    ]);
    const planning = decideRoute('planning', routing, finops, healthWith({ openai: { residency: { allow: false, reason: 'not EU' } } }));
    expect(planning.candidates.map(({ provider, model }) => [provider, model])).toEqual([['local', 'local-llm']]);
  });

  it('never routes to a model the active phase does not allow', () => {
    // The shipped routing asks anthropic for claude-sonnet-4, which phase 1 of the sample does not list.
    const config = loadConfig({ configDir: makeConfigDir({}, { 'policies/finops.yaml': SPEC_SAMPLES }), onWarning: () => undefined });
    const decision = decideRoute('coding', config.routing, config.finops, healthWith({}));
    expect(decision.candidates.map((candidate) => candidate.provider)).toEqual(['local', 'openai']);
    expect(decision.skipped).toEqual([
      {
        provider: 'anthropic',
        cause: 'phase',
        reason:
          'anthropic model claude-sonnet-4-20250514 is not allowed in phase 1 (policies/finops.yaml phases.1.providers.anthropic.models: claude-3-5-sonnet-20241022)',
      },
    ]);
  });

  it('reads residency as written: booleans for retention, compliance as named, the enforcement block, built-in EU hosts', () => {
    const { residency } = samples().config;
    expect(residency.vendors.openai).toMatchObject({
      region: 'eu-west-1',
      data_retention: false,
      compliance: ['GDPR', 'EU AI Act'],
      eu_host_patterns: ['eu.api.openai.com'],
      on_premise: false,
    });
    expect(residency.vendors.anthropic?.eu_host_patterns).toContain('bedrock-runtime.eu-*.amazonaws.com');
    expect(residency.vendors.local).toMatchObject({ region: 'on-premise', on_premise: true, data_retention: true, logging_enabled: true });
    expect(residency.enforcement).toEqual({
      block_non_eu_requests: true,
      alert_on_violation: true,
      log_all_requests: true,
      enforce_eu_residency: true,
    });
  });

  it("blocks OpenAI's and Anthropic's global hosts, keeps the on-premise server, and says once that the declared regions are a mistake", () => {
    const vendors = decideConfiguredVendors(samples().config);
    const byName = Object.fromEntries(vendors.map(({ vendor, decision }) => [vendor, decision]));
    expect(byName.openai).toMatchObject({
      allow: false,
      host: 'api.openai.com',
      reason: expect.stringContaining("api.openai.com is not an EU host: it is OpenAI's global host"),
    });
    expect(byName.openai?.reason).toContain('set OPENAI_BASE_URL=https://eu.api.openai.com/v1');
    expect(byName.anthropic).toMatchObject({
      allow: false,
      host: 'api.anthropic.com',
      reason: expect.stringContaining("api.anthropic.com is not an EU host: it is Anthropic's global host"),
    });
    expect(byName.local).toMatchObject({ allow: true, compliant: true, host: 'localhost' });
    const note = describeRegionClaims(
      vendors.map(({ vendor, entry, decision }) => ({ vendor, region: entry.region, host: decision.host })),
    );
    expect(note).toBe(
      'note: declaring region eu-west-1 for openai (api.openai.com) and eu-central-1 for anthropic (api.anthropic.com) is a mistake: those are global hosts, and a region setting does not make a global host process data in the EU; point the endpoints at EU hosts instead',
    );
  });
});
