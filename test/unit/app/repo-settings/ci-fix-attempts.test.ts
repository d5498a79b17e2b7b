import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { loadRepoSettings } from '#src/app/repo-settings/load-repo-settings.ts';

const octokit = new ProbotOctokit({ auth: { token: 'test' }, retry: { enabled: false }, throttle: { enabled: false } });
const globalCaps = { dailyCapEur: 450, monthlyCapEur: 12000, runCapEur: 5, ciFixAttempts: 2 };
const withFile = (text: string) =>
  nock('https://api.github.com')
    .get('/repos/acme/widgets/contents/.github%2Faos.yml')
    .query({ ref: 'main' })
    .reply(200, {
      type: 'file',
      encoding: 'base64',
      size: text.length,
      name: 'aos.yml',
      path: '.github/aos.yml',
      content: Buffer.from(text).toString('base64'),
      sha: 'abc',
    });
const load = () => loadRepoSettings({ octokit, owner: 'acme', repo: 'widgets', defaultBranch: 'main', globalCaps });

describe('ci_fix_attempts in .github/aos.yml', () => {
  it("may lower the operator's value, and is absent (the operator's) when unset", async () => {
    withFile('ci_fix_attempts: 0\n');
    expect(await load()).toMatchObject({ ok: true, settings: { ciFixAttempts: 0 } });
    withFile('max_iterations: 1\n');
    const unset = await load();
    expect(unset.ok && unset.settings.ciFixAttempts).toBeUndefined();
  });

  it("cannot raise it above the operator's: the file is refused, naming the key and the line", async () => {
    withFile('max_iterations: 1\nci_fix_attempts: 5\n');
    const result = await load();
    expect(result.ok).toBe(false);
    // Without the zero-width spaces that keep "fix" from reading as a closing keyword.
    const message = (result.ok ? '' : result.message).replace(/\u200b/g, '');
    expect(message).toContain('ci_fix_attempts');
    expect(message).toContain("above the operator's ci_fix_attempts of 2");
    expect(message).toMatch(/line 2/);
  });
});
