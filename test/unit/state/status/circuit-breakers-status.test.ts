import { describe, expect, it } from 'vitest';
import { circuitProviders } from '#src/state/status/circuit-breakers-status.ts';

const at = (iso: string) => new Date(iso);
const open = (provider: string, process: string, retryAt: string) => ({
  provider,
  process,
  failures: 5,
  openedAt: at('2026-11-22T10:00:00Z'),
  retryAt: at(retryAt),
});

describe('circuit breakers across processes', () => {
  it('is open while any process refuses calls, half-open once every recorded cooldown ended, closed without a record', () => {
    const rows = [
      open('openai', 'web-1:10', '2026-11-22T10:01:00Z'),
      open('openai', 'worker-2:20', '2026-11-22T10:05:00Z'),
      open('anthropic', 'web-1:10', '2026-11-22T10:01:00Z'),
    ];
    const now = at('2026-11-22T10:02:00Z');
    const providers = circuitProviders(['openai', 'anthropic', 'local'], rows, now);
    expect(providers.map((provider) => [provider.provider, provider.state])).toEqual([
      ['openai', 'open'],
      ['anthropic', 'half-open'],
      ['local', 'closed'],
    ]);
    expect(providers[0]!.processes.map((row) => [row.process, row.state])).toEqual([
      ['web-1:10', 'half-open'],
      ['worker-2:20', 'open'],
    ]);
    expect(providers[0]!.processes[1]).toMatchObject({ failures: 5, retry_at: '2026-11-22T10:05:00.000Z' });
    expect(providers[2]!.processes).toEqual([]);
  });

  it('keeps a recorded provider that routing no longer names, so nothing recorded is hidden', () => {
    const providers = circuitProviders(['local'], [open('openai', 'web-1:10', '2026-11-22T11:00:00Z')], at('2026-11-22T10:00:00Z'));
    expect(providers.map((provider) => `${provider.provider}:${provider.state}`)).toEqual(['local:closed', 'openai:open']);
  });
});
