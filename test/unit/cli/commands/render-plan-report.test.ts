import { describe, expect, it } from 'vitest';
import { initialAgentState, type AgentState } from '#src/agents/agent-state.ts';
import { planReportJson, type PlanReport } from '#src/cli/commands/plan-report.ts';
import { renderPlanReport } from '#src/cli/commands/render-plan-report.ts';

function report(overrides: Partial<AgentState> = {}, extra: Partial<PlanReport> = {}): PlanReport {
  const state: AgentState = {
    ...initialAgentState({ title: 'fix add', body: '', comments: [], instructions: '' }),
    plan: {
      summary: 'Make add() return the sum.',
      steps: ['Change - to +'],
      files_to_change: ['src/math.ts'],
      acceptance_criteria: ['add(2, 3) returns 5'],
      risks: [],
      estimated_cost_eur: 0.01,
    },
    changes: { 'src/math.ts': 'x' },
    critic: {
      verdict: 'revise',
      summary: 'Not yet.',
      findings: [
        { path: 'src/math.ts', line: 2, severity: 'major', message: 'Keep a + b.' },
        { path: 'README.md', line: 0, severity: 'nit', message: 'Mention it.' },
      ],
    },
    qa: {
      passed: false,
      findings: [],
      checks: [
        { name: 'edits applied', passed: true, evidence: '1 file(s) changed' },
        { name: 'test command', passed: false, evidence: 'FAIL math.test.ts\nexpected 5, got -1\n' },
      ],
    },
    approval: { verdict: 'needs-work', reasons: ['QA check "test command" failed'] },
    ...overrides,
  };
  const files = [{ path: 'src/math.ts', status: 'modified' as const, hunks: [], additions: 1, deletions: 1 }];
  return {
    runId: 'run-1',
    status: 'completed',
    baseSha: 'a'.repeat(40),
    dryRun: false,
    state,
    files,
    costEur: 0.0123,
    modelCalls: 4,
    branch: 'aos/fix-add-abcd',
    commit: 'b'.repeat(40),
    commitNote: null,
    finalStateHash: 'c'.repeat(64),
    ...extra,
  };
}

describe('renderPlanReport', () => {
  it('prints plan, diff stat, critic findings as path:line [severity] message, QA checks with ✅/❌, verdict, cost and commit', () => {
    const lines = renderPlanReport(report());
    expect(lines).toContain('Plan: Make add() return the sum.');
    expect(lines).toContain('  src/math.ts |    2 +-');
    expect(lines).toContain('Critic: revise — Not yet.');
    expect(lines).toContain('  src/math.ts:2 [major] Keep a + b.');
    expect(lines).toContain('  README.md [nit] Mention it.');
    expect(lines).toContain('  ✅ edits applied — 1 file(s) changed');
    expect(lines).toContain('  ❌ test command — FAIL math.test.ts');
    expect(lines).toContain('      expected 5, got -1');
    expect(lines).toContain('Approver: needs-work');
    expect(lines).toContain('Cost: €0.0123 (4 model calls), run run-1');
    expect(lines.at(-1)).toBe(`committed ${'b'.repeat(40)} to aos/fix-add-abcd`);
  });

  it('shows terminal escapes in model text as ?, so an answer cannot rewrite the screen', () => {
    const lines = renderPlanReport(report({ critic: { verdict: 'pass', summary: 'ok\u001b[2J\u001b[1;1Hall clear', findings: [] } }));
    expect(lines).toContain('Critic: pass — ok?[2J?[1;1Hall clear');
    expect(lines.join('\n')).not.toContain('\u001b');
  });

  it('a dry run shows the plan and the cost only', () => {
    const lines = renderPlanReport(
      report({ critic: null, qa: null, approval: null, changes: {} }, { dryRun: true, branch: null, commit: null, files: [] }),
    );
    expect(
      lines.some(
        (line) => line.startsWith('Critic') || line.startsWith('QA') || line.startsWith('Approver') || line.startsWith('committed'),
      ),
    ).toBe(false);
    expect(lines).toContain('Plan: Make add() return the sum.');
  });

  it('the JSON form carries the verdict, the diff totals and where the change went', () => {
    expect(planReportJson(report())).toMatchObject({
      run_id: 'run-1',
      verdict: 'needs-work',
      diff: { additions: 1, deletions: 1 },
      branch: 'aos/fix-add-abcd',
      cost_eur: 0.0123,
      model_calls: 4,
    });
  });
});
