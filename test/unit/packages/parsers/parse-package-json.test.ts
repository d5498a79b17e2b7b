import { describe, expect, it } from 'vitest';
import { parsePackageJson } from '#src/packages/parsers/parse-package-json.ts';
import { cleanFixtureReader, dependencyOf } from './read-fixture.ts';

const FILE = 'app/package.json';
const readClean = cleanFixtureReader(parsePackageJson, FILE);
const npm = dependencyOf('npm', FILE, { direct: true });

describe('parsePackageJson', () => {
  it('reads every dependency section at the line of its key, with specs classified', () => {
    expect(readClean('package-json/package.json')).toEqual([
      npm('lodash', '^4.17.21', 'registry', 8),
      npm('@babel/core', '~7.24.0', 'registry', 9),
      npm('react', '^18.2.0', 'registry', 10, { alias: 'my-react' }),
      npm('from-git', 'git+https://github.com/user/from-git.git#v1.0.0', 'git', 11, {
        resolved: 'git+https://github.com/user/from-git.git#v1.0.0',
      }),
      npm('from-github', 'github:user/from-github', 'git', 12, { resolved: 'github:user/from-github' }),
      npm('shorthand', 'user/shorthand#main', 'git', 13, { resolved: 'user/shorthand#main' }),
      npm('local-file', 'file:../local-file', 'file', 14, { resolved: 'file:../local-file' }),
      npm('local-link', 'link:../local-link', 'link', 15, { resolved: 'link:../local-link' }),
      npm('sibling', 'workspace:^', 'workspace', 16, { resolved: 'workspace:^' }),
      npm('remote-tarball', 'https://example.com/remote-tarball-1.0.0.tgz', 'tarball', 17, {
        resolved: 'https://example.com/remote-tarball-1.0.0.tgz',
      }),
      npm('vitest', '^4.1.0', 'registry', 20),
      npm('lodash', '4.17.21', 'registry', 21),
      npm('fsevents', '2.3.3', 'registry', 24),
      npm('react', '>=18 <20', 'registry', 27),
    ]);
  });

  it('reports a key declared twice in one section, keeping the last as JSON does', () => {
    const text = '{\n  "dependencies": {\n    "a": "1.0.0",\n    "a": "2.0.0"\n  }\n}\n';
    const result = parsePackageJson(text, FILE);
    expect(result.dependencies).toEqual([npm('a', '2.0.0', 'registry', 4)]);
    expect(result.problems).toEqual([{ file: FILE, line: 4, message: expect.stringContaining('declared twice') }]);
  });

  it('reports non-string specs and non-object sections at their line', () => {
    const text = '{\n  "dependencies": {\n    "a": 1\n  },\n  "devDependencies": []\n}\n';
    const result = parsePackageJson(text, FILE);
    expect(result.dependencies).toEqual([]);
    expect(result.problems.map((problem) => problem.line)).toEqual([3, 5]);
  });
});
