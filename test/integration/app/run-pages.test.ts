import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_PATHS } from '#src/app/http/run-pages/run-paths.ts';
import { runPageUrl } from '#src/app/http/run-pages/run-page-url.ts';
import { signedPageUrl } from '#src/app/http/run-pages/signed-page-url.ts';
import { signRunLink } from '#src/app/http/run-pages/sign-run-link.ts';
import type { RunView } from '#src/app/http/run-pages/run-view.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';
import { EXPECTED_NODES, HOSTILE_FINDING, LINK_SECRET, startRunPagesServer } from './run-pages-fixture.ts';

const HOUR_MS = 3_600_000;

describe.each(databaseEngines())('run pages over HTTP on a finished agent run ($engine)', ({ create }) => {
  let testDb: TestDatabase;
  let server: Awaited<ReturnType<typeof startRunPagesServer>>;
  beforeAll(async () => {
    testDb = await create();
    server = await startRunPagesServer(testDb.db.knex);
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });

  const get = (path: string, init: RequestInit = {}) => fetch(`${server.baseUrl}${path}`, init);
  const signed = (path: string, expiresAt = new Date(Date.now() + HOUR_MS), secret = LINK_SECRET) =>
    signRunLink({ secret, path, expiresAt });

  it('refuses every page without a signature, with a short 403 page', async () => {
    for (const path of [RUN_PATHS.page(server.runId), RUN_PATHS.api(server.runId), RUN_PATHS.list, RUN_PATHS.budget]) {
      const response = await get(path);
      expect(response.status, path).toBe(403);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = await response.text();
      expect(body).toContain('signed link');
      expect(body).not.toContain(server.runId.slice(0, 8));
    }
  });

  it('refuses an expired link, a tampered path or expiry, and a link signed with another secret', async () => {
    const expired = await get(signed(RUN_PATHS.page(server.runId), new Date(Date.now() - 1000)));
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('expired');

    const good = signed(RUN_PATHS.page(server.runId));
    const otherRun = good.replace(server.runId, '00000000-0000-0000-0000-000000000000');
    expect((await get(otherRun)).status).toBe(403);
    const toApi = good.replace('/aos/runs/', '/aos/api/runs/');
    expect((await get(toApi)).status).toBe(403);
    const later = good.replace(/expires=(\d+)/, (_match, value: string) => `expires=${Number(value) + 86_400}`);
    expect((await get(later)).status).toBe(403);
    expect((await get(signed(RUN_PATHS.page(server.runId), undefined, 'another-secret'))).status).toBe(403);
    expect((await get(good)).status).toBe(200);
  });

  it('serves the signed run page: links, plan, one timeline row per node adding up, findings escaped, diff, residency, verified ledger', async () => {
    const response = await get(
      new URL(runPageUrl(server.baseUrl, LINK_SECRET, server.runId)).pathname +
        new URL(runPageUrl(server.baseUrl, LINK_SECRET, server.runId)).search,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await response.text();

    expect(page).toContain('href="https://github.com/octo-org/widgets/issues/42"');
    expect(page).toContain('href="https://github.com/octo-org/widgets/pull/43"');
    expect(page).toContain('Make add() return the sum.');

    const rows = [...page.matchAll(/<tr class="node-row" data-node="([^"]+)" data-cost-micro-eur="(\d+)">/g)];
    expect(rows.map((row) => row[1])).toEqual(EXPECTED_NODES);
    const micros = rows.map((row) => Number(row[2]));
    const total = Number(/<tr class="total-row" data-cost-micro-eur="(\d+)">/.exec(page)?.[1]);
    // Every node that called the model cost something; the approver decides without a model.
    expect(micros.map((micro) => micro > 0)).toEqual(EXPECTED_NODES.map((node) => node !== 'approver'));
    expect(micros.reduce((sum, micro) => sum + micro, 0)).toBe(total);
    const recorded = server.events
      .filter((event) => event.type === 'node.completed')
      .reduce((sum, event) => sum + (event.payload as { cost_eur: number }).cost_eur, 0);
    expect(Math.abs(total / 1e6 - recorded)).toBeLessThan(1e-5);
    expect(page).toContain(`<dd id="total-cost">€${(total / 1e6).toFixed(6)}</dd>`);

    // The critic's finding is markup from a model: shown as text, never as a tag.
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; keep a + b &amp; not b + a');
    expect(HOSTILE_FINDING).toContain('<script>');
    expect(page).toMatch(/<section id="qa">[\s\S]*acceptance[\s\S]*passed/i);
    expect(page).toMatch(/<section id="approval">[\s\S]*badge ok">ready/);
    expect(page).toContain('return a + b;');
    // The unified diff against the base, as the last coder pass left it.
    expect(page).toContain('-  return a - b;');
    expect(page).toContain('+  return a + b;');
    expect(page).toMatch(/<section id="residency">[\s\S]*<td>local<\/td><td><span class="badge ok">allowed/);

    const ledger = await server.ledger.readEvents(server.runId);
    expect(page).toContain('id="ledger-badge">verified');
    for (const event of ledger) expect(page).toContain(event.hash);
  });

  it('serves the run as JSON behind the signed link the page gives', async () => {
    const page = await (await get(signed(RUN_PATHS.page(server.runId)))).text();
    const jsonHref = /<a href="([^"]+)">JSON<\/a>/.exec(page)?.[1]?.replaceAll('&amp;', '&');
    expect(jsonHref).toMatch(/^\/aos\/api\/runs\/[^?]+\?expires=\d+&sig=[0-9a-f]{64}$/);
    const response = await get(jsonHref!);
    expect(response.status).toBe(200);
    const view = (await response.json()) as RunView;
    expect(view.run.id).toBe(server.runId);
    expect(view.timeline.rows.map((row) => row.node)).toEqual(EXPECTED_NODES);
    expect(view.timeline.rows.reduce((sum, row) => sum + row.costMicroEur, 0)).toBe(view.timeline.total.costMicroEur);
    expect(view.ledger.verified).toBe(true);
    expect(view.ledger.events).toHaveLength((await server.ledger.readEvents(server.runId)).length);
    expect(view.changes).toEqual([{ path: 'src/math.ts', content: server.outcome.state.changes['src/math.ts'] }]);
    expect(view.critic?.verdict).toBe('pass');
    expect(view.criticHistory.map((review) => review.verdict)).toEqual(['revise', 'pass']);
    expect(view.residency.length).toBeGreaterThanOrEqual(6);
  });

  it('answers 404 for a signed link to an unknown run, and 405 for writes', async () => {
    const missing = await get(signed(RUN_PATHS.page('no-such-run')));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('no run with this id');
    const missingJson = await get(signed(RUN_PATHS.api('no-such-run')));
    expect(missingJson.status).toBe(404);
    expect(await missingJson.json()).toEqual({ error: 'There is no run with this id.' });
    expect((await get(signed(RUN_PATHS.page(server.runId)), { method: 'POST' })).status).toBe(405);
  });

  it('lists runs with signed links that expire with the list link', async () => {
    const expiresAt = new Date(Date.now() + 2 * HOUR_MS);
    const list = await get(signed(RUN_PATHS.list, expiresAt));
    expect(list.status).toBe(200);
    const body = await list.text();
    const href = new RegExp(`href="(/aos/runs/${server.runId}\\?[^"]+)"`).exec(body)?.[1]?.replaceAll('&amp;', '&');
    expect(href).toContain(`expires=${Math.floor(expiresAt.getTime() / 1000)}`);
    expect((await get(href!)).status).toBe(200);
  });

  it('shows spend against every cap and a chart of the month', async () => {
    const url = new URL(signedPageUrl(server.baseUrl, LINK_SECRET, RUN_PATHS.budget, 1));
    const response = await get(url.pathname + url.search);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page.match(/<tr class="cap-row">/g)?.length).toBeGreaterThanOrEqual(3);
    expect(page).toMatch(/<td>global<\/td><td><code>[^<]+<\/code><\/td><td>day<\/td>/);
    expect(page).toMatch(/<td>global<\/td><td><code>[^<]+<\/code><\/td><td>month<\/td>/);
    expect(page).toMatch(/<td>provider<\/td><td><code>local<\/code><\/td><td>day<\/td>/);
    const now = new Date();
    const days = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
    expect(page.match(/<rect class="day-bar"/g)).toHaveLength(days);
    const caps = await server.guardian.getRemainingBudget({ provider: 'local' });
    const month = caps.find((cap) => cap.scope === 'global' && cap.period === 'month')!;
    expect(month.spent).toBeGreaterThan(0);
    expect(page).toContain(`€${month.spent.toFixed(4)} this month.`);
  });

  // Last: it edits the stored ledger and checkpoint behind the application's back.
  it('shows a broken badge and the problem when a ledger event was edited, and a note for a tampered checkpoint', async () => {
    await testDb.db.knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL session_replication_role = replica');
      await trx.raw(`UPDATE ledger_events SET payload = jsonb_set(payload, '{cost_eur}', '0') WHERE run_id = ? AND seq = 3`, [
        server.runId,
      ]);
      await trx.raw(`UPDATE sessions SET payload = jsonb_set(payload, '{state,plan,summary}', '"forged"') WHERE id = ?`, [
        `run:${server.runId}`,
      ]);
    });
    const page = await (await get(signed(RUN_PATHS.page(server.runId)))).text();
    expect(page).toContain('id="ledger-badge">broken');
    expect(page).toMatch(/<section id="ledger">[\s\S]*<li>[^<]*3[^<]*<\/li>/);
    expect(page).toContain('The checkpoint could not be read');
    expect(page).not.toContain('forged');
  });
});
