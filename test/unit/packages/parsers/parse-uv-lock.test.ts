import { describe, expect, it } from 'vitest';
import { parseUvLock } from '#src/packages/parsers/parse-uv-lock.ts';
import { cleanFixtureReader, dependencyOf } from './read-fixture.ts';

const FILE = 'uv.lock';
const readClean = cleanFixtureReader(parseUvLock, FILE);
const pypi = dependencyOf('pypi', FILE);

describe('parseUvLock', () => {
  it('reads each [[package]] at its header line, the project and workspace members as workspace', () => {
    expect(readClean('uv/uv.lock')).toEqual([
      pypi('anyio', '4.4.0', 'registry', 11),
      pypi('fixture-app', '0.1.0', 'workspace', 24, { resolved: '.' }),
      pypi('fixture-core', '0.2.0', 'workspace', 41, { resolved: 'packages/core' }),
      pypi('idna', '3.7', 'registry', 46),
      pypi('local-wheel', '1.0.0', 'file', 51, { resolved: 'vendor/local_wheel-1.0.0-py3-none-any.whl' }),
      pypi('my-git-lib', '0.4.0', 'git', 56, {
        resolved: 'https://github.com/user/my-git-lib?rev=main#0123456789abcdef0123456789abcdef01234567',
      }),
      pypi('outside-editable', '0.0.1', 'file', 61, { resolved: '../outside' }),
      pypi('sniffio', '1.3.1', 'tarball', 66, { resolved: 'https://example.com/sniffio-1.3.1.tar.gz' }),
      pypi('tools', '0.0.0', 'workspace', 72, { resolved: 'tools' }),
    ]);
  });
});
