import { describe, expect, it } from 'vitest';
import { decideCommandAccess, type CommandAccessInput } from '#src/app/commands/decide-command-access.ts';

const alice = { login: 'alice', type: 'User' };
const base: CommandAccessInput = { command: 'plan', sender: alice, permission: 'write', where: 'issue' };
const on = (overrides: Partial<CommandAccessInput>): CommandAccessInput => ({ ...base, ...overrides });

describe('decideCommandAccess', () => {
  it.each([
    ['write on an issue', on({})],
    ['maintain on an issue', on({ permission: 'maintain' })],
    ['admin on an issue', on({ permission: 'admin' })],
    ['revise on a bot pull request', on({ command: 'revise', where: 'pull_request', isBotPullRequest: true })],
    ['help by read', on({ command: 'help', permission: 'read' })],
    ['help by a non-collaborator', on({ command: 'help', permission: 'none' })],
    ['status by read on a pull request', on({ command: 'status', permission: 'read', where: 'pull_request' })],
    ['budget by triage', on({ command: 'budget', permission: 'triage' })],
    ['budget by write on a pull request', on({ command: 'budget', permission: 'write', where: 'pull_request' })],
    ['budget by admin', on({ command: 'budget', permission: 'admin' })],
    ['cancel by write on a pull request', on({ command: 'cancel', where: 'pull_request' })],
  ])('allows %s', (_name, input) => {
    expect(decideCommandAccess(input)).toEqual({ allow: true });
  });

  it.each([
    ['type Bot', { login: 'dependabot', type: 'Bot' }],
    ['[bot] login', { login: 'aos-app[bot]', type: 'User' }],
    ['[BOT] login, any case', { login: 'Other[BOT]', type: 'User' }],
  ])('ignores bots: %s', (_name, sender) => {
    expect(decideCommandAccess(on({ sender, permission: 'admin', command: 'help' }))).toEqual({ allow: false, reason: 'bot' });
  });

  it.each([
    ['plan by read', on({ permission: 'read' }), 'read permission'],
    ['plan by triage', on({ permission: 'triage' }), 'triage permission'],
    ['plan by a non-collaborator', on({ permission: 'none' }), 'no access'],
    ['plan with unknown permission', on({ permission: null }), 'no access'],
    [
      'revise by read on a bot pull request',
      on({ command: 'revise', permission: 'read', where: 'pull_request', isBotPullRequest: true }),
      'read permission',
    ],
    ['cancel by read', on({ command: 'cancel', permission: 'read' }), 'read permission'],
  ])('refuses %s for permission', (_name, input, have) => {
    const decision = decideCommandAccess(input);
    expect(decision).toMatchObject({ allow: false, reason: 'permission' });
    const message = decision.allow === false && 'message' in decision ? decision.message : '';
    expect(message).toContain('@alice');
    expect(message).toContain(`\`/aos ${input.command}\``);
    expect(message).toContain('write, maintain or admin');
    expect(message).toContain(`you have ${have}`);
    expect(message).toContain('Nothing was run');
  });

  it.each([
    ['plan on a pull request', on({ where: 'pull_request' }), 'works on issues'],
    ['plan on a bot pull request', on({ where: 'pull_request', isBotPullRequest: true }), 'works on issues'],
    [
      'revise on a human pull request',
      on({ command: 'revise', where: 'pull_request', isBotPullRequest: false }),
      'pull request that aos opened',
    ],
    ['revise on a pull request of unknown origin', on({ command: 'revise', where: 'pull_request' }), 'pull request that aos opened'],
    ['revise on an issue', on({ command: 'revise', where: 'issue' }), 'pull request that aos opened'],
  ])('refuses %s as the wrong place', (_name, input, text) => {
    const decision = decideCommandAccess(input);
    expect(decision).toMatchObject({ allow: false, reason: 'wrong_place' });
    expect(decision.allow === false && 'message' in decision && decision.message).toContain(text);
  });

  it.each([
    ['budget by read', on({ command: 'budget', permission: 'read' }), 'read permission'],
    ['budget by a non-collaborator', on({ command: 'budget', permission: 'none' }), 'no access'],
    ['budget with unknown permission', on({ command: 'budget', permission: null, where: 'pull_request' }), 'no access'],
  ])('refuses %s: spend is shown from triage up', (_name, input, have) => {
    const decision = decideCommandAccess(input);
    expect(decision).toMatchObject({ allow: false, reason: 'permission' });
    const message = decision.allow === false && 'message' in decision ? decision.message : '';
    expect(message).toContain('`/aos budget` needs triage, write, maintain or admin permission');
    expect(message).toContain(`you have ${have}`);
    expect(message).toContain('Nothing is shown');
  });

  it('checks permission before place', () => {
    expect(decideCommandAccess(on({ permission: 'read', where: 'pull_request' }))).toMatchObject({ reason: 'permission' });
  });
});
