import type { CommandName } from './parse-command.ts';

/** A person's permission on a repository, as GitHub names the built-in roles; `none` for no access. */
export type RepoPermission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

/** Everything the access decision looks at, fetched beforehand. */
export interface CommandAccessInput {
  /** The subcommand asked for. */
  command: CommandName;
  /** Who wrote the comment. */
  sender: { login: string; type: string };
  /** The sender's permission; null when it could not be determined (treated as none). */
  permission: RepoPermission | null;
  /** The comment is on a pull request that aos opened. */
  isBotPullRequest?: boolean | undefined;
  /** What the comment is on (a review comment is on a pull request). */
  where: 'issue' | 'pull_request';
}

/** Allowed, or refused with the reply to post (bots get no reply). */
export type CommandAccessDecision =
  { allow: true } | { allow: false; reason: 'bot' } | { allow: false; reason: 'permission' | 'wrong_place'; message: string };

/**
 * The least permission each command needs, where it needs one: starting or stopping paid runs
 * takes write; reading what the repository spends takes triage (it is the maintainers' business,
 * not every reader's). Other commands are open to anyone who can comment.
 */
/** Permissions that may run paid commands, and whose review comments `/aos revise` reads. */
export const PRIVILEGED_PERMISSIONS: ReadonlySet<RepoPermission> = new Set(['admin', 'maintain', 'write']);
const WRITE = { allowed: PRIVILEGED_PERMISSIONS, names: 'write, maintain or admin' };
const TRIAGE = { allowed: new Set<RepoPermission>(['admin', 'maintain', 'write', 'triage']), names: 'triage, write, maintain or admin' };
const REQUIRED: Partial<Record<CommandName, { allowed: ReadonlySet<RepoPermission>; names: string; why: string }>> = {
  plan: { ...WRITE, why: 'it starts a paid model run' },
  revise: { ...WRITE, why: 'it starts a paid model run' },
  cancel: { ...WRITE, why: 'it stops a run that someone else started and paid for' },
  budget: { ...TRIAGE, why: "it shows what this repository's runs have cost" },
};

/** True for GitHub Apps and bot accounts, aos itself included. */
function isBot(sender: CommandAccessInput['sender']): boolean {
  return sender.type === 'Bot' || sender.login.toLowerCase().endsWith('[bot]');
}

/** The wrong-place reply, or undefined when the command may run where it was written. */
function wrongPlace({ command, where, isBotPullRequest }: CommandAccessInput): string | undefined {
  if (command === 'plan' && where !== 'issue') {
    return '`/aos plan` works on issues: comment it on the issue you want solved.';
  }
  if (command === 'revise' && (where !== 'pull_request' || isBotPullRequest !== true)) {
    return '`/aos revise` works only on a pull request that aos opened, or on a review comment on one.';
  }
  return undefined;
}

/**
 * Decides whether a comment command may run. Bots are ignored silently (aos must never answer
 * itself). Permission is checked before the place, so someone who may not run a command learns
 * that at once rather than after moving to the right place. `budget` needs triage or more;
 * `help` and `status` are open to anyone who can comment.
 */
export function decideCommandAccess(input: CommandAccessInput): CommandAccessDecision {
  const { command, sender } = input;
  if (isBot(sender)) return { allow: false, reason: 'bot' };
  const permission = input.permission ?? 'none';
  const required = REQUIRED[command];
  if (required && !required.allowed.has(permission)) {
    const have = permission === 'none' ? 'no access' : `${permission} permission`;
    const message = `@${sender.login}, \`/aos ${command}\` needs ${required.names} permission on this repository (${required.why}); you have ${have}. ${command === 'budget' ? 'Nothing is shown.' : 'Nothing was run.'}`;
    return { allow: false, reason: 'permission', message };
  }
  const place = wrongPlace(input);
  if (place !== undefined) return { allow: false, reason: 'wrong_place', message: `@${sender.login}, ${place} Nothing was run.` };
  return { allow: true };
}
