import { describe, expect, it } from 'vitest';
import { parsePoetryLock } from '#src/packages/parsers/parse-poetry-lock.ts';
import { cleanFixtureReader, dependencyOf } from './read-fixture.ts';

const FILE = 'poetry.lock';
const readClean = cleanFixtureReader(parsePoetryLock, FILE);
const pypi = dependencyOf('pypi', FILE);

describe('parsePoetryLock', () => {
  it('reads each [[package]] at its header line with its source', () => {
    expect(readClean('poetry/poetry.lock')).toEqual([
      pypi('certifi', '2024.2.2', 'registry', 3),
      pypi('my-git-lib', '0.4.0', 'git', 14, {
        resolved: 'https://github.com/user/my-git-lib.git#0123456789abcdef0123456789abcdef01234567',
      }),
      pypi('requests-oauthlib', '1.3.1', 'registry', 34),
      pypi('local-helper', '0.1.0', 'file', 47, { resolved: '../local-helper' }),
      pypi('private-sdk', '5.0.1', 'registry', 60),
      pypi('remote-archive', '2.1.0', 'tarball', 75, { resolved: 'https://example.com/remote_archive-2.1.0.tar.gz' }),
    ]);
  });
});
