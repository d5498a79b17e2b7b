import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveNpmRegistry } from '#src/config/resolve-npm-registry.ts';

const dirs = () => {
  const root = mkdtempSync(path.join(tmpdir(), 'aos-npmrc-'));
  const project = path.join(root, 'project');
  const home = path.join(root, 'home');
  for (const dir of [project, home]) writeFileSync(path.join(root, `${path.basename(dir)}.keep`), '');
  return { project: mkdtempSync(path.join(root, 'p-')), home: mkdtempSync(path.join(root, 'h-')) };
};
const never = async () => {
  throw new Error('npm must not be spawned');
};

describe('resolveNpmRegistry', () => {
  it('takes AOS_NPM_REGISTRY over everything', async () => {
    const { project, home } = dirs();
    writeFileSync(path.join(project, '.npmrc'), 'registry=http://project.test/\n');
    expect(
      await resolveNpmRegistry({
        env: { AOS_NPM_REGISTRY: 'http://aos.test/', npm_config_registry: 'http://env.test' },
        cwd: project,
        home,
        npmConfigGet: never,
      }),
    ).toEqual({
      defaultRegistry: 'http://aos.test',
      scopes: {},
      origin: 'AOS_NPM_REGISTRY',
    });
  });

  it('then npm_config_registry, then the project .npmrc, then ~/.npmrc, with scopes from both files', async () => {
    const { project, home } = dirs();
    writeFileSync(
      path.join(home, '.npmrc'),
      'registry=http://home.test/\n@corp:registry=http://home-corp.test\n@other:registry = "http://other.test/"\n',
    );
    writeFileSync(path.join(project, '.npmrc'), '; comment\n@corp:registry=https://${CORP_HOST}/npm/\n');
    const env = { CORP_HOST: 'corp.test' };
    expect(
      await resolveNpmRegistry({ env: { ...env, npm_config_registry: 'http://env.test/' }, cwd: project, home, npmConfigGet: never }),
    ).toMatchObject({ defaultRegistry: 'http://env.test', origin: 'npm_config_registry' });
    expect(await resolveNpmRegistry({ env, cwd: project, home, npmConfigGet: never })).toEqual({
      defaultRegistry: 'http://home.test',
      scopes: { '@corp': 'https://corp.test/npm', '@other': 'http://other.test' },
      origin: '~/.npmrc',
    });
    writeFileSync(path.join(project, '.npmrc'), 'registry=http://project.test\n');
    expect(await resolveNpmRegistry({ env, cwd: project, home, npmConfigGet: never })).toMatchObject({
      defaultRegistry: 'http://project.test',
      origin: '.npmrc',
    });
  });

  it('asks npm itself when nothing is configured, and reports none when npm cannot say', async () => {
    const { project, home } = dirs();
    expect(await resolveNpmRegistry({ env: {}, cwd: project, home, npmConfigGet: async () => 'http://mirror.test/' })).toEqual({
      defaultRegistry: 'http://mirror.test',
      scopes: {},
      origin: 'npm config get registry',
    });
    expect((await resolveNpmRegistry({ env: {}, cwd: project, home, npmConfigGet: async () => null })).defaultRegistry).toBeNull();
  });
});
