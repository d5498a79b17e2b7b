import type { PlanReport } from './plan-report.ts';
import { printableText } from './printable-text.ts';
import { renderDiffStat } from './render-diff-stat.ts';

/** Evidence lines shown per QA check; test output can be long, its end matters most. */
const EVIDENCE_LINES = 15;

const clean = (text: string) => printableText(text).trimEnd();

function evidence(text: string): string[] {
  const lines = clean(text).split('\n');
  const [first = '', ...rest] = lines.length > EVIDENCE_LINES ? ['…', ...lines.slice(-EVIDENCE_LINES)] : lines;
  return [first, ...rest.map((line) => `      ${line}`)];
}

/**
 * The human-readable end of `aos plan`: the plan, the diff stat, the critic's verdict with its
 * findings (path:line [severity] message), each QA check with its evidence, the approver's verdict
 * and reasons, the cost, and where the change was committed. Model text is made printable first.
 */
export function renderPlanReport(report: PlanReport): string[] {
  const { state } = report;
  const lines: string[] = [];
  if (state.plan) {
    lines.push(`Plan: ${clean(state.plan.summary)}`);
    state.plan.steps.forEach((step, index) => lines.push(`  ${index + 1}. ${clean(step)}`));
    if (state.plan.acceptance_criteria.length > 0) lines.push(`  acceptance: ${state.plan.acceptance_criteria.map(clean).join('; ')}`);
  } else {
    lines.push('Plan: none');
  }
  if (state.failure) lines.push('', `Stopped: ${clean(state.failure.message)} (${state.failure.code})`);
  if (!report.dryRun) {
    lines.push('', 'Changes:', ...renderDiffStat(report.files));
    if (state.critic) {
      lines.push('', `Critic: ${state.critic.verdict} — ${clean(state.critic.summary)}`);
      for (const finding of state.critic.findings)
        lines.push(`  ${clean(finding.path)}${finding.line > 0 ? `:${finding.line}` : ''} [${finding.severity}] ${clean(finding.message)}`);
    } else {
      lines.push('', 'Critic: no review');
    }
    if (state.qa) {
      lines.push('', `QA: ${state.qa.passed ? 'passed' : 'failed'}`);
      for (const check of state.qa.checks) {
        const [first, ...rest] = evidence(check.evidence);
        lines.push(`  ${check.passed ? '✅' : '❌'} ${clean(check.name)} — ${first}`, ...rest);
      }
    } else {
      lines.push('', 'QA: did not run');
    }
    if (state.approval) {
      lines.push('', `Approver: ${state.approval.verdict}`);
      for (const reason of state.approval.reasons) lines.push(`  - ${clean(reason)}`);
    }
  }
  lines.push(
    '',
    `Cost: €${report.costEur.toFixed(4)} (${report.modelCalls} model call${report.modelCalls === 1 ? '' : 's'}), run ${report.runId}`,
  );
  if (report.commit && report.branch) lines.push(`committed ${report.commit} to ${report.branch}`);
  else if (report.commitNote) lines.push(report.commitNote);
  return lines;
}
