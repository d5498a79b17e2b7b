import { describe, expect, it } from 'vitest';
import { REDACTED } from '#src/observability/redact.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';

// Opaque values: no vendor prefix, nothing a content pattern could recognise. Only the key says
// they are secret.
const VALUE = 'Zq8vPk3LmN7xR2tW';

describe('the logger redacts by key name', () => {
  it.each([
    'stripe_secret',
    'clientSecretValue',
    'SECRET',
    'signing_key',
    'signingKey',
    'AccountKey',
    'apikey',
    'APIKEY',
    'x-api-key',
    'githubToken',
    'refresh_token_value',
    'NODE_AUTH_TOKEN',
    'Password',
    'db_password',
    'PGPASSWORD',
    'credentials',
    'awsCredentials',
    'Cookie',
    'set-cookie',
    'AUTHORIZATION',
  ])('replaces the value of %j at any depth and keeps the key', (key) => {
    const { logger, lines } = captureLogger();
    logger.info({ [key]: VALUE, request: { options: [{ [key]: VALUE, region: 'eu' }] } }, 'calling the vendor');
    const line = lines[0] ?? {};
    expect(JSON.stringify(line)).not.toContain(VALUE);
    expect(line[key]).toBe(REDACTED);
    expect(line.request).toEqual({ options: [{ [key]: REDACTED, region: 'eu' }] });
  });

  it('replaces a whole credentials object, and keeps counts whose names merely mention tokens or secrets', () => {
    const { logger, lines } = captureLogger();
    logger.info(
      {
        credentials: { user: 'deploy', pass: VALUE },
        usage: { max_tokens: 4096, inputTokens: 12, tokenizer: 'cl100k', secretsFound: 0, passwordPolicy: 'strong' },
      },
      'usage',
    );
    expect(JSON.stringify(lines[0])).not.toContain(VALUE);
    expect(lines[0]).toMatchObject({
      credentials: REDACTED,
      usage: { max_tokens: 4096, inputTokens: 12, tokenizer: 'cl100k', secretsFound: 0, passwordPolicy: 'strong' },
    });
  });
});

describe('the logger redacts credentials inside URLs in logged strings', () => {
  it.each([
    [
      'access_token',
      `https://api.example/v1/me?access_token=${VALUE}&fields=id`,
      'https://api.example/v1/me?access_token=[REDACTED]&fields=id',
    ],
    [
      'client_secret',
      `POST /oauth/token?grant_type=client_credentials&client_secret=${VALUE}`,
      'POST /oauth/token?grant_type=client_credentials&client_secret=[REDACTED]',
    ],
    ['token', `GET https://hooks.example/notify?token=${VALUE}`, 'GET https://hooks.example/notify?token=[REDACTED]'],
    ['a fragment', `https://app.example/callback#id_token=${VALUE}&state=1`, 'https://app.example/callback#id_token=[REDACTED]&state=1'],
    [
      'userinfo',
      `cloning https://deploy:${VALUE}@git.example/acme/widgets.git`,
      'cloning https://deploy:[REDACTED]@git.example/acme/widgets.git',
    ],
  ])('removes %s from the message and from string fields', (_kind, text, redacted) => {
    const { logger, lines } = captureLogger();
    logger.info({ url: text, nested: { steps: [text] } }, text);
    expect(JSON.stringify(lines[0])).not.toContain(VALUE);
    expect(lines[0]).toMatchObject({ msg: redacted, url: redacted, nested: { steps: [redacted] } });
  });
});
