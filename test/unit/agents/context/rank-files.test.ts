import { describe, expect, it } from 'vitest';
import { rankFiles } from '#src/agents/context/rank-files.ts';
import { fixtureFiles } from './fixture-repo.ts';

const TASK = 'fix the retry delay in httpClient backoff';
const rank = (task: string, tokenBudget = 100_000, files = fixtureFiles()) => rankFiles({ task, files, tokenBudget });
const order = (task: string, tokenBudget?: number) => rank(task, tokenBudget).ranked.map((file) => file.path);

describe('rankFiles', () => {
  it('ranks the http client and the backoff module it imports above unrelated files', () => {
    const paths = order(TASK);
    expect(paths.slice(0, 2)).toEqual(['src/http/http-client.ts', 'src/http/backoff.ts']);
    for (const unrelated of ['src/db/connection.ts', 'src/util/strings.ts', 'README.md']) {
      expect(paths.indexOf(unrelated)).toBeGreaterThan(paths.indexOf('src/http/backoff.ts'));
    }
    const backoff = rank(TASK).ranked.find((file) => file.path === 'src/http/backoff.ts');
    expect(backoff?.reasons).toContain('imported by src/http/http-client.ts');
    expect(backoff?.included).toBe(true);
  });

  it('excludes lockfiles, generated files and binaries with a reason, and never includes them', () => {
    const ranked = rank(TASK).ranked;
    const reasonOf = (path: string) => ranked.find((file) => file.path === path);
    expect(reasonOf('package-lock.json')).toMatchObject({ included: false, score: 0, reasons: ['lockfile'] });
    expect(reasonOf('dist/http-client.min.js')).toMatchObject({ included: false, reasons: ['generated or vendored (dist/)'] });
    expect(reasonOf('assets/logo.png')).toMatchObject({ included: false, reasons: ['binary (.png)'] });
    expect(
      ranked
        .slice(-3)
        .map((file) => file.path)
        .sort(),
    ).toEqual(['assets/logo.png', 'dist/http-client.min.js', 'package-lock.json']);
  });

  it('never includes files that match nothing', () => {
    const slug = rank(TASK).ranked.find((file) => file.path === 'src/util/strings.ts');
    expect(slug).toMatchObject({ score: 0, included: false, reasons: ['no match with the task'] });
  });

  it('keeps the included tokens within the budget, skipping a file that does not fit for smaller later ones', () => {
    const full = rank(TASK).ranked.filter((file) => file.score > 0);
    const [first, second, ...rest] = full;
    const smaller = rest.find((file) => second !== undefined && file.tokens < second.tokens);
    if (!first || !second || !smaller) throw new Error('fixture lost its shape');
    const budget = first.tokens + smaller.tokens;
    const result = rank(TASK, budget);
    const included = result.ranked.filter((file) => file.included);
    const sum = included.reduce((total, file) => total + file.tokens, 0);
    expect(sum).toBe(result.usedTokens);
    expect(sum).toBeLessThanOrEqual(budget);
    expect(result.ranked.find((file) => file.path === second.path)).toMatchObject({ included: false });
    expect(result.ranked.find((file) => file.path === second.path)?.reasons).toContain('over budget');
    expect(included.map((file) => file.path)).toContain(smaller.path);
    for (const file of result.ranked) expect(file.budgetShare).toBeCloseTo(file.tokens / budget, 4);
  });

  it('honours a custom token estimate', () => {
    const result = rankFiles({ task: TASK, files: fixtureFiles(), tokenBudget: 50, estimateTokens: () => 20 });
    expect(result.usedTokens).toBe(40);
    expect(result.ranked.filter((file) => file.included)).toHaveLength(2);
  });

  it('is deterministic whatever the input order', () => {
    const forward = rank(TASK, 600);
    const backward = rank(TASK, 600, fixtureFiles().reverse());
    expect(backward).toEqual(forward);
  });

  it('puts a file the task names first, by path or by file name', () => {
    expect(order('fix the retry delay in httpClient backoff, see src/util/strings.ts')[0]).toBe('src/util/strings.ts');
    expect(order('the retry delay in httpClient backoff breaks `connection.ts`')[0]).toBe('src/db/connection.ts');
    const named = rank('look at ./src/util/strings.ts').ranked[0];
    expect(named?.reasons[0]).toBe('named in the task (src/util/strings.ts)');
  });
});
