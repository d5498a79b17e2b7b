import type { AddressInfo } from 'node:net';
import { addAppRoutes } from './app-routes.ts';
import { addArchiveRoutes } from './archive-routes.ts';
import { addChecksRoutes } from './checks-routes.ts';
import { addCollaboratorsRoutes } from './collaborators-routes.ts';
import { addContentsRoutes } from './contents-routes.ts';
import { createDoubleContext } from './context.ts';
import { filesAt, textAt } from './git-objects.ts';
import { addGitDataRoutes } from './git-data-routes.ts';
import { API } from './github-values.ts';
import { addIssuesRoutes } from './issues-routes.ts';
import { createJsonShapes } from './json-shapes.ts';
import type { GithubDoubleOptions } from './options.ts';
import { paginate } from './paginate.ts';
import { addPullsRoutes } from './pulls-routes.ts';
import { addReactionsRoutes } from './reactions-routes.ts';
import { createRepoModel } from './repo-model.ts';
import { createRouter, type RouteParts } from './router.ts';
import { createDoubleServer } from './server.ts';
import type { DoubleComment, DoubleIssue, DoublePull, DoubleRepo, DoubleRequest, DoubleState, DoubleUser } from './state.ts';
import { createWebhookPayloads, type WebhookPayload } from './webhook-payloads.ts';

/** The running double. */
export interface GithubDouble {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`, for GHE_HOST. */
  host: string;
  /** The REST base URL aos's Octokit uses: `<url>/api/v3`. */
  apiUrl: string;
  state: DoubleState;
  requests: DoubleRequest[];
  /** The app's bot user, the author of everything aos writes. */
  bot: DoubleUser;
  repo(fullName: string): DoubleRepo;
  /** A file's text at a branch, commit sha or tree sha; null when absent. */
  readFile(fullName: string, ref: string, path: string): string | null;
  /** Every file at a ref: path → text. */
  files(fullName: string, ref: string): Record<string, string>;
  createIssue(fullName: string, issue: { title: string; body?: string; user?: string }): DoubleIssue;
  /** A comment as a person writes it on GitHub (the trigger of a command). */
  addComment(fullName: string, issueNumber: number, comment: { body: string; user: string }): DoubleComment;
  /** Commits `files` (path → text, null deletes) on top of `from` (default branch) and moves or creates `branch`. */
  pushBranch(fullName: string, branch: string, files: Record<string, string | null>, options?: { from?: string; message?: string }): string;
  /** Opens a pull request as a person would. */
  openPullRequest(
    fullName: string,
    pull: { head: string; base?: string; title: string; body?: string; user: string },
  ): { issue: DoubleIssue; pull: DoublePull };
  /**
   * The `issue_comment.created` webhook GitHub would send for a comment on the double: the
   * `@octokit/webhooks-examples` payload with only repository, issue, comment, sender and
   * installation replaced.
   */
  issueCommentCreated(fullName: string, comment: DoubleComment, installationId: number): WebhookPayload;
  /** The `pull_request.opened` webhook for a pull request on the double, adapted the same way. */
  pullRequestOpened(fullName: string, pullNumber: number, installationId: number): WebhookPayload;
  /** Polls `check` (every 50 ms) until it returns a value other than undefined/false/null; rejects after `timeoutMs` naming `what`. */
  until<T>(what: string, check: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** Starts the double on 127.0.0.1, on a free port. */
export async function startGithubDouble(options: GithubDoubleOptions): Promise<GithubDouble> {
  const double = createDoubleContext(options);
  const { state, requests, bot, users, userFor } = double;
  const model = createRepoModel(double);
  const { newIssue, newComment, pushBranch, createPull } = model;
  model.seedRepos();
  const json = createJsonShapes(double);
  const { routes, route } = createRouter();
  const parts: RouteParts = { route, double, model, json, paginate: (items, ctx) => paginate(double.baseUrl, items, ctx) };
  // In this order: the first route that matches a request answers it.
  for (const addRoutes of [
    addAppRoutes,
    addContentsRoutes,
    addArchiveRoutes,
    addGitDataRoutes,
    addIssuesRoutes,
    addReactionsRoutes,
    addPullsRoutes,
    addChecksRoutes,
    addCollaboratorsRoutes,
  ])
    addRoutes(parts);
  const server = createDoubleServer(double, routes);
  const { issueCommentCreated, pullRequestOpened } = createWebhookPayloads(double, model, json);

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  double.baseUrl = baseUrl;
  for (const user of users.values()) user.html_url = `${baseUrl}/${user.login}`;

  return {
    url: baseUrl,
    host: `127.0.0.1:${port}`,
    apiUrl: `${baseUrl}${API}`,
    state,
    requests,
    bot,
    repo: (fullName) => {
      const repo = state.repos[fullName];
      if (!repo) throw new Error(`github-double: no repository ${fullName}`);
      return repo;
    },
    readFile: (fullName, ref, path) => textAt(state.repos[fullName]!, ref, path),
    files: (fullName, ref) => {
      const repo = state.repos[fullName]!;
      return Object.fromEntries(
        [...(filesAt(repo, ref) ?? new Map()).entries()].map(([path, entry]) => [
          path,
          repo.git.blobs.get(entry.sha)?.toString('utf8') ?? '',
        ]),
      );
    },
    issueCommentCreated,
    pullRequestOpened,
    createIssue: (fullName, issue) => newIssue(state.repos[fullName]!, issue),
    addComment: (fullName, issueNumber, comment) => newComment(state.repos[fullName]!, issueNumber, comment.body, userFor(comment.user)),
    pushBranch: (fullName, branch, files, pushOptions = {}) =>
      pushBranch(state.repos[fullName]!, branch, files, pushOptions.from, pushOptions.message),
    openPullRequest: (fullName, pull) =>
      createPull(state.repos[fullName]!, {
        head: pull.head,
        base: pull.base ?? state.repos[fullName]!.defaultBranch,
        title: pull.title,
        body: pull.body ?? '',
        draft: false,
        user: userFor(pull.user),
        maintainerCanModify: true,
      }),
    async until(what, check, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = check();
        if (value !== undefined && value !== null && value !== false) return value;
        if (Date.now() > deadline) throw new Error(`github-double: timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((done) => setTimeout(done, 50));
      }
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
