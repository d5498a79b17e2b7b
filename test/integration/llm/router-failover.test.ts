import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/index.ts';
import { runFailoverScenario } from '../../../scripts/bench/lib/failover-scenario.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';

describe('router failover under injected failures', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await databaseEngines()[0]!.create();
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('answers at least 99% of 1,000 requests with 30% of primary requests failing, opening and half-opening the breaker', async () => {
    const outcome = await runFailoverScenario({
      knex: testDb.db.knex,
      config: loadConfig({ configDir: process.cwd() }),
      logger: captureLogger().logger,
    });
    expect(outcome.answered / outcome.requests).toBeGreaterThanOrEqual(0.99);
    expect(outcome.primaryFailuresInjected).toBeGreaterThan(250);
    expect(outcome.answeredByPrimary).toBeGreaterThan(500);
    expect(outcome.answeredByFallback).toBeGreaterThan(0);
    expect(outcome.breakerOpened).toBeGreaterThanOrEqual(1);
    expect(outcome.breakerHalfOpenProbes).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
