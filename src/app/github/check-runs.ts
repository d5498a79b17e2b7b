import type { RepoTarget } from '../../lib/repo-target.ts';
import { truncateText } from './truncate-text.ts';

/** The check run on every pull request head. */
export const PACKAGE_REALITY_CHECK = 'aos / package-reality';
/** The check run on bot pull requests: the approver's verdict and why. */
export const AGENT_CHECK = 'aos / agent';

/** GitHub's limits on check run output. */
export const CHECK_LIMITS = {
  annotationsPerRequest: 50,
  summaryChars: 65_535,
  textChars: 65_535,
  titleChars: 255,
  messageChars: 64_000,
} as const;

/** One annotation on a line range of a file of the head commit. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}

/** Options of `createCheckRun`. */
export interface CreateCheckRunOptions extends RepoTarget {
  headSha: string;
  name: string;
  /** Our id for the run (a run id), so the check can be found again. */
  externalId?: string;
  /** A link shown as "Details" (the run page). */
  detailsUrl?: string;
}

/** Creates a check run already `in_progress`, so the pull request shows it at once; returns its id. */
export async function createCheckRun(options: CreateCheckRunOptions): Promise<number> {
  return (await createOwnedCheckRun(options)).id;
}

/**
 * `createCheckRun` that also returns the app that owns the check run: aos's own app, whose check
 * runs never count as the repository's CI.
 */
export async function createOwnedCheckRun(
  options: CreateCheckRunOptions & { output?: { title: string; summary: string } },
): Promise<{ id: number; appId: number | null }> {
  const { octokit, owner, repo } = options;
  const { data } = await octokit.rest.checks.create({
    owner,
    repo,
    name: options.name,
    head_sha: options.headSha,
    status: 'in_progress',
    started_at: new Date().toISOString(),
    ...(options.externalId === undefined ? {} : { external_id: options.externalId }),
    ...(options.detailsUrl === undefined ? {} : { details_url: options.detailsUrl }),
    ...(options.output === undefined ? {} : { output: options.output }),
  });
  return { id: data.id, appId: data.app?.id ?? null };
}

/** Options of `completeCheckRun`. */
export interface CompleteCheckRunOptions extends RepoTarget {
  checkRunId: number;
  conclusion: 'success' | 'failure' | 'neutral' | 'action_required';
  title: string;
  /** Markdown; cut at 65,535 characters. */
  summary: string;
  text?: string;
  annotations: readonly CheckAnnotation[];
  /** Where the reader acts on an `action_required` conclusion (the run page). */
  detailsUrl?: string;
}

const annotation = (a: CheckAnnotation): CheckAnnotation => ({
  ...a,
  message: truncateText(a.message, CHECK_LIMITS.messageChars),
  ...(a.title === undefined ? {} : { title: truncateText(a.title, CHECK_LIMITS.titleChars) }),
});

/**
 * Completes a check run with its conclusion and output. GitHub takes at most 50 annotations per
 * request: the first 50 go with the completing update, the rest in further updates of 50 each,
 * which repeat the title and summary because the API requires them with every output. Returns the
 * number of update requests made.
 */
export async function completeCheckRun(options: CompleteCheckRunOptions): Promise<number> {
  const { octokit, owner, repo } = options;
  const title = truncateText(options.title, CHECK_LIMITS.titleChars);
  const summary = truncateText(options.summary, CHECK_LIMITS.summaryChars);
  const batches: CheckAnnotation[][] = [];
  for (let start = 0; start < options.annotations.length; start += CHECK_LIMITS.annotationsPerRequest) {
    batches.push(options.annotations.slice(start, start + CHECK_LIMITS.annotationsPerRequest).map(annotation));
  }
  const [first = [], ...rest] = batches;
  await octokit.rest.checks.update({
    owner,
    repo,
    check_run_id: options.checkRunId,
    status: 'completed',
    conclusion: options.conclusion,
    completed_at: new Date().toISOString(),
    ...(options.detailsUrl === undefined ? {} : { details_url: options.detailsUrl }),
    output: {
      title,
      summary,
      ...(options.text === undefined ? {} : { text: truncateText(options.text, CHECK_LIMITS.textChars) }),
      annotations: first,
    },
  });
  for (const batch of rest) {
    await octokit.rest.checks.update({ owner, repo, check_run_id: options.checkRunId, output: { title, summary, annotations: batch } });
  }
  return 1 + rest.length;
}
