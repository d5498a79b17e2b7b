import type { TestProject } from 'vitest/node';
import { probeBackends } from './helpers/backends.ts';

/** Probes PostgreSQL and Redis once for the whole run and hands the result to every test file. */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('backends', await probeBackends());
}

declare module 'vitest' {
  export interface ProvidedContext {
    backends: { postgres: string | null; redis: string | null; postgresError?: string; redisError?: string };
  }
}
