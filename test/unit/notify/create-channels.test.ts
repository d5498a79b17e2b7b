import { describe, expect, it } from 'vitest';
import { ConfigError } from '#src/config/config-error.ts';
import { createChannels } from '#src/notify/create-channels.ts';

const slackUrl = 'https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX';

describe('createChannels', () => {
  it('builds one channel per configured destination, labelled without secrets', () => {
    const channels = createChannels({
      AOS_SLACK_WEBHOOK_URL: slackUrl,
      AOS_NOTIFY_WEBHOOK_URLS: [
        'https://hooks.example.eu/aos?token=abc',
        'https://other.example.eu:8443/in',
        'https://hooks.example.eu/aos?token=abc',
      ],
      AOS_NOTIFY_SIGNING_SECRET: 's3cret',
      AOS_SMTP_URL: 'smtp://user:pa55@mail.example.eu:587',
      AOS_ALERT_EMAIL: 'ops@example.eu',
    });
    expect(channels.map(({ kind, destination }) => ({ kind, destination }))).toEqual([
      { kind: 'slack', destination: 'hooks.slack.com' },
      { kind: 'webhook', destination: 'hooks.example.eu' },
      { kind: 'webhook', destination: 'other.example.eu:8443' },
      { kind: 'email', destination: 'mail.example.eu:587' },
    ]);
    const labels = JSON.stringify(channels.map(({ id, destination }) => ({ id, destination })));
    for (const secret of ['XXXXSECRETXXXX', 'token', 'pa55', 'user', 's3cret']) expect(labels).not.toContain(secret);
  });

  it('gives a webhook the same channel id on every start, and different URLs different ids', () => {
    const env = { AOS_NOTIFY_WEBHOOK_URLS: ['https://a.example.eu/x', 'https://a.example.eu/y'], AOS_NOTIFY_SIGNING_SECRET: 's' };
    const first = createChannels(env).map((channel) => channel.id);
    expect(createChannels(env).map((channel) => channel.id)).toEqual(first);
    expect(new Set(first).size).toBe(2);
  });

  it('configures nothing from an empty environment', () => {
    expect(createChannels({})).toEqual([]);
  });

  it('refuses half a configuration', () => {
    expect(() => createChannels({ AOS_NOTIFY_WEBHOOK_URLS: ['https://a.example.eu/x'] })).toThrow(ConfigError);
    expect(() => createChannels({ AOS_NOTIFY_WEBHOOK_URLS: ['https://a.example.eu/x'] })).toThrow(/AOS_NOTIFY_SIGNING_SECRET/);
    expect(() => createChannels({ AOS_SMTP_URL: 'smtp://mail.example.eu' })).toThrow(/AOS_ALERT_EMAIL/);
    expect(() => createChannels({ AOS_ALERT_EMAIL: 'ops@example.eu' })).toThrow(/AOS_SMTP_URL/);
  });
});
