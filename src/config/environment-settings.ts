import type { ConfigSetting } from './config-settings.ts';
import { envSchema } from './env-schema.ts';

/** Variables whose values are safe to print; every other one is a secret or may hold credentials. */
const SHOWN = new Set([
  'APP_ID',
  'WEBHOOK_PATH',
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'GHE_HOST',
  'GHE_PROTOCOL',
  'AOS_GITHUB_WRITE_INTERVAL_MS',
  'AOS_GITHUB_RATE_LIMIT_FLOOR',
  'AOS_DATA_DIR',
  'AOS_REPO_CACHE_MAX_MB',
  'AOS_CONFIG_DIR',
  'AOS_PUBLIC_URL',
  'AOS_ALERT_EMAIL',
  'AOS_PYPI_URL',
  'AOS_OSV_URL',
  'OTEL_TRACES_EXPORTER',
  'OTEL_SERVICE_NAME',
  'OTEL_SDK_DISABLED',
  'AOS_TRACE_CONTENT',
  'NODE_ENV',
  'CI',
]);

/**
 * The environment variables aos reads, as settings: a set one with its value (or `(set)` for
 * anything that may be a secret), an unset one with a default as that default. `validated` is the
 * output of loadEnv; `raw` tells which variables were really set.
 */
export function environmentSettings(validated: Record<string, unknown>, raw: NodeJS.ProcessEnv = process.env): ConfigSetting[] {
  const settings: ConfigSetting[] = [];
  for (const name of Object.keys(envSchema.shape)) {
    const set = raw[name] !== undefined && raw[name]?.trim() !== '';
    const value = validated[name];
    if (!set && (value === undefined || (Array.isArray(value) && value.length === 0))) continue;
    settings.push({
      file: 'environment',
      path: name,
      value: set && !SHOWN.has(name) ? '(set)' : value,
      origin: set ? 'environment variable' : 'default',
    });
  }
  return settings;
}
