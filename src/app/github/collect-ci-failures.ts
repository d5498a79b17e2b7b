import { sanitizeUntrustedText } from '../../agents/sanitize-untrusted-text.ts';
import type { RepoTarget } from '../../lib/repo-target.ts';
import { requestStatus } from '../../lib/request-status.ts';
import { stripAnsi } from '../../lib/strip-ansi.ts';
import type { CiFailure } from '../../state/run-ci-state.ts';
import type { ObservedCheck } from './read-ci-checks.ts';

/** The last part of a job's log that is kept: where test runners print what failed. */
export const LOG_TAIL_BYTES = 8 * 1024;
const ANNOTATIONS_PER_CHECK = 20;
const OUTPUT_CHARS = 4_000;

const clean = (text: string, maxChars = OUTPUT_CHARS) => sanitizeUntrustedText(stripAnsi(text), { maxChars }).text.trim();

/** The last `bytes` of a log, from a line start, without Actions' per-line timestamps. */
export function logTail(log: string, bytes = LOG_TAIL_BYTES): string {
  const buffer = Buffer.from(log, 'utf8');
  let tail = buffer.length > bytes ? buffer.subarray(buffer.length - bytes).toString('utf8') : log;
  if (buffer.length > bytes) tail = tail.slice(tail.indexOf('\n') + 1);
  return tail.replace(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z /gm, '');
}

/**
 * Gathers the evidence of failing checks for a ci-fix pass: each check run's failure annotations
 * (`GET …/check-runs/{id}/annotations`), its output title, summary and text, and for a GitHub
 * Actions job the tail of its log (`GET …/actions/jobs/{id}/logs`, a redirect to the text); a
 * failing commit status gives its description. Everything is CI output, so untrusted: ANSI codes
 * are stripped and it all goes through `sanitizeUntrustedText`. A log that cannot be read (expired,
 * no `actions: read`) is left out, the rest still counts.
 */
export async function collectCiFailures(target: RepoTarget, failed: readonly ObservedCheck[]): Promise<CiFailure[]> {
  const failures: CiFailure[] = [];
  for (const check of failed) {
    const name = clean(check.name, 200);
    const output = [check.output.title, check.output.summary, check.output.text].filter((part) => part).join('\n');
    if (check.kind === 'status' || check.id === null) {
      failures.push({ name, path: '', line: 0, message: clean(output || 'the status reported a failure') });
      continue;
    }
    const { data: annotations } = await target.octokit.rest.checks.listAnnotations({
      owner: target.owner,
      repo: target.repo,
      check_run_id: check.id,
      per_page: 50,
    });
    for (const annotation of annotations.filter((a) => a.annotation_level === 'failure').slice(0, ANNOTATIONS_PER_CHECK))
      failures.push({
        name,
        path: annotation.path,
        line: annotation.start_line,
        message: clean([annotation.title, annotation.message, annotation.raw_details].filter((part) => part).join(': ')),
      });
    if (output) failures.push({ name, path: '', line: 0, message: clean(output) });
    if (check.appSlug === 'github-actions') {
      const log = await readJobLog(target, check.id);
      if (log) failures.push({ name, path: '', line: 0, message: `last lines of the job's log:\n${clean(logTail(log), LOG_TAIL_BYTES)}` });
    }
    if (!failures.some((failure) => failure.name === name)) failures.push({ name, path: '', line: 0, message: 'the check failed' });
  }
  return failures;
}

/** An Actions job's log text, or null when GitHub does not hand it out. */
async function readJobLog({ octokit, owner, repo }: RepoTarget, jobId: number): Promise<string | null> {
  try {
    const { data } = await octokit.rest.actions.downloadJobLogsForWorkflowRun({ owner, repo, job_id: jobId });
    return typeof data === 'string' ? data : data === null || data === undefined ? null : String(data);
  } catch (error) {
    const status = requestStatus(error);
    if (status === 403 || status === 404 || status === 410) return null;
    throw error;
  }
}
