import { describe, expect, it } from 'vitest';
import { finopsSchema, parseYamlText } from '#src/config/index.ts';
import { thrown } from './temp-config-dir.ts';

/** A valid finops file in the specification's names, with the phase body `phase` and `top` prepended. */
function finops({ phase = 'daily_eur_cap: 450\n    monthly_eur_cap: 12000', top = '' } = {}): string {
  return `${top}phases:
  1:
    ${phase}
    providers:
      openai:
        max_tokens: 1000
        max_tokens_per_day: 100000
        models: [gpt-4o]
alerts:
  threshold_percent: 80
  channels:
    - type: slack
      destination: "#finops-alerts"
`;
}

const parse = (text: string) => parseYamlText(text, finopsSchema, 'policies/finops.yaml');

describe('finopsSchema', () => {
  it('numbers the active phase (default: the lowest) and applies the defaults', () => {
    const config = parse(finops());
    expect(config.active_phase).toBe(1);
    expect(config.run_default_cap_eur).toBe(5);
    expect(config.alerts.burn_rate_forecast).toBe(true);
    expect(config.phases['1']?.providers.openai).toEqual({ max_tokens: 1000, max_tokens_per_day: 100000, models: ['gpt-4o'] });
    expect(parse(finops({ top: 'active_phase: "1"\n' })).active_phase).toBe(1);
  });

  it('refuses a daily cap above the monthly cap', () => {
    const error = thrown(() => parse(finops({ phase: 'daily_eur_cap: 900\n    monthly_eur_cap: 800' })));
    expect(error.message).toBe(
      'policies/finops.yaml:3: phases.1.daily_eur_cap: daily cap (900 EUR) is greater than the monthly cap (800 EUR)',
    );
  });

  it('refuses a per-request ceiling above the daily token ceiling', () => {
    const error = thrown(() => parse(finops().replace('max_tokens: 1000', 'max_tokens: 200000')));
    expect(error.message).toBe(
      'policies/finops.yaml:7: phases.1.providers.openai.max_tokens: max_tokens (200000) exceeds max_tokens_per_day (100000)',
    );
  });

  it('refuses phases that are not numbered', () => {
    const error = thrown(() => parse(finops().replace('  1:', '  pilot:')));
    expect(error.message).toBe('policies/finops.yaml:2: phases.pilot: phases are numbered: 1, 2, 3');
  });

  it('refuses an active phase that is not defined', () => {
    const error = thrown(() => parse(finops({ top: 'active_phase: 4\n' })));
    expect(error.message).toBe('policies/finops.yaml:1: active_phase: phase 4 is not defined under phases (defined: 1)');
  });

  it('refuses a run cap above the daily cap of the active phase', () => {
    const error = thrown(() => parse(finops({ top: 'run_default_cap_eur: 500\n' })));
    expect(error.message).toBe(
      'policies/finops.yaml:1: run_default_cap_eur: run cap (500 EUR) is greater than the daily cap of phase 1 (450 EUR)',
    );
  });

  it('requires threshold_percent in (0, 100]', () => {
    expect(thrown(() => parse(finops().replace('threshold_percent: 80', 'threshold_percent: 0'))).message).toBe(
      'policies/finops.yaml:11: alerts.threshold_percent: threshold_percent must be greater than 0',
    );
    expect(parse(finops().replace('threshold_percent: 80', 'threshold_percent: 100')).alerts.threshold_percent).toBe(100);
  });

  it('checks each destination against its channel type, and one destination per type', () => {
    expect(thrown(() => parse(finops().replace('"#finops-alerts"', '"finops alerts!"'))).message).toBe(
      'policies/finops.yaml:14: alerts.channels[0].destination: must be a Slack channel name such as #finops-alerts',
    );
    expect(thrown(() => parse(`${finops()}    - type: webhook\n      destination: https://hooks.example.eu\n`)).message).toBe(
      'policies/finops.yaml:16: alerts.channels[1].destination: a webhook has no destination here: its URLs come from AOS_NOTIFY_WEBHOOK_URLS',
    );
    expect(thrown(() => parse(`${finops()}    - type: slack\n`)).message).toBe(
      'policies/finops.yaml:15: alerts.channels[1].type: slack is listed twice; give one destination per channel type',
    );
  });
});
