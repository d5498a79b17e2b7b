import { describe, expect, it } from 'vitest';
import { matchWorkspaceGlobs } from '#src/packages/parsers/match-workspace-globs.ts';
import { readJsonTree } from '#src/packages/parsers/read-json-tree.ts';

const matcher = (workspaces: unknown) => matchWorkspaceGlobs(readJsonTree(JSON.stringify({ name: 'root', workspaces })).root);

describe('matchWorkspaceGlobs', () => {
  it('matches folders with the globs npm workspaces accept: *, **, ?, classes, braces and ! exclusions', () => {
    const isWorkspace = matcher(['packages/*', './apps/**', 'tools/{lint,build}', 'libs/v?', 'plugins/[ab]*', '!packages/private']);
    const folders = [
      'packages/a',
      'packages/a/b',
      'packages/private',
      'apps/web',
      'apps/web/admin',
      'tools/lint',
      'tools/test',
      'libs/v2',
      'libs/v10',
      'plugins/alpha',
      'plugins/core',
      'other',
    ];
    expect(folders.filter(isWorkspace)).toEqual(['packages/a', 'apps/web', 'apps/web/admin', 'tools/lint', 'libs/v2', 'plugins/alpha']);
  });

  it('reads the { packages: [...] } form', () => {
    expect(matcher({ packages: ['modules/*'] })('modules/x')).toBe(true);
  });

  it('costs linear time on a hostile glob and folder (no regular-expression backtracking)', () => {
    const isWorkspace = matcher(['*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', '**/a/**/a/**/a/**/a/**/b', '**/*b', 'a/*b']);
    const folders = ['a'.repeat(4000), 'a/'.repeat(2000), `a/${'a'.repeat(4000)}`];
    expect(folders.filter(isWorkspace)).toEqual([]);
  }, 20_000);
});
