import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_PATHS } from '#src/app/http/run-pages/run-paths.ts';
import { runPageUrl } from '#src/app/http/run-pages/run-page-url.ts';
import { databaseEngines } from '../helpers/backend-matrix.ts';
import type { TestDatabase } from '../helpers/test-database.ts';
import { EXPECTED_NODES, HOSTILE_FINDING, LINK_SECRET, startRunPagesServer } from '../integration/app/run-pages-fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = join(process.cwd(), 'test-output', 'run-page.png');
const ON_CI = process.env.CI === 'true';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM && !ON_CI)
  console.warn(`run-page browser test skipped: ${CHROMIUM} is missing (apt-get install chromium); under CI=true this is a failure`);

/** `€0.012345` → 12345 micro-euros. */
const micros = (text: string): number => {
  const match = /€(\d+)\.(\d{6})/.exec(text);
  if (!match) throw new Error(`not an amount: ${text}`);
  return Number(match[1]) * 1_000_000 + Number(match[2]);
};

describe.skipIf(!HAVE_CHROMIUM && !ON_CI)('run page in headless Chromium', () => {
  let testDb: TestDatabase;
  let server: Awaited<ReturnType<typeof startRunPagesServer>>;
  let browser: Browser;
  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`CI=true but ${CHROMIUM} is missing: install Debian's chromium (.ci/run does)`);
    testDb = await databaseEngines()[0]!.create();
    server = await startRunPagesServer(testDb.db.knex);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await testDb?.drop();
  });

  it('shows one timeline row per node whose costs add up to the total, the finding as text, and saves a screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const response = await page.goto(runPageUrl(server.baseUrl, LINK_SECRET, server.runId));
    expect(response?.status()).toBe(200);

    const rows = page.locator('#timeline tbody tr.node-row');
    expect(await rows.count()).toBe(EXPECTED_NODES.length);
    expect(await page.locator('#timeline tbody tr.node-row td:nth-child(2)').allTextContents()).toEqual(EXPECTED_NODES);
    const rowCosts = (await page.locator('#timeline tbody td.cost').allTextContents()).map(micros);
    const total = micros(await page.locator('#timeline tfoot td.cost').innerText());
    expect(rowCosts.reduce((sum, cost) => sum + cost, 0)).toBe(total);
    expect(total).toBeGreaterThan(0);
    expect(micros(await page.locator('#total-cost').innerText())).toBe(total);

    // The critic's finding was markup: it is on the page as text and no script ran.
    expect(await page.locator('#critic').innerText()).toContain(HOSTILE_FINDING);
    expect(dialogs).toEqual([]);
    expect(await page.locator('#ledger-badge').innerText()).toBe('verified');
    expect(await page.locator('a[href="https://github.com/octo-org/widgets/issues/42"]').count()).toBe(1);

    mkdirSync(join(process.cwd(), 'test-output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    await page.close();
  });

  it('shows 403 for an unsigned link', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.baseUrl}${RUN_PATHS.page(server.runId)}`);
    expect(response?.status()).toBe(403);
    expect(await page.locator('h1').innerText()).toBe('Forbidden');
    expect(await page.locator('#timeline').count()).toBe(0);
    await page.close();
  });
});
