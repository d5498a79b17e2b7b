import { inject } from 'vitest';

/**
 * The URL of a backend for an integration suite. Outside CI an unreachable backend skips the suite
 * (returns null); under CI=true it is a failure, because CI must prove the integration paths.
 */
export function requireBackend(kind: 'postgres' | 'redis'): string | null {
  const backends = inject('backends');
  const url = backends[kind];
  if (url) return url;
  if (process.env.CI === 'true') {
    const why = kind === 'postgres' ? backends.postgresError : backends.redisError;
    throw new Error(`CI=true but ${kind} is unreachable (${why ?? 'unknown error'}); integration tests must not skip`);
  }
  return null;
}
