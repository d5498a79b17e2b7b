import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { linkableRepository } from '#src/app/github/linkable-repository.ts';

describe('linkableRepository', () => {
  it('links to github.com for the public API and to the Enterprise host for its /api/v3', () => {
    expect(linkableRepository({ octokit: new ProbotOctokit(), owner: 'octo', repo: 'demo' })).toEqual({
      origin: 'https://github.com',
      owner: 'octo',
      repo: 'demo',
    });
    expect(linkableRepository({ octokit: new ProbotOctokit({ baseUrl: 'https://ghe.example/api/v3' }), owner: 'o', repo: 'r' })).toEqual({
      origin: 'https://ghe.example',
      owner: 'o',
      repo: 'r',
    });
  });
});
