import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainContext } from '#src/cli/commands/plan-explain-context.ts';
import { UsageError } from '#src/cli/usage-error.ts';
import { FIXTURE_FILES } from '../../agents/context/fixture-repo.ts';

const TASK = 'fix the retry delay in httpClient backoff';
let repoDir = '';

beforeAll(() => {
  repoDir = mkdtempSync(join(tmpdir(), 'aos-explain-'));
  for (const [path, content] of Object.entries(FIXTURE_FILES)) {
    mkdirSync(dirname(join(repoDir, path)), { recursive: true });
    writeFileSync(join(repoDir, path), content ?? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=aos test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: repoDir,
      stdio: 'pipe',
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'fixture');
  // Uncommitted work is not what the planner would see on the branch.
  writeFileSync(join(repoDir, 'src/http/uncommitted-backoff.ts'), 'export const retryDelay = 1;\n');
});

afterAll(() => {
  rmSync(repoDir, { recursive: true, force: true });
});

describe('explainContext', () => {
  it('prints a table with rank, score, tokens, share, inclusion, path and reasons', async () => {
    const text = await explainContext({ repoDir, task: TASK, tokenBudget: 400, json: false });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(
      /^Context for "fix the retry delay in httpClient backoff": \d+ of 10 files included, \d+ of 400 tokens \(\d+\.\d%\)$/,
    );
    expect(lines[2]).toMatch(/^rank\s+score\s+tokens\s+share\s+in\s+path\s+reasons$/);
    expect(lines[3]).toMatch(/^\s*1\s+\d+\.\d\d\s+310\s+77\.5%\s+✓\s+src\/http\/http-client\.ts\s+name: http, client; /);
    expect(lines[4]).toMatch(/^\s*2\s.*✓\s+src\/http\/backoff\.ts\s.*imported by src\/http\/http-client\.ts/);
    expect(text).toMatch(/✗\s+package-lock\.json\s+lockfile/);
    expect(text).toMatch(/✗\s+assets\/logo\.png\s+binary \(\.png\)/);
    expect(text).not.toContain('uncommitted-backoff');
  });

  it('prints JSON for machines, within the budget', async () => {
    const report = JSON.parse(await explainContext({ repoDir, task: TASK, tokenBudget: 400, json: true })) as {
      task: string;
      tokenBudget: number;
      usedTokens: number;
      unread: number;
      included: string[];
      ranked: Array<{ path: string; score: number; tokens: number; budgetShare: number; included: boolean; reasons: string[] }>;
    };
    expect(report.task).toBe(TASK);
    expect(report.tokenBudget).toBe(400);
    expect(report.ranked).toHaveLength(10);
    expect(report.ranked[0]).toMatchObject({ path: 'src/http/http-client.ts', tokens: 310, budgetShare: 0.775, included: true });
    expect(report.included.slice(0, 2)).toEqual(['src/http/http-client.ts', 'src/http/backoff.ts']);
    expect(report.ranked.filter((file) => file.included).reduce((sum, file) => sum + file.tokens, 0)).toBe(report.usedTokens);
    expect(report.usedTokens).toBeLessThanOrEqual(400);
  });

  it('says how many files it read and why it left the rest unread', async () => {
    const whole = (await explainContext({ repoDir, task: TASK, tokenBudget: 400, json: false })).split('\n').at(-1);
    expect(whole).toMatch(
      /^Read 7 of 10 files \(0\.0 MB\): 3 were excluded by path or size \(over 200 KB, lockfiles, generated, minified, binary\)\.$/,
    );
    const capped = (await explainContext({ repoDir, task: TASK, tokenBudget: 400, json: false, limits: { maxFilesRead: 2 } }))
      .split('\n')
      .at(-1);
    expect(capped).toBe(
      'Read 2 of 10 files (0.0 MB): 5 ranked below the top 2 by path; 3 were excluded by path or size (over 200 KB, lockfiles, generated, minified, binary).',
    );
  });

  it('reports bad input as a usage error', async () => {
    await expect(explainContext({ repoDir: tmpdir(), task: TASK, tokenBudget: 400, json: false })).rejects.toThrow(UsageError);
    await expect(explainContext({ repoDir, task: '  ', tokenBudget: 400, json: false })).rejects.toThrow(UsageError);
    await expect(explainContext({ repoDir, task: TASK, tokenBudget: 0, json: false })).rejects.toThrow(/positive integer/);
    await expect(explainContext({ repoDir, task: TASK, tokenBudget: 400, json: false, ref: 'no-such-branch' })).rejects.toThrow(UsageError);
  });
});
