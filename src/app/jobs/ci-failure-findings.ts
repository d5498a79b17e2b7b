import type { Finding } from '../../agents/agent-schemas.ts';
import type { CiFailure } from '../../state/run-ci-state.ts';

/**
 * The failures of the repository's CI as findings for the coder of a ci-fix pass (the coder takes
 * findings as the critic's): each names the failing check, points at the file and line an
 * annotation gave, and carries the sanitized evidence. Pure.
 */
export function ciFailureFindings(failures: readonly CiFailure[]): Finding[] {
  return failures.map((failure) => ({
    path: failure.path,
    line: failure.line,
    severity: 'blocker',
    message: `the repository's CI check "${failure.name}" failed: ${failure.message}`,
  }));
}

const LOG_HEADER = "last lines of the job's log:";
const TELLING = /fail|error|assert|expected|exception|panic/i;
const LINE_CHARS = 300;

/** The lines of a failure that say what failed: for a log, the last few that name a failure. */
function gist(message: string): string {
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines[0] !== LOG_HEADER) return lines[0] ?? '';
  const body = lines.slice(1);
  const telling = body.filter((line) => TELLING.test(line)).slice(-3);
  return (telling.length > 0 ? telling : body.slice(-1)).join(' / ');
}

/** One line per failure, as the review of a ci-fix pass and the run's end quote them. */
export function ciFailureLines(failures: readonly CiFailure[]): string[] {
  return failures.map((failure) => {
    const where = failure.line > 0 ? ` at ${failure.path}:${failure.line}` : failure.path ? ` in ${failure.path}` : '';
    const line = `${failure.name}${where}: ${gist(failure.message)}`;
    return line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS - 1)}…` : line;
  });
}
