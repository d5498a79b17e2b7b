import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeAgentDeps } from '#src/compose/compose-agent-deps.ts';
import { loadConfig } from '#src/config/index.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { createPgliteTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createPgliteTestDatabase();
});
afterAll(() => database?.drop());

describe('composeAgentDeps', () => {
  it('builds providers from the keys, decides residency on their real endpoints, and lists the missing ones', () => {
    const config = loadConfig({ configDir: process.cwd(), env: { AOS_LOCAL_LLM_URL: 'http://127.0.0.1:8001/v1' } });
    const deps = composeAgentDeps({
      env: { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: undefined },
      config,
      backends: { db: database.db, redis: undefined },
      logger: captureLogger().logger,
    });
    expect([...deps.providers.keys()].sort()).toEqual(['local', 'openai']);
    expect(deps.missingProviders).toEqual(['anthropic']);
    const residency = deps.router.residencyDecisions();
    expect(residency.get('openai')).toMatchObject({ allow: true, host: 'eu.api.openai.com' });
    expect(residency.get('local')).toMatchObject({ allow: true, host: '127.0.0.1' });
  });

  it('records runs, ledger events and state in the database it is given', async () => {
    const config = loadConfig({ configDir: process.cwd() });
    const deps = composeAgentDeps({ env: {}, config, backends: { db: database.db, redis: undefined }, logger: captureLogger().logger });
    const created = await deps.runStore.createRun({ kind: 'local', baseSha: 'a'.repeat(40) }, 'compose-run');
    expect(created.created).toBe(true);
    await deps.ledger.appendEvent('compose-run', 'test.event', { n: 1 });
    await deps.stateRepository.save('compose-state', { n: 1 });
    expect(await deps.stateRepository.get('compose-state')).toEqual({ n: 1 });
    expect((await deps.ledger.verifyLedgerIntegrity('compose-run')).ok).toBe(true);
    const [cap] = await deps.guardian.getRemainingBudget({ provider: 'local' });
    expect(cap).toMatchObject({ scope: 'global', remaining: cap!.cap });
  });
});
