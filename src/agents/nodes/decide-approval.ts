import type { AgentState } from '../agent-state.ts';

/**
 * The approver: a pure decision from the critic's verdict, the QA results, the edit guard and the
 * run's failure state. `ready` only when everything holds; otherwise `needs-work` with every reason.
 */
export function decideApproval(state: Readonly<AgentState>): NonNullable<AgentState['approval']> {
  const reasons: string[] = [];
  if (state.failure) reasons.push(`The run stopped: ${state.failure.message}`);
  for (const failure of state.editFailures.filter((f) => f.rule))
    reasons.push(`Edit refused by the edit guard (${failure.rule}) for ${failure.path}: ${failure.reason}`);
  for (const failure of state.editFailures.filter((f) => !f.rule)) reasons.push(`Edit not applied: ${failure.reason}`);
  if (!state.critic) reasons.push('No review took place.');
  else if (state.critic.verdict !== 'pass') {
    reasons.push(`The critic still asks for changes after ${Math.max(state.iteration - 1, 0)} revision(s): ${state.critic.summary}`);
    for (const finding of state.critic.findings)
      reasons.push(`${finding.path}${finding.line > 0 ? `:${finding.line}` : ''} [${finding.severity}] ${finding.message}`);
  }
  if (!state.qa) reasons.push('QA did not run.');
  else for (const check of state.qa.checks.filter((c) => !c.passed)) reasons.push(`QA check "${check.name}" failed: ${check.evidence}`);
  if (Object.keys(state.changes).length === 0) reasons.push('The change is empty.');
  return reasons.length === 0
    ? { verdict: 'ready', reasons: ['The critic passed the change and every QA check passed.'] }
    : { verdict: 'needs-work', reasons };
}

/** The approver node: records the decision. */
export async function approverNode(state: Readonly<AgentState>): Promise<Partial<AgentState>> {
  return { approval: decideApproval(state) };
}
