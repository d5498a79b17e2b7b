import type { CiPassRecord } from '../../state/run-ci-state.ts';

const ICON: Record<CiPassRecord['result'], string> = { waiting: '⏳', passed: '✅', failed: '❌', 'no-ci': '⚠️', 'timed-out': '⌛' };

const passName = (pass: number) => (pass === 0 ? "aos's commit" : `ci-fix pass ${pass}`);
const names = (checks: readonly string[]) => checks.slice(0, 20).join(', ') + (checks.length > 20 ? ` and ${checks.length - 20} more` : '');

/** One pass's line: what the repository's CI said of its head commit. */
function passLine(record: CiPassRecord): string {
  const where = `${passName(record.pass)} \`${record.headSha.slice(0, 7)}\``;
  switch (record.result) {
    case 'waiting':
      return `${ICON.waiting} ${where}: waiting for the repository's CI`;
    case 'passed':
      return `${ICON.passed} ${where}: CI passed${record.checks.length > 0 ? ` (${names(record.checks)})` : ''}`;
    case 'failed':
      return `${ICON.failed} ${where}: CI failed: ${names(record.checks)}`;
    case 'no-ci':
      return `${ICON['no-ci']} ${where}: no CI ran on this commit: the change is unverified`;
    case 'timed-out':
      return `${ICON['timed-out']} ${where}: CI did not finish in time${record.checks.length > 0 ? ` (still waiting for ${names(record.checks)})` : ''}`;
  }
}

/**
 * The CI part of a run's status comment: one line per pass (waiting, failed with the failing
 * check names, passed). Check names are written by other apps, so the status comment renders
 * the whole message inert.
 */
export function renderCiProgress(history: readonly CiPassRecord[], note?: string): string {
  const lines = ["**The repository's CI:**", ...history.map((record) => `- ${passLine(record)}`)];
  if (note) lines.push('', note);
  return lines.join('\n');
}
