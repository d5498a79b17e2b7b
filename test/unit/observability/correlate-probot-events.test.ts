import { Probot, ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { correlateProbotEvents } from '#src/observability/correlate-probot-events.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';

describe('correlateProbotEvents', () => {
  it("gives Probot's event lines the delivery id as correlation id, through Probot's own children", () => {
    const { logger, lines } = captureLogger();
    const probot = correlateProbotEvents(logger).child({ name: 'probot' });
    probot.child({ name: 'event', id: 'delivery-5' }).error(new Error('handler failed'));
    probot.child({ name: 'event', id: 'not a sane id' }).error(new Error('bad delivery header'));
    probot.child({ name: 'github' }).info('GitHub request: GET /repos - 200');
    expect(lines.map((line) => [line.msg, line.correlation_id, line.delivery_id])).toEqual([
      ['handler failed', 'delivery-5', 'delivery-5'],
      ['bad delivery header', undefined, undefined],
      ['GitHub request: GET /repos - 200', undefined, undefined],
    ]);
  });

  it('leaves the logger it was made from as it was', () => {
    const { logger, lines } = captureLogger();
    correlateProbotEvents(logger);
    logger.child({ name: 'event', id: 'delivery-6' }).info('not through Probot');
    expect(lines[0]).not.toHaveProperty('correlation_id');
  });

  it("correlates a real Probot's line about a webhook handler that failed", async () => {
    const { logger, lines } = captureLogger();
    const probot = new Probot({
      githubToken: 'unused',
      Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
      log: correlateProbotEvents(logger) as never,
    });
    await probot.load((app: Probot) =>
      app.on('issues.opened', async () => {
        throw new Error('the database is unreachable');
      }),
    );
    await expect(probot.webhooks.receive({ id: 'delivery-7', name: 'issues', payload: { action: 'opened' } } as never)).rejects.toThrow();
    expect(lines.filter((line) => line.level === 50)).toEqual([
      expect.objectContaining({ name: 'event', correlation_id: 'delivery-7', delivery_id: 'delivery-7' }),
    ]);
  });
});
