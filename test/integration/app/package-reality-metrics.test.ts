import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHarness } from '../../helpers/app-harness.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';
import { webhookExample } from '../../helpers/webhook-examples.ts';

const API = 'https://api.github.com';
const REPO = '/repos/octo/fixture';

/** A pull_request.opened delivery for octo/fixture#8. */
function pullRequestOpened() {
  const payload = webhookExample('pull_request', 'opened');
  payload.repository.name = 'fixture';
  payload.repository.owner.login = 'octo';
  payload.pull_request.number = 8;
  payload.pull_request.head.sha = 'c'.repeat(40);
  payload.pull_request.base.sha = 'd'.repeat(40);
  payload.installation = { id: 42 };
  payload.number = 8;
  return payload;
}

describe('aos / package-reality metrics through probot.receive, GitHub mocked with nock', () => {
  let testDb: TestDatabase;
  let harness: Awaited<ReturnType<typeof appHarness>>;
  beforeAll(async () => {
    testDb = await databaseEngines()[0]!.create();
    harness = await appHarness({ knex: testDb.db.knex });
  });
  afterAll(async () => {
    await testDb?.drop();
  });
  const scrape = () => harness.agent.metrics.registry.metrics();

  it('counts a check with nothing to verify as a neutral conclusion, not as an error', async () => {
    nock(API).post(`${REPO}/check-runs`).reply(201, { id: 601 });
    nock(API)
      .get(`${REPO}/pulls/8/files`)
      .query(true)
      .reply(200, [{ filename: 'src/math.ts', status: 'modified' }]);
    nock(API).patch(`${REPO}/check-runs/601`).reply(200, { id: 601 });
    await harness.receive('pull_request', pullRequestOpened());
    const text = await scrape();
    expect(text).toContain('aos_check_run_conclusions_total{check="package-reality",conclusion="neutral"} 1');
    expect(text).toMatch(/^aos_package_reality_check_errors_total 0$/m);
  });

  it('counts a check that could not finish (GitHub failed listing the files), which concludes neutral saying so', async () => {
    nock(API).post(`${REPO}/check-runs`).reply(201, { id: 602 });
    nock(API).get(`${REPO}/pulls/8/files`).query(true).reply(500, { message: 'Server Error' });
    let update: { conclusion?: string; output?: { title?: string } } = {};
    nock(API)
      .patch(`${REPO}/check-runs/602`, (body: typeof update) => ((update = body), true))
      .reply(200, { id: 602 });
    await harness.receive('pull_request', pullRequestOpened(), 'delivery-package-reality-error');
    expect(update).toMatchObject({ conclusion: 'neutral', output: { title: 'Package reality could not run' } });
    const text = await scrape();
    expect(text).toMatch(/^aos_package_reality_check_errors_total 1$/m);
    // On GitHub the check concluded neutral, and the dashboard's conclusions say so too.
    expect(text).toContain('aos_check_run_conclusions_total{check="package-reality",conclusion="neutral"} 2');
  });
});
