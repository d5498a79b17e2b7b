import type { AosEnv } from './env-schema.ts';

/** The variables Probot reads for itself, in the order it is handed them. */
const PROBOT_VARIABLES = [
  'APP_ID',
  'PRIVATE_KEY',
  'PRIVATE_KEY_PATH',
  'WEBHOOK_SECRET',
  'WEBHOOK_PATH',
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'GHE_HOST',
  'GHE_PROTOCOL',
  'REDIS_URL',
  'NODE_ENV',
] as const satisfies ReadonlyArray<keyof AosEnv>;

/**
 * The variables Probot reads for itself, taken from the validated environment, so Probot sees
 * exactly what aos validated and nothing else of the process environment.
 */
export function probotEnv(env: AosEnv): NodeJS.ProcessEnv {
  const entries = PROBOT_VARIABLES.map((name): [string, string | number | undefined] => [name, env[name]]);
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined).map(([name, value]) => [name, String(value)]));
}
