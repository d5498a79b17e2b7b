import { describe, expect, it } from 'vitest';
import { finopsSchema, parseYamlText } from '../../../src/config/index.ts';
import { thrown } from './temp-config-dir.ts';

/** A valid finops file with `model` as the one OpenAI model's body and `extra` appended. */
function finops({ model = 'cost_per_1k_tokens: 0.004', phase = 'daily_cap_eur: 450\n    monthly_cap_eur: 12000', top = '' } = {}): string {
  return `${top}phases:
  phase_1:
    ${phase}
providers:
  openai:
    max_tokens_per_request: 1000
    max_tokens_per_day: 100000
    models:
      gpt-4o:
        ${model}
        context_window: 128000
        max_output_tokens: 16384
alerts:
  threshold: 0.8
  channels: [slack, email]
  burn_rate_forecast: true
`;
}

const parse = (text: string) => parseYamlText(text, finopsSchema, 'policies/finops.yaml');

describe('finopsSchema', () => {
  it('normalizes cost_per_1k_tokens into both rates and applies defaults', () => {
    const config = parse(finops());
    expect(config.providers.openai?.models['gpt-4o']).toEqual({
      input_per_1k_eur: 0.004,
      output_per_1k_eur: 0.004,
      context_window: 128000,
      max_output_tokens: 16384,
    });
    expect(config.providers.openai?.models['gpt-4o']).not.toHaveProperty('cost_per_1k_tokens');
    expect(config.active_phase).toBe('phase_1');
    expect(config.run_default_cap_eur).toBe(5);
  });

  it('keeps separate input and output rates', () => {
    const config = parse(finops({ model: 'input_per_1k_eur: 0.002\n        output_per_1k_eur: 0.008' }));
    expect(config.providers.openai?.models['gpt-4o']).toMatchObject({ input_per_1k_eur: 0.002, output_per_1k_eur: 0.008 });
  });

  it('refuses a model without a price, and mixing the shorthand with separate rates', () => {
    expect(thrown(() => parse(finops({ model: 'max_tokens_per_request: 1' }))).message).toContain(
      'providers.openai.models.gpt-4o.max_tokens_per_request: unknown key',
    );
    expect(thrown(() => parse(finops({ model: '' }))).message).toBe(
      'policies/finops.yaml:10: providers.openai.models.gpt-4o: missing price: set input_per_1k_eur and output_per_1k_eur (or cost_per_1k_tokens)',
    );
    expect(thrown(() => parse(finops({ model: 'cost_per_1k_tokens: 0.01\n        input_per_1k_eur: 0.01' }))).message).toBe(
      'policies/finops.yaml:11: providers.openai.models.gpt-4o.cost_per_1k_tokens: give either cost_per_1k_tokens or input_per_1k_eur and output_per_1k_eur, not both',
    );
    expect(thrown(() => parse(finops({ model: 'input_per_1k_eur: 0.01' }))).message).toBe(
      'policies/finops.yaml:10: providers.openai.models.gpt-4o.output_per_1k_eur: missing required key (a model needs both rates, or cost_per_1k_tokens)',
    );
  });

  it('refuses a daily cap above the monthly cap', () => {
    const error = thrown(() => parse(finops({ phase: 'daily_cap_eur: 900\n    monthly_cap_eur: 800' })));
    expect(error.message).toBe('policies/finops.yaml:3: phases.phase_1.daily_cap_eur: daily cap (900 EUR) is greater than the monthly cap (800 EUR)');
  });

  it('refuses an active phase that is not defined', () => {
    const error = thrown(() => parse(finops({ top: 'active_phase: phase_4\n' })));
    expect(error.message).toBe("policies/finops.yaml:1: active_phase: phase 'phase_4' is not defined under phases (defined: phase_1)");
  });

  it('refuses a run cap above the daily cap of the active phase', () => {
    const error = thrown(() => parse(finops({ top: 'run_default_cap_eur: 500\n' })));
    expect(error.message).toBe('policies/finops.yaml:1: run_default_cap_eur: run cap (500 EUR) is greater than the daily cap of phase_1 (450 EUR)');
  });

  it('requires the alert threshold in (0, 1]', () => {
    expect(thrown(() => parse(finops().replace('threshold: 0.8', 'threshold: 0'))).message).toBe(
      'policies/finops.yaml:15: alerts.threshold: threshold must be greater than 0',
    );
    expect(parse(finops().replace('threshold: 0.8', 'threshold: 1')).alerts.threshold).toBe(1);
  });
});
