import { describe, expect, it } from 'vitest';
import { rankFiles } from '#src/agents/context/rank-files.ts';

type Tree = Record<string, string>;
const asFiles = (tree: Tree) => Object.entries(tree).map(([path, content]) => ({ path, content, size: Buffer.byteLength(content) }));
const rank = (task: string, tree: Tree) => rankFiles({ task, files: asFiles(tree), tokenBudget: 1_000_000 }).ranked;
const order = (task: string, tree: Tree) => rank(task, tree).map((file) => file.path);
const repeat = (text: string, times: number) => Array.from({ length: times }, () => text).join('\n');

describe('rankFiles scoring signals', () => {
  it('weighs task terms by how rare they are in the repository, so a term every file repeats does not decide', () => {
    const tree: Tree = { 'src/pool.ts': 'export const timeout = (request) => request;' };
    for (const name of ['client', 'server', 'router', 'agent', 'proxy', 'cache'])
      tree[`src/${name}.ts`] = repeat('handle(request, request.body);', 20);
    const ranked = rank('fix the request timeout', tree);
    expect(ranked[0]?.path).toBe('src/pool.ts');
    expect(ranked[0]?.reasons.join('; ')).toMatch(/timeout×1 \(weight 0\.\d\d\)/);
  });

  it('raises the file that declares a word of the task above files that only call it', () => {
    const tree: Tree = {
      'src/utils/merge.ts': 'export function extend(target, source) {\n  return Object.assign({}, target, source);\n}',
      'src/core/client.ts': repeat('const next = extend(options, { limit: retry.limit });', 4),
      'src/core/options.ts': 'export const retryLimit = (options) => extend(options, { limit: 2 }).limit;',
    };
    for (const name of ['a', 'b', 'c', 'd']) tree[`src/other/${name}.ts`] = 'export const value = 1;';
    const ranked = rank('Fix `extend()` dropping numeric retry limit', tree);
    expect(ranked[0]?.path).toBe('src/utils/merge.ts');
    expect(ranked[0]?.reasons.join('; ')).toMatch(/defines: extend \(weight 0\.\d\d\)/);
  });

  it('takes a type declaration file for a types fix whatever its name', () => {
    const content = 'export interface ServerOptions { http2?: boolean }';
    const ranked = rank('fix(types): allow http2 in server options', { 'z/fastify.d.ts': content, 'a/fastify.js': content });
    expect(ranked.map((file) => file.path)).toEqual(['z/fastify.d.ts', 'a/fastify.js']);
    expect(ranked[0]?.reasons).toContain('type declarations');
  });

  it('keeps the source a fix belongs in within the top ranks when its tests and docs repeat the task more often', () => {
    const words = 'response body cleanup after hooks';
    const tree: Tree = {
      'source/core/hooks.ts': 'export function runHooks(hooks, response) {\n  return hooks.after(response.body);\n}',
      'source/core/noise.ts': 'export const unrelated = true;',
      'test/hooks.test.ts': `import { runHooks } from '../source/core/hooks.ts';\n${repeat(`test('${words}', () => runHooks([], response));`, 30)}`,
      'README.md': repeat(`The ${words} are documented here.`, 40),
      'docs/hooks.md': repeat(`Hooks: ${words}.`, 40),
    };
    for (const name of [
      'retry',
      'errors',
      'stream',
      'timeout',
      'json',
      'form',
      'headers',
      'cookies',
      'redirect',
      'proxy',
      'agent',
      'cache',
    ])
      tree[`test/${name}.test.ts`] = repeat(`test('${words}', () => {});`, 30);
    const ranked = rank('Fix response body cleanup after hooks', tree);
    const paths = ranked.map((file) => file.path);
    expect(paths.indexOf('source/core/hooks.ts')).toBeLessThan(paths.indexOf('test/hooks.test.ts'));
    expect(paths.indexOf('source/core/hooks.ts')).toBeLessThan(3);
    const source = ranked.find((file) => file.path === 'source/core/hooks.ts');
    expect(source?.reasons).toContain('tested by test/hooks.test.ts');
    // Tests and docs stay in the context, below the source.
    expect(ranked.find((file) => file.path === 'test/hooks.test.ts')).toMatchObject({
      included: true,
      reasons: expect.arrayContaining(['test file: ×0.5']),
    });
    expect(ranked.find((file) => file.path === 'README.md')?.reasons).toContain('docs file: ×0.4');
  });

  it('does not rank tests or docs down when the task is about them', () => {
    const tree: Tree = { 'src/util.ts': 'export const retryDelay = backoff(1);', 'README.md': repeat('retry delay backoff', 2) };
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) tree[`src/${name}.ts`] = 'export const value = 1;';
    expect(order('fix the retry delay backoff', tree)[0]).toBe('src/util.ts');
    expect(order('fix the docs of retry delay backoff', tree)[0]).toBe('README.md');
    const tests: Tree = { 'src/util.ts': tree['src/util.ts'] ?? '', 'test/util.test.ts': repeat('retry delay backoff', 2) };
    expect(rank('fix the retry delay backoff test', tests).find((file) => file.path === 'test/util.test.ts')?.reasons).not.toContain(
      'test file: ×0.5',
    );
  });

  it('is deterministic with the new signals: the same files in any order give the same ranking', () => {
    const tree: Tree = {
      'src/a.ts': 'export function extend() {}',
      'src/b.ts': 'export function extend() {}',
      'test/a.test.ts': "import { extend } from '../src/a.ts';\nextend(); extend();",
      'test/b.test.ts': "import { extend } from '../src/b.ts';\nextend(); extend();",
      'README.md': 'extend extend',
    };
    const forward = rankFiles({ task: 'fix extend', files: asFiles(tree), tokenBudget: 1000 });
    const backward = rankFiles({ task: 'fix extend', files: asFiles(tree).reverse(), tokenBudget: 1000 });
    expect(backward).toEqual(forward);
    expect(rankFiles({ task: 'fix extend', files: asFiles(tree), tokenBudget: 1000 })).toEqual(forward);
    expect(forward.ranked.slice(0, 2).map((file) => file.path)).toEqual(['src/a.ts', 'src/b.ts']);
  });
});
