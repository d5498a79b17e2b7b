import { describe, expect, it } from 'vitest';
import { githubRequestKind } from '#src/lib/github-request-kind.ts';

describe('githubRequestKind', () => {
  it.each([
    ['/repos/{owner}/{repo}/tarball/{ref}', 'archive'],
    ['http://127.0.0.1:4000/api/v3/repos/o/r/git/blobs/abc', 'git'],
    ['https://api.github.com/repos/o/r/git/trees/abc?recursive=true', 'git'],
    ['/repos/o/r/contents/.github%2Faos.yml?ref=main', 'contents'],
    ['/repos/o/r/issues/1/comments', 'issues'],
    ['/repos/o/r/pulls/2/reviews', 'pulls'],
    ['/repos/o/r/check-runs', 'checks'],
    ['/repos/o/r/commits/abc/check-runs', 'checks'],
    ['/repos/o/r/commits/abc', 'other'],
    ['/repos/o/r/collaborators/alice/permission', 'collaborators'],
    ['/repos/o/r', 'repository'],
    ['/repos/o/r/branches/main', 'repository'],
    ['/app/installations/42/access_tokens', 'app'],
    ['/rate_limit', 'rate-limit'],
    ['/graphql', 'graphql'],
    ['/user', 'other'],
    ['/repos/o', 'other'],
  ])('%s is %s', (url, kind) => {
    expect(githubRequestKind(url)).toBe(kind);
  });
});
