import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { fetchPermission } from '#src/app/commands/fetch-permission.ts';

const octokit = new ProbotOctokit({ auth: { token: 'test' }, retry: { enabled: false }, throttle: { enabled: false } });
const api = () => nock('https://api.github.com').get('/repos/acme/widgets/collaborators/alice/permission');

describe('fetchPermission', () => {
  it('returns admin', async () => {
    api().reply(200, { permission: 'admin', role_name: 'admin', user: { login: 'alice' } });
    await expect(fetchPermission(octokit, 'acme', 'widgets', 'alice')).resolves.toBe('admin');
  });

  it('prefers role_name, which tells maintain from write', async () => {
    api().reply(200, { permission: 'write', role_name: 'maintain', user: { login: 'alice' } });
    await expect(fetchPermission(octokit, 'acme', 'widgets', 'alice')).resolves.toBe('maintain');
  });

  it('tells triage from read', async () => {
    api().reply(200, { permission: 'read', role_name: 'triage', user: { login: 'alice' } });
    await expect(fetchPermission(octokit, 'acme', 'widgets', 'alice')).resolves.toBe('triage');
  });

  it('falls back to permission for a custom role', async () => {
    api().reply(200, { permission: 'write', role_name: 'release-manager', user: { login: 'alice' } });
    await expect(fetchPermission(octokit, 'acme', 'widgets', 'alice')).resolves.toBe('write');
  });

  it('uses permission when role_name is absent', async () => {
    api().reply(200, { permission: 'read', user: { login: 'alice' } });
    await expect(fetchPermission(octokit, 'acme', 'widgets', 'alice')).resolves.toBe('read');
  });

  it('maps 404 to none', async () => {
    api().reply(404, { message: 'Not Found' });
    await expect(fetchPermission(octokit, 'acme', 'widgets', 'alice')).resolves.toBe('none');
  });

  it('throws other failures so the caller can retry', async () => {
    api().reply(502, { message: 'Bad Gateway' });
    await expect(fetchPermission(octokit, 'acme', 'widgets', 'alice')).rejects.toMatchObject({ status: 502 });
  });
});
