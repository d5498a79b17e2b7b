import type { AosEnv } from './env-schema.ts';

/**
 * The variables Probot reads for itself, taken from the validated environment, so Probot sees
 * exactly what aos validated and nothing else of the process environment.
 */
export function probotEnv(env: AosEnv): NodeJS.ProcessEnv {
  const entries: Array<[string, string | number | undefined]> = [
    ['APP_ID', env.APP_ID],
    ['PRIVATE_KEY', env.PRIVATE_KEY],
    ['PRIVATE_KEY_PATH', env.PRIVATE_KEY_PATH],
    ['WEBHOOK_SECRET', env.WEBHOOK_SECRET],
    ['WEBHOOK_PATH', env.WEBHOOK_PATH],
    ['PORT', env.PORT],
    ['HOST', env.HOST],
    ['LOG_LEVEL', env.LOG_LEVEL],
    ['LOG_FORMAT', env.LOG_FORMAT],
    ['GHE_HOST', env.GHE_HOST],
    ['GHE_PROTOCOL', env.GHE_PROTOCOL],
    ['REDIS_URL', env.REDIS_URL],
    ['NODE_ENV', env.NODE_ENV],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined).map(([name, value]) => [name, String(value)]));
}
