import { describe, expect, it } from 'vitest';
import { loadEnv, probotEnv } from '#src/config/index.ts';

describe('probotEnv', () => {
  it("hands Probot its own variables as strings, and nothing of aos's", () => {
    const env = loadEnv({
      APP_ID: '12345',
      WEBHOOK_SECRET: 'shh',
      PORT: '8080',
      GHE_HOST: 'ghe.example:8443',
      GHE_PROTOCOL: 'https',
      REDIS_URL: 'redis://127.0.0.1:6379',
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://aos@db/aos',
      AOS_DATA_DIR: '/var/aos',
    } as unknown as NodeJS.ProcessEnv);
    expect(probotEnv(env)).toEqual({
      APP_ID: '12345',
      WEBHOOK_SECRET: 'shh',
      WEBHOOK_PATH: '/api/github/webhooks',
      PORT: '8080',
      LOG_LEVEL: 'info',
      GHE_HOST: 'ghe.example:8443',
      GHE_PROTOCOL: 'https',
      REDIS_URL: 'redis://127.0.0.1:6379',
      NODE_ENV: 'production',
    });
  });

  it('leaves out what is unset', () => {
    expect(Object.keys(probotEnv(loadEnv({} as NodeJS.ProcessEnv))).sort()).toEqual(['LOG_LEVEL', 'PORT', 'WEBHOOK_PATH']);
  });
});
