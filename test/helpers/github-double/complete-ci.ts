import { createRequire } from 'node:module';
import type { DoubleContext } from './context.ts';
import { nodeId } from './github-values.ts';
import type { DoubleAnnotation, DoubleCheckRun, DoubleRepo } from './state.ts';
import type { WebhookPayload } from './webhook-payloads.ts';

/** GitHub Actions as an app: its check runs are jobs, whose logs can be downloaded. */
export const ACTIONS_APP = { id: 15368, slug: 'github-actions' };

/** One check of the repository's CI, as a test finishes it. */
export interface CiCheck {
  name: string;
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled' | 'timed_out' | 'skipped';
  /** In progress instead of completed (the conclusion is then ignored). */
  running?: boolean;
  title?: string;
  summary?: string;
  annotations?: DoubleAnnotation[];
  /** The job's log (GitHub Actions only). */
  log?: string;
  /** Another app than GitHub Actions. */
  app?: { id: number; slug: string };
}

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Array<{
  name: string;
  examples: Array<Record<string, unknown>>;
}>;

/** A deep copy of a `@octokit/webhooks-examples` payload. */
function example(event: string, action?: string): WebhookPayload {
  const found = examples
    .find((entry) => entry.name === event)
    ?.examples.find((payload) => action === undefined || payload.action === action);
  if (!found) throw new Error(`github-double: no @octokit/webhooks-examples payload for ${event}.${action ?? ''}`);
  return structuredClone(found) as unknown as WebhookPayload;
}

/** The repository's CI on the double: check runs and statuses by other apps, and the webhooks GitHub sends for them. */
export function createCiHelpers(double: DoubleContext) {
  const adapt = (payload: WebhookPayload, repo: DoubleRepo, installationId: number) => {
    Object.assign(payload.repository, {
      id: repo.id,
      node_id: repo.node_id,
      name: repo.name,
      full_name: repo.fullName,
      default_branch: repo.defaultBranch,
    });
    payload.repository.owner.login = repo.owner;
    const sender = double.userFor('github-actions[bot]');
    Object.assign(payload.sender, { login: sender.login, id: sender.id, node_id: sender.node_id, type: sender.type });
    payload.installation = { id: installationId, node_id: nodeId('Installation', installationId) };
    return payload;
  };
  const branchOf = (repo: DoubleRepo, sha: string) => Object.entries(repo.branches).find(([, head]) => head === sha)?.[0] ?? null;

  /** The `check_suite.completed` webhook for `headSha`, by `app` (GitHub Actions by default). */
  const checkSuiteCompleted = (repo: DoubleRepo, headSha: string, installationId: number, app = ACTIONS_APP) => {
    const payload = adapt(example('check_suite', 'completed'), repo, installationId);
    const suite = (payload as unknown as { check_suite: Record<string, unknown> }).check_suite;
    const failed = repo.checkRuns.some((run) => run.head_sha === headSha && run.app?.id === app.id && run.conclusion === 'failure');
    Object.assign(suite, {
      id: double.nextId(),
      head_sha: headSha,
      head_branch: branchOf(repo, headSha),
      status: 'completed',
      conclusion: failed ? 'failure' : 'success',
      app: { ...(suite.app as object), id: app.id, slug: app.slug },
      pull_requests: [],
    });
    return payload;
  };

  /**
   * Finishes the repository's CI on `headSha`: a check run by GitHub Actions (or `app`) per check,
   * with its output, annotations and job log; returns the `check_suite.completed` webhook to send.
   */
  const completeCi = (repo: DoubleRepo, headSha: string, checks: readonly CiCheck[], installationId: number) => {
    if (!repo.git.commits.has(headSha)) throw new Error(`github-double: no commit ${headSha}`);
    for (const check of checks) {
      const id = double.nextId();
      const run: DoubleCheckRun = {
        id,
        node_id: nodeId('CR_', id),
        name: check.name,
        head_sha: headSha,
        status: check.running ? 'in_progress' : 'completed',
        conclusion: check.running ? null : check.conclusion,
        external_id: null,
        details_url: null,
        started_at: new Date().toISOString(),
        completed_at: check.running ? null : new Date().toISOString(),
        output: { title: check.title ?? null, summary: check.summary ?? null, text: null, annotations: check.annotations ?? [] },
        app: check.app ?? ACTIONS_APP,
      };
      repo.checkRuns.push(run);
      if (check.log !== undefined) repo.jobLogs.set(id, check.log);
    }
    return checkSuiteCompleted(repo, headSha, installationId, checks[0]?.app ?? ACTIONS_APP);
  };

  /** Sets a commit status as a CI service would, and returns the `status` webhook GitHub sends. */
  const setStatus = (
    repo: DoubleRepo,
    sha: string,
    status: { context: string; state: 'pending' | 'success' | 'failure' | 'error'; description?: string },
    installationId: number,
  ) => {
    const stored = {
      id: double.nextId(),
      sha,
      context: status.context,
      state: status.state,
      description: status.description ?? null,
      target_url: null,
    };
    repo.statuses.push(stored);
    const payload = adapt(example('status'), repo, installationId);
    Object.assign(payload, {
      id: stored.id,
      sha,
      context: stored.context,
      state: stored.state,
      description: stored.description,
      target_url: null,
    });
    return payload;
  };

  return { completeCi, checkSuiteCompleted, setStatus };
}
