import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from '#src/config/index.ts';
import { thrown } from './temp-config-dir.ts';

describe('loadEnv', () => {
  it('applies the defaults and treats empty values as unset', () => {
    const env = loadEnv({ PORT: '', DATABASE_URL: '  ', LOG_LEVEL: '' } as unknown as NodeJS.ProcessEnv);
    expect(env).toMatchObject({
      PORT: 3000,
      WEBHOOK_PATH: '/api/github/webhooks',
      LOG_LEVEL: 'info',
      AOS_DATA_DIR: '.aos',
      CI: false,
      AOS_NOTIFY_WEBHOOK_URLS: [],
    });
    expect(env.AOS_CONFIG_DIR).toBe(process.cwd());
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('types the values it parses', () => {
    const env = loadEnv({
      APP_ID: '12345',
      PORT: '8080',
      CI: 'true',
      DATABASE_URL: 'postgresql://aos:pw@localhost:5432/aos',
      REDIS_URL: 'rediss://cache.example.com:6380',
      AOS_NOTIFY_WEBHOOK_URLS: 'https://a.example/hook, https://b.example/hook',
    });
    expect(env).toMatchObject({ APP_ID: 12345, PORT: 8080, CI: true, REDIS_URL: 'rediss://cache.example.com:6380' });
    expect(env.AOS_NOTIFY_WEBHOOK_URLS).toEqual(['https://a.example/hook', 'https://b.example/hook']);
  });

  it('refuses a PORT that is not a number', () => {
    const error = thrown(() => loadEnv({ PORT: 'eighty' })) as unknown as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('environment: PORT: must be a port number (1-65535)');
    expect(error.file).toBe('environment');
    expect(error.path).toBe('PORT');
    expect(error.exitCode).toBe(2);
  });

  it('caps the repository cache at 2048 MB unless AOS_REPO_CACHE_MAX_MB says otherwise, and refuses 0 or a non-number', () => {
    expect(loadEnv({}).AOS_REPO_CACHE_MAX_MB).toBe(2048);
    expect(loadEnv({ AOS_REPO_CACHE_MAX_MB: '512' }).AOS_REPO_CACHE_MAX_MB).toBe(512);
    expect((thrown(() => loadEnv({ AOS_REPO_CACHE_MAX_MB: '0' })) as Error).message).toBe(
      'environment: AOS_REPO_CACHE_MAX_MB: must be at least 1 (MB)',
    );
    expect((thrown(() => loadEnv({ AOS_REPO_CACHE_MAX_MB: 'lots' })) as Error).message).toBe(
      'environment: AOS_REPO_CACHE_MAX_MB: must be a whole number of megabytes',
    );
  });

  it('refuses a DATABASE_URL that is not PostgreSQL without echoing its password', () => {
    const error = thrown(() => loadEnv({ DATABASE_URL: 'mysql://aos:hunter2-secret@db.example.com/aos' }));
    expect(error.message).toBe('environment: DATABASE_URL: must be a postgres:// or postgresql:// URL');
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('hunter2-secret');
    expect(error.cause).toBeUndefined();
  });

  it('refuses a REDIS_URL that is not redis:// and lists every bad variable', () => {
    const error = thrown(() =>
      loadEnv({ REDIS_URL: 'http://cache.example.com', PORT: '99999', AOS_NOTIFY_WEBHOOK_URLS: 'https://ok.example, not a url' }),
    );
    expect(error.message.split('\n')).toEqual([
      'environment: PORT: must be a port number (1-65535)',
      'environment: REDIS_URL: must be a redis:// or rediss:// URL',
      'environment: AOS_NOTIFY_WEBHOOK_URLS[1]: must be an http:// or https:// URL',
    ]);
  });

  it('never echoes a secret-bearing URL it rejects', () => {
    const secret = 'T000/B000/XXXXsecretXXXX';
    const error = thrown(() => loadEnv({ AOS_SLACK_WEBHOOK_URL: `hooks.slack.com/services/${secret}` }));
    expect(error.message).toBe('environment: AOS_SLACK_WEBHOOK_URL: must be an http:// or https:// URL');
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('secret');
  });

  it('refuses an AOS_RUN_LINK_SECRET shorter than 32 bytes, without echoing it, and takes one of 32', () => {
    const short = 'run-pages-test-secret-31-bytes!';
    expect(Buffer.byteLength(short)).toBe(31);
    const error = thrown(() => loadEnv({ AOS_RUN_LINK_SECRET: short }));
    expect(error.message).toBe(
      'environment: AOS_RUN_LINK_SECRET: must be at least 32 bytes (it signs the links to run pages; make one with `openssl rand -hex 32`)',
    );
    expect(error.exitCode).toBe(2);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(short);
    expect(loadEnv({ AOS_RUN_LINK_SECRET: `${short}x` }).AOS_RUN_LINK_SECRET).toBe(`${short}x`);
    // Bytes, not characters: 11 three-byte characters are 33 bytes.
    expect(loadEnv({ AOS_RUN_LINK_SECRET: '€'.repeat(11) }).AOS_RUN_LINK_SECRET).toBe('€'.repeat(11));
  });
});
