import { describe, expect, it } from 'vitest';
import type { Plan } from '#src/agents/agent-schemas.ts';
import { initialAgentState, type AgentState } from '#src/agents/agent-state.ts';
import type { RunOutcome } from '#src/agents/graph/run-graph.ts';
import { decidePlanRunEnd, type PlanRunEndFacts } from '#src/app/jobs/decide-plan-run-end.ts';

const PLAN: Plan = {
  summary: 'Fix it.',
  steps: ['edit a.ts'],
  files_to_change: ['a.ts'],
  acceptance_criteria: ['a.ts is fixed'],
  risks: [],
  estimated_cost_eur: 0.1,
};
const facts: PlanRunEndFacts = { runId: '0123456789abcdef', dryRun: false, issueNumber: 7, draft: 'unless-ready' };
const outcome = (state: Partial<AgentState>, status: RunOutcome<AgentState>['status'] = 'completed'): RunOutcome<AgentState> => ({
  status,
  state: { ...initialAgentState({ title: 't', body: '', comments: [], instructions: '' }), ...state },
  finalStateHash: 'hash-1',
  steps: 5,
  resumed: false,
});
const finding = (message: string) => ({ path: 'a.ts', line: 1, severity: 'minor' as const, message });

describe('decidePlanRunEnd', () => {
  it('ends a cancelled run as cancelled, whatever it produced', () => {
    expect(decidePlanRunEnd(outcome({ plan: PLAN, changes: { 'a.ts': 'x' } }, 'cancelled'), facts)).toEqual({
      next: 'finish',
      ending: { outcome: 'cancelled', message: 'The run was cancelled; nothing more will be done.', patch: { status: 'cancelled' } },
    });
  });

  it('posts the plan of a dry run and opens nothing, even with changes', () => {
    expect(decidePlanRunEnd(outcome({ plan: PLAN, changes: { 'a.ts': 'x' } }), { ...facts, dryRun: true })).toEqual({
      next: 'post-plan',
      ending: {
        outcome: 'succeeded',
        message: 'Dry run: the plan is above; no code was written.',
        patch: { status: 'completed', finalStateHash: 'hash-1' },
      },
    });
  });

  it("says why no pull request was opened when nothing changed: the approver's reasons, else the failure", () => {
    const rejected = decidePlanRunEnd(
      outcome({ plan: PLAN, approval: { verdict: 'needs-work', reasons: ['tests fail', 'no docs'] } }),
      facts,
    );
    expect(rejected).toMatchObject({
      next: 'finish',
      ending: {
        outcome: 'failed',
        message: 'No pull request was opened:\n- tests fail\n- no docs',
        patch: { status: 'completed', verdict: 'needs-work', error: null },
      },
    });
    const failed = decidePlanRunEnd(outcome({ failure: { code: 'budget_exceeded', message: 'over the run cap' } }), facts);
    expect(failed).toMatchObject({
      ending: {
        message: 'No pull request was opened:\n- over the run cap',
        patch: { error: 'over the run cap', finalStateHash: 'hash-1' },
      },
    });
  });

  it('opens an approved change as a draft on the issue branch (ready waits for CI), with the critic’s findings before QA’s', () => {
    const end = decidePlanRunEnd(
      outcome({
        plan: PLAN,
        changes: { 'a.ts': 'x', 'b.ts': null },
        approval: { verdict: 'ready', reasons: [] },
        critic: { verdict: 'pass', summary: 's', findings: [finding('critic')] },
        qa: { checks: [], passed: true, findings: [finding('qa')] },
      }),
      facts,
    );
    expect(end).toEqual({
      next: 'open-pull-request',
      pullRequest: {
        branch: 'aos/issue-7-01234567',
        verdict: 'ready',
        draft: true,
        labels: ['aos'],
        changes: new Map([
          ['a.ts', 'x'],
          ['b.ts', null],
        ]),
        plan: PLAN,
        findings: [finding('critic'), finding('qa')],
        finalStateHash: 'hash-1',
      },
    });
  });

  it('opens a draft when the approver did not say ready, or when the settings ask for drafts always', () => {
    const unapproved = decidePlanRunEnd(outcome({ plan: PLAN, changes: { 'a.ts': 'x' } }), facts);
    expect(unapproved).toMatchObject({ pullRequest: { verdict: 'needs-work', draft: true, labels: ['aos'] } });
    const always = decidePlanRunEnd(outcome({ plan: PLAN, changes: { 'a.ts': 'x' }, approval: { verdict: 'ready', reasons: [] } }), {
      ...facts,
      draft: 'always',
    });
    expect(always).toMatchObject({ pullRequest: { verdict: 'ready', draft: true } });
  });
});
