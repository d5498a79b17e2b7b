import type { Ecosystem } from '../types.ts';
import { describeOverLimit } from './describe-over-limit.ts';
import type { DependencyResult } from '../verify/verification-report.ts';
import type { ReportContext } from './report-context.ts';

const ICON = { ok: '✅', warn: '⚠️', fail: '❌', unverifiable: '❔' } as const;
const ORDER = { fail: 0, unverifiable: 1, warn: 2, ok: 3 } as const;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const where = (r: DependencyResult) => `\`${r.dependency.file}:${r.dependency.line}\``;
const version = (r: DependencyResult) => {
  const declared = r.dependency.version || '(any)';
  return r.checkedVersion !== undefined && r.checkedVersion !== r.dependency.version ? `${declared} → ${r.checkedVersion}` : declared;
};

function dependencySection(title: string, results: DependencyResult[], ecosystem: Ecosystem): string[] {
  const mine = results.filter((r) => r.dependency.ecosystem === ecosystem);
  if (mine.length === 0) return [`## ${title}`, '', '_None in scope._', ''];
  const flagged = mine.filter((r) => r.verdict !== 'ok').sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict]);
  const ok = mine.filter((r) => r.verdict === 'ok');
  const lines = [`## ${title}`, ''];
  if (flagged.length > 0) {
    lines.push('| verdict | package | version | where | reasons |', '|---|---|---|---|---|');
    for (const r of flagged)
      lines.push(
        `| ${ICON[r.verdict]} ${r.verdict}${r.blocking ? ' (blocking)' : ''} | \`${cell(r.dependency.name)}\` | ${cell(version(r))} | ${where(r)} | ${cell(r.reasons.join('; '))} |`,
      );
    lines.push('');
  }
  if (ok.length > 0) {
    lines.push(`<details><summary>${ok.length} dependenc${ok.length === 1 ? 'y' : 'ies'} ok</summary>`, '');
    for (const r of ok) lines.push(`- \`${r.dependency.name}@${version(r)}\` ${where(r)}`);
    lines.push('', '</details>', '');
  }
  return lines;
}

function vulnerabilitySection(context: ReportContext): string[] {
  const lines = ['## Vulnerability Scan Results', '', `OSV: ${context.sources.osv}`, ''];
  const hits = context.report.results.flatMap((r) => r.advisories.map((advisory) => ({ r, advisory })));
  const unchecked = context.report.results.filter((r) =>
    r.findings.some((f) => f.rule === 'unverifiable' && /vulnerabilit|OSV/.test(f.message)),
  );
  if (unchecked.length > 0)
    lines.push(
      `${ICON.unverifiable} ${unchecked.length} dependenc${unchecked.length === 1 ? 'y was' : 'ies were'} not checked for vulnerabilities: ${cell([...new Set(unchecked.flatMap((r) => r.reasons.filter((reason) => /vulnerabilit|OSV/.test(reason))))].slice(0, 3).join('; '))}`,
      '',
    );
  if (hits.length === 0) {
    lines.push(
      unchecked.length === context.report.results.length && unchecked.length > 0
        ? '_No versions could be checked._'
        : 'No known vulnerabilities or malware in the checked versions.',
      '',
    );
    return lines;
  }
  lines.push('| advisory | severity | package | where | summary |', '|---|---|---|---|---|');
  for (const { r, advisory } of hits) {
    const severity = advisory.malware ? '**malware**' : `${advisory.severity}${advisory.score === undefined ? '' : ` (${advisory.score})`}`;
    lines.push(
      `| ${advisory.id} | ${severity} | \`${cell(r.dependency.name)}@${cell(r.checkedVersion ?? r.dependency.version)}\` | ${where(r)} | ${cell(advisory.summary)} |`,
    );
  }
  lines.push('');
  return lines;
}

/** Renders the report as Markdown: summary, Node and Python dependencies, vulnerabilities, each finding at its file:line. */
export function renderMarkdownReport(context: ReportContext): string {
  const { summary, timing } = context.report;
  const seconds = `${(timing.durationMs / 1000).toFixed(2)} s`;
  const lines = [
    '# Package reality report',
    '',
    '## Verification Summary',
    '',
    `**Result: ${summary.passed ? 'PASS' : 'FAIL'}** — ${summary.blocking} of ${summary.total} dependencies block${summary.problems > 0 ? `; ${summary.problems} file problem${summary.problems === 1 ? '' : 's'}: aos could not read all of the dependency files` : ''}.`,
    '',
    '| verdict | dependencies |',
    '|---|---|',
    ...(['ok', 'warn', 'fail', 'unverifiable'] as const).map((v) => `| ${ICON[v]} ${v} | ${summary[v]} |`),
    '',
    `- Scope: ${context.scope}; ${context.files.length} file(s): ${context.files.map((f) => `\`${f}\``).join(', ') || 'none'}`,
    `- npm registry: ${context.sources.npm}`,
    `- PyPI: ${context.sources.pypi}`,
    `- OSV: ${context.sources.osv}`,
    `- Started: ${timing.startedAt}`,
    `- Execution time: ${seconds}`,
    '',
  ];
  if (context.report.overLimit !== undefined) lines.push(`**Not checked:** ${describeOverLimit(context.report.overLimit)}.`, '');
  if (context.report.problems.length > 0) {
    lines.push('### File problems', '', 'Each fails the check: what aos cannot read, it cannot verify.', '');
    for (const p of context.report.problems) lines.push(`- \`${p.file}:${p.line}\` ${cell(p.message)}`);
    lines.push('');
  }
  lines.push(...dependencySection('Node dependencies', context.report.results, 'npm'));
  lines.push(...dependencySection('Python dependencies', context.report.results, 'pypi'));
  lines.push(...vulnerabilitySection(context));
  lines.push(`_Execution time: ${seconds}._`, '');
  return lines.join('\n');
}
