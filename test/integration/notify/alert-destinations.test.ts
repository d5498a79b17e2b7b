import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, loadEnv } from '#src/config/index.ts';
import { createNotifications } from '#src/notify/create-notifications.ts';
import { createMetrics } from '#src/observability/metrics.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { createPgliteTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';
import { makeConfigDir, SHIPPED, SPEC_SAMPLES } from '../../unit/config/temp-config-dir.ts';
import { startReceiver, type Receiver } from './support/start-receiver.ts';
import { startSmtpStub } from './support/start-smtp-stub.ts';

const ALL_SAMPLES = Object.fromEntries(SHIPPED.map((file) => [file, SPEC_SAMPLES]));

/** Waits until `done()` holds; the dispatcher delivers in the background. */
async function until(done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs) throw new Error('not delivered in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("budget alerts on the specification's sample alerts.channels", () => {
  let db: TestDatabase;
  let slack: Receiver;
  let smtp: Awaited<ReturnType<typeof startSmtpStub>>;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
    slack = await startReceiver();
    smtp = await startSmtpStub();
  });
  afterAll(async () => {
    await slack?.close();
    await smtp?.close();
    await db?.drop();
  });

  it('go to the Slack channel and the e-mail address the destinations name; other events keep the default channel', async () => {
    const configDir = makeConfigDir({}, ALL_SAMPLES);
    const config = loadConfig({ configDir, onWarning: () => undefined });
    // No AOS_ALERT_EMAIL: the sample's e-mail destination is the recipient.
    const env = loadEnv({ AOS_CONFIG_DIR: configDir, AOS_SLACK_WEBHOOK_URL: slack.url, AOS_SMTP_URL: smtp.url });
    const captured = captureLogger();
    const notifications = createNotifications({ env, config, knex: db.db.knex, logger: captured.logger, metrics: createMetrics() });
    try {
      await notifications.alerts!.publish({
        kind: 'threshold',
        scope: 'global',
        scopeId: 'phase_1',
        period: 'day',
        periodKey: '2026-11-22',
        message: 'aos has spent 80% of the global daily cap',
        payload: { spent: 360, cap: 450 },
      });
      await notifications.notify!({ type: 'run.finished', correlationId: 'run-1', title: 'aos run ready on octo/app#1', text: 'done' });
      await until(() => slack.accepted.length === 2 && smtp.mails.length === 1);
    } finally {
      await notifications.stop();
    }
    const posts = Object.fromEntries(
      slack.accepted.map((request) => [String((request.json as { correlation_id: string }).correlation_id), request.json]),
    );
    expect(posts['budget:global:phase_1:2026-11-22']).toMatchObject({ channel: '#finops-alerts' });
    expect(posts['run-1']).not.toHaveProperty('channel');
    expect(smtp.mails[0]!.to).toEqual(['<finops@example.com>']);
    expect(smtp.mails[0]!.subject).toContain('daily cap threshold reached');
    // Each delivery's log line carries its notification's correlation id (the run's, or the alert's key).
    const delivered = captured.lines.filter((line) => line.msg === 'notification delivered');
    expect(delivered).toHaveLength(3);
    expect(new Set(delivered.map((line) => line.correlation_id))).toEqual(new Set(['run-1', 'budget:global:phase_1:2026-11-22']));
  });
});
