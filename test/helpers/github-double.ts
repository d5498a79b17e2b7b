import { createHash, verify as verifySignature } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

/**
 * A stateful, local stand-in for the GitHub REST API (under `/api/v3`, as Probot addresses GitHub
 * Enterprise via GHE_HOST) and the one GraphQL mutation aos uses (`/api/graphql`). It implements
 * exactly the calls aos makes, keeps what they did (git objects as real trees, comments, reviews,
 * check runs, labels, reactions) in `state` for assertions, records every request in `requests`,
 * and answers any other route with a 404 that names it, so a missing route is obvious.
 */

/** A repository permission as GitHub's role names have it. */
export type DoublePermission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

/** One repository to serve. */
export interface DoubleRepoSeed {
  defaultBranch?: string;
  /** Path → text of the first commit on the default branch. */
  files: Record<string, string>;
  /** Issues created in order (#1, #2, …). */
  issues?: Array<{ title: string; body?: string; user?: string }>;
}

/** Options of `startGithubDouble`. */
export interface GithubDoubleOptions {
  repos: Record<string, DoubleRepoSeed>;
  /** login → permission; anyone else is not a user (404). */
  collaborators?: Record<string, DoublePermission>;
  /** The GitHub App; its JWTs are checked against `publicKey` when given. */
  app?: { id: number; slug?: string; publicKey?: string };
}

export interface DoubleUser {
  login: string;
  id: number;
  node_id: string;
  type: 'User' | 'Bot';
  html_url: string;
}

export interface DoubleComment {
  id: number;
  node_id: string;
  issueNumber: number;
  body: string;
  user: DoubleUser;
  created_at: string;
  updated_at: string;
  /** Every body the comment had, first to last. */
  history: string[];
}

export interface DoubleIssue {
  number: number;
  id: number;
  node_id: string;
  title: string;
  body: string;
  user: DoubleUser;
  state: 'open' | 'closed';
  labels: string[];
  isPullRequest: boolean;
}

export interface DoublePull {
  number: number;
  id: number;
  node_id: string;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  draft: boolean;
  state: 'open' | 'closed';
  maintainer_can_modify: boolean;
  requestedReviewers: string[];
}

export interface DoubleReviewComment {
  id: number;
  node_id: string;
  pullNumber: number;
  reviewId: number | null;
  path: string;
  line: number | null;
  side: string;
  body: string;
  user: DoubleUser;
  commit_id: string;
  in_reply_to_id?: number;
}

export interface DoubleReview {
  id: number;
  node_id: string;
  pullNumber: number;
  commit_id: string;
  event: string | null;
  state: 'COMMENTED' | 'APPROVED' | 'CHANGES_REQUESTED' | 'PENDING';
  body: string;
  user: DoubleUser;
  comments: DoubleReviewComment[];
}

export interface DoubleAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: string;
  message: string;
  title?: string;
}

export interface DoubleCheckRun {
  id: number;
  node_id: string;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  external_id: string | null;
  details_url: string | null;
  started_at: string | null;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations: DoubleAnnotation[] };
}

export interface DoubleReaction {
  id: number;
  subject: 'issue_comment' | 'review_comment';
  repo: string;
  commentId: number;
  content: string;
  user: DoubleUser;
}

interface TreeEntry {
  name: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
}

interface CommitObject {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string };
}

export interface DoubleRepo {
  owner: string;
  name: string;
  fullName: string;
  id: number;
  node_id: string;
  defaultBranch: string;
  /** branch name → commit sha */
  branches: Record<string, string>;
  issues: DoubleIssue[];
  pulls: DoublePull[];
  comments: DoubleComment[];
  reviews: DoubleReview[];
  reviewComments: DoubleReviewComment[];
  checkRuns: DoubleCheckRun[];
  git: { blobs: Map<string, Buffer>; trees: Map<string, TreeEntry[]>; commits: Map<string, CommitObject> };
}

/** One request the double received. */
export interface DoubleRequest {
  method: string;
  /** Path without the `/api/v3` prefix (GraphQL keeps `/api/graphql`), decoded, without the query. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** `jwt` (the app), `installation` (an installation token), or `none`. */
  auth: 'jwt' | 'installation' | 'none';
  /** No route matched. */
  unknown: boolean;
}

/** What the double holds. */
export interface DoubleState {
  repos: Record<string, DoubleRepo>;
  reactions: DoubleReaction[];
  /** Installation tokens handed out: token → installation id. */
  tokens: Map<string, number>;
}

const API = '/api/v3';
const DOCS = 'https://docs.github.com/rest';
const now = () => new Date().toISOString();
const nodeId = (kind: string, id: number) => Buffer.from(`${kind}${id}`).toString('base64').replace(/=+$/, '');

/** The fields of a webhook payload the double fills in; the rest stays as in `@octokit/webhooks-examples`. */
export interface WebhookPayload {
  action: string;
  number?: number;
  repository: { id: number; node_id: string; name: string; full_name: string; default_branch: string; owner: { login: string } };
  sender: { login: string; id: number; node_id: string; type: string };
  installation?: { id: number; node_id: string };
  issue?: { number: number; id: number; node_id: string; title: string; body: string | null; user: { login: string; id: number; type: string }; pull_request?: unknown };
  comment?: { id: number; node_id: string; body: string; user: { login: string; id: number; node_id: string; type: string } };
  pull_request?: { number: number; id: number; node_id: string; title: string; body: string | null; draft: boolean; state: string; head: { ref: string; sha: string }; base: { ref: string; sha: string } };
}

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<{ action?: string }> }>;

/** A deep copy of the first `@octokit/webhooks-examples` payload of an event and action. */
function webhookExample(event: string, action: string): WebhookPayload {
  const found = examples.find((entry) => entry.name === event)?.examples.find((payload) => payload.action === action);
  if (!found) throw new Error(`github-double: no @octokit/webhooks-examples payload for ${event}.${action}`);
  return structuredClone(found) as unknown as WebhookPayload;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}
const notFound = (message = 'Not Found') => new HttpError(404, { message, documentation_url: DOCS, status: '404' });
const invalid = (message: string, errors: unknown[] = []) => new HttpError(422, { message, errors, documentation_url: DOCS, status: '422' });

function gitHash(type: string, content: Buffer): string {
  return createHash('sha1').update(Buffer.concat([Buffer.from(`${type} ${content.length}\0`), content])).digest('hex');
}

/** git's tree order: names compared as bytes, a directory as if its name ended in `/`. */
function treeOrder(a: TreeEntry, b: TreeEntry): number {
  const key = (entry: TreeEntry) => Buffer.from(entry.type === 'tree' ? `${entry.name}/` : entry.name);
  return Buffer.compare(key(a), key(b));
}

// --- line diff, for pulls.listFiles and for checking where review comments may go ---

type DiffOp = { op: ' ' | '-' | '+'; text: string; oldLine: number; newLine: number };

function diffLines(before: string[], after: string[]): DiffOp[] {
  const n = before.length;
  const m = after.length;
  if (n * m > 4_000_000) {
    return [...before.map((text, i) => ({ op: '-' as const, text, oldLine: i + 1, newLine: 0 })), ...after.map((text, j) => ({ op: '+' as const, text, oldLine: 0, newLine: j + 1 }))];
  }
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      ops.push({ op: ' ', text: before[i]!, oldLine: i + 1, newLine: j + 1 });
      i += 1;
      j += 1;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      ops.push({ op: '+', text: after[j]!, oldLine: 0, newLine: j + 1 });
      j += 1;
    } else {
      ops.push({ op: '-', text: before[i]!, oldLine: i + 1, newLine: 0 });
      i += 1;
    }
  }
  return ops;
}

const splitLines = (text: string | null) => (text === null || text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** Unified diff with 3 lines of context, the new-side lines it shows, and the counts GitHub reports. */
function fileDiff(before: string | null, after: string | null) {
  const ops = diffLines(splitLines(before), splitLines(after));
  const changed = ops.map((op, index) => (op.op === ' ' ? -1 : index)).filter((index) => index >= 0);
  const ranges: Array<[number, number]> = [];
  for (const index of changed) {
    const start = Math.max(0, index - 3);
    const end = Math.min(ops.length - 1, index + 3);
    const last = ranges[ranges.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  const visibleNewLines = new Set<number>();
  const patch: string[] = [];
  for (const [start, end] of ranges) {
    const slice = ops.slice(start, end + 1);
    const oldLines = slice.filter((op) => op.op !== '+');
    const newLines = slice.filter((op) => op.op !== '-');
    const oldStart = oldLines[0]?.oldLine ?? 0;
    const newStart = newLines[0]?.newLine ?? 0;
    patch.push(`@@ -${oldStart},${oldLines.length} +${newStart},${newLines.length} @@`);
    for (const op of slice) {
      patch.push(`${op.op}${op.text}`);
      if (op.op !== '-') visibleNewLines.add(op.newLine);
    }
  }
  return { patch: patch.join('\n'), additions: ops.filter((op) => op.op === '+').length, deletions: ops.filter((op) => op.op === '-').length, visibleNewLines };
}

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
  openPullRequest(fullName: string, pull: { head: string; base?: string; title: string; body?: string; user: string }): { issue: DoubleIssue; pull: DoublePull };
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
  let counter = 1000;
  const nextId = () => (counter += 1);
  const appId = options.app?.id ?? 1;
  const slug = options.app?.slug ?? 'aos';
  const collaborators = options.collaborators ?? {};
  const users = new Map<string, DoubleUser>();
  let baseUrl = '';

  const userFor = (login: string): DoubleUser => {
    let user = users.get(login);
    if (!user) {
      const id = nextId();
      user = { login, id, node_id: nodeId('U_', id), type: login.endsWith('[bot]') ? 'Bot' : 'User', html_url: `${baseUrl}/${login}` };
      users.set(login, user);
    }
    return user;
  };
  const bot = userFor(`${slug}[bot]`);
  const state: DoubleState = { repos: {}, reactions: [], tokens: new Map() };
  const requests: DoubleRequest[] = [];

  // --- git objects ---
  const writeBlob = (repo: DoubleRepo, content: Buffer) => {
    const sha = gitHash('blob', content);
    repo.git.blobs.set(sha, content);
    return sha;
  };
  const writeTree = (repo: DoubleRepo, entries: TreeEntry[]) => {
    const sorted = [...entries].sort(treeOrder);
    const raw = Buffer.concat(sorted.flatMap((entry) => [Buffer.from(`${entry.mode === '040000' ? '40000' : entry.mode} ${entry.name}\0`), Buffer.from(entry.sha, 'hex')]));
    const sha = gitHash('tree', raw);
    repo.git.trees.set(sha, sorted);
    return sha;
  };
  /** Builds nested trees from a flat path → entry map; returns the root tree sha. */
  const writeFlatTree = (repo: DoubleRepo, flat: Map<string, { mode: string; sha: string; type: 'blob' | 'commit' }>): string => {
    const build = (prefix: string): string => {
      const entries = new Map<string, TreeEntry>();
      const dirs = new Set<string>();
      for (const [path, entry] of flat) {
        if (!path.startsWith(prefix)) continue;
        const rest = path.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash === -1) entries.set(rest, { name: rest, mode: entry.mode, type: entry.type, sha: entry.sha });
        else dirs.add(rest.slice(0, slash));
      }
      for (const dir of dirs) entries.set(dir, { name: dir, mode: '040000', type: 'tree', sha: build(`${prefix}${dir}/`) });
      return writeTree(repo, [...entries.values()]);
    };
    return build('');
  };
  const flatten = (repo: DoubleRepo, treeSha: string, prefix = '', out = new Map<string, { mode: string; sha: string; type: 'blob' | 'commit' }>()) => {
    const tree = repo.git.trees.get(treeSha);
    if (!tree) throw invalid(`tree ${treeSha} does not exist`);
    for (const entry of tree) {
      if (entry.type === 'tree') flatten(repo, entry.sha, `${prefix}${entry.name}/`, out);
      else out.set(`${prefix}${entry.name}`, { mode: entry.mode, sha: entry.sha, type: entry.type });
    }
    return out;
  };
  const writeCommit = (repo: DoubleRepo, tree: string, parents: string[], message: string, author = { name: 'aos[bot]', email: `${appId}+aos[bot]@users.noreply.github.com`, date: now() }) => {
    const seconds = Math.floor(Date.parse(author.date) / 1000);
    const text = [`tree ${tree}`, ...parents.map((parent) => `parent ${parent}`), `author ${author.name} <${author.email}> ${seconds} +0000`, `committer GitHub <noreply@github.com> ${seconds} +0000`, '', message].join('\n');
    const sha = gitHash('commit', Buffer.from(text));
    repo.git.commits.set(sha, { sha, tree, parents, message, author });
    return sha;
  };
  /** A branch name, `heads/…`, `refs/heads/…`, a commit sha or a tree sha → { commit?, tree }. */
  const resolve = (repo: DoubleRepo, ref: string): { commit: string | null; tree: string } | null => {
    const branch = ref.replace(/^refs\//, '').replace(/^heads\//, '');
    const commitSha = repo.branches[branch] ?? (repo.git.commits.has(ref) ? ref : undefined);
    if (commitSha !== undefined) return { commit: commitSha, tree: repo.git.commits.get(commitSha)!.tree };
    if (repo.git.trees.has(ref)) return { commit: null, tree: ref };
    return null;
  };
  const filesAt = (repo: DoubleRepo, ref: string) => {
    const at = resolve(repo, ref);
    return at ? flatten(repo, at.tree) : null;
  };
  const textAt = (repo: DoubleRepo, ref: string, path: string): string | null => {
    const entry = filesAt(repo, ref)?.get(path);
    if (!entry || entry.type !== 'blob') return null;
    return repo.git.blobs.get(entry.sha)!.toString('utf8');
  };
  const isAncestor = (repo: DoubleRepo, ancestor: string, of: string): boolean => {
    const seen = new Set<string>();
    const stack = [of];
    while (stack.length > 0) {
      const sha = stack.pop()!;
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      stack.push(...(repo.git.commits.get(sha)?.parents ?? []));
    }
    return false;
  };

  const repoOf = (owner: string, name: string) => {
    const repo = state.repos[`${owner}/${name}`];
    if (!repo) throw notFound();
    return repo;
  };

  // --- seeding ---
  for (const [fullName, seed] of Object.entries(options.repos)) {
    const [owner, name] = fullName.split('/') as [string, string];
    const id = nextId();
    const repo: DoubleRepo = {
      owner,
      name,
      fullName,
      id,
      node_id: nodeId('R_', id),
      defaultBranch: seed.defaultBranch ?? 'main',
      branches: {},
      issues: [],
      pulls: [],
      comments: [],
      reviews: [],
      reviewComments: [],
      checkRuns: [],
      git: { blobs: new Map(), trees: new Map(), commits: new Map() },
    };
    state.repos[fullName] = repo;
    const flat = new Map(Object.entries(seed.files).map(([path, text]) => [path, { mode: '100644', sha: writeBlob(repo, Buffer.from(text)), type: 'blob' as const }]));
    repo.branches[repo.defaultBranch] = writeCommit(repo, writeFlatTree(repo, flat), [], 'initial commit', { name: 'octocat', email: 'octocat@github.com', date: now() });
  }

  const newIssue = (repo: DoubleRepo, fields: { title: string; body?: string; user?: string }, isPullRequest = false): DoubleIssue => {
    const id = nextId();
    const issue: DoubleIssue = { number: repo.issues.length + 1, id, node_id: nodeId(isPullRequest ? 'PR_' : 'I_', id), title: fields.title, body: fields.body ?? '', user: userFor(fields.user ?? 'octocat'), state: 'open', labels: [], isPullRequest };
    repo.issues.push(issue);
    return issue;
  };
  for (const [fullName, seed] of Object.entries(options.repos)) for (const issue of seed.issues ?? []) newIssue(state.repos[fullName]!, issue);

  const newComment = (repo: DoubleRepo, issueNumber: number, body: string, user: DoubleUser): DoubleComment => {
    const id = nextId();
    const comment: DoubleComment = { id, node_id: nodeId('IC_', id), issueNumber, body, user, created_at: now(), updated_at: now(), history: [body] };
    repo.comments.push(comment);
    return comment;
  };
  const pushBranch = (repo: DoubleRepo, branch: string, files: Record<string, string | null>, from?: string, message = `update ${branch}`) => {
    const parent = resolve(repo, from ?? repo.branches[branch] ?? repo.defaultBranch);
    if (!parent?.commit) throw new Error(`github-double: no commit to build ${branch} on`);
    const flat = flatten(repo, parent.tree);
    for (const [path, text] of Object.entries(files)) {
      if (text === null) flat.delete(path);
      else flat.set(path, { mode: flat.get(path)?.mode ?? '100644', sha: writeBlob(repo, Buffer.from(text)), type: 'blob' });
    }
    const sha = writeCommit(repo, writeFlatTree(repo, flat), [parent.commit], message, { name: 'octocat', email: 'octocat@github.com', date: now() });
    repo.branches[branch] = sha;
    return sha;
  };

  // --- JSON shapes ---
  const repoUrl = (repo: DoubleRepo) => `${baseUrl}${API}/repos/${repo.fullName}`;
  const htmlUrl = (repo: DoubleRepo) => `${baseUrl}/${repo.fullName}`;
  const userJson = (user: DoubleUser) => ({ login: user.login, id: user.id, node_id: user.node_id, type: user.type, site_admin: false, html_url: user.html_url, avatar_url: '', url: `${baseUrl}${API}/users/${user.login}` });
  const repoJson = (repo: DoubleRepo) => ({
    id: repo.id,
    node_id: repo.node_id,
    name: repo.name,
    full_name: repo.fullName,
    private: false,
    owner: userJson(userFor(repo.owner)),
    html_url: htmlUrl(repo),
    url: repoUrl(repo),
    default_branch: repo.defaultBranch,
    allow_merge_commit: true,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
  });
  const labelJson = (name: string) => ({ id: parseInt(gitHash('label', Buffer.from(name)).slice(0, 8), 16), node_id: nodeId('LA_', parseInt(gitHash('label', Buffer.from(name)).slice(0, 8), 16)), name, color: 'ededed', default: false, description: null });
  const issueJson = (repo: DoubleRepo, issue: DoubleIssue) => ({
    id: issue.id,
    node_id: issue.node_id,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    user: userJson(issue.user),
    state: issue.state,
    labels: issue.labels.map(labelJson),
    comments: repo.comments.filter((comment) => comment.issueNumber === issue.number).length,
    html_url: `${htmlUrl(repo)}/${issue.isPullRequest ? 'pull' : 'issues'}/${issue.number}`,
    url: `${repoUrl(repo)}/issues/${issue.number}`,
    ...(issue.isPullRequest ? { pull_request: { url: `${repoUrl(repo)}/pulls/${issue.number}`, html_url: `${htmlUrl(repo)}/pull/${issue.number}` } } : {}),
  });
  const commentJson = (repo: DoubleRepo, comment: DoubleComment) => ({
    id: comment.id,
    node_id: comment.node_id,
    body: comment.body,
    user: userJson(comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: comment.user.type === 'Bot' ? 'NONE' : 'COLLABORATOR',
    html_url: `${htmlUrl(repo)}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${repoUrl(repo)}/issues/${comment.issueNumber}`,
    url: `${repoUrl(repo)}/issues/comments/${comment.id}`,
  });
  const headSha = (repo: DoubleRepo, pull: DoublePull) => repo.branches[pull.head.ref] ?? pull.head.sha;
  const pullJson = (repo: DoubleRepo, pull: DoublePull) => {
    const issue = repo.issues.find((candidate) => candidate.number === pull.number)!;
    return {
      ...issueJson(repo, issue),
      id: pull.id,
      node_id: pull.node_id,
      html_url: `${htmlUrl(repo)}/pull/${pull.number}`,
      url: `${repoUrl(repo)}/pulls/${pull.number}`,
      draft: pull.draft,
      merged: false,
      maintainer_can_modify: pull.maintainer_can_modify,
      requested_reviewers: pull.requestedReviewers.map((login) => userJson(userFor(login))),
      head: { ref: pull.head.ref, sha: headSha(repo, pull), label: `${repo.owner}:${pull.head.ref}`, repo: repoJson(repo), user: userJson(userFor(repo.owner)) },
      base: { ref: pull.base.ref, sha: pull.base.sha, label: `${repo.owner}:${pull.base.ref}`, repo: repoJson(repo), user: userJson(userFor(repo.owner)) },
    };
  };
  const reviewCommentJson = (repo: DoubleRepo, comment: DoubleReviewComment) => ({
    id: comment.id,
    node_id: comment.node_id,
    pull_request_review_id: comment.reviewId,
    path: comment.path,
    line: comment.line,
    original_line: comment.line,
    side: comment.side,
    body: comment.body,
    user: userJson(comment.user),
    commit_id: comment.commit_id,
    original_commit_id: comment.commit_id,
    ...(comment.in_reply_to_id === undefined ? {} : { in_reply_to_id: comment.in_reply_to_id }),
    html_url: `${htmlUrl(repo)}/pull/${comment.pullNumber}#discussion_r${comment.id}`,
    url: `${repoUrl(repo)}/pulls/comments/${comment.id}`,
  });
  const reviewJson = (repo: DoubleRepo, review: DoubleReview) => ({
    id: review.id,
    node_id: review.node_id,
    user: userJson(review.user),
    body: review.body,
    state: review.state,
    commit_id: review.commit_id,
    submitted_at: now(),
    html_url: `${htmlUrl(repo)}/pull/${review.pullNumber}#pullrequestreview-${review.id}`,
    pull_request_url: `${repoUrl(repo)}/pulls/${review.pullNumber}`,
  });
  const checkRunJson = (repo: DoubleRepo, run: DoubleCheckRun) => ({
    id: run.id,
    node_id: run.node_id,
    name: run.name,
    head_sha: run.head_sha,
    status: run.status,
    conclusion: run.conclusion,
    external_id: run.external_id,
    details_url: run.details_url,
    started_at: run.started_at,
    completed_at: run.completed_at,
    html_url: `${htmlUrl(repo)}/runs/${run.id}`,
    url: `${repoUrl(repo)}/check-runs/${run.id}`,
    output: { title: run.output.title, summary: run.output.summary, text: run.output.text, annotations_count: run.output.annotations.length, annotations_url: `${repoUrl(repo)}/check-runs/${run.id}/annotations` },
    app: { id: appId, slug, name: slug },
    pull_requests: repo.pulls.filter((pull) => headSha(repo, pull) === run.head_sha).map((pull) => ({ number: pull.number, head: { ref: pull.head.ref, sha: run.head_sha }, base: pull.base })),
  });
  const commitJson = (repo: DoubleRepo, sha: string) => {
    const commit = repo.git.commits.get(sha)!;
    return {
      sha,
      node_id: nodeId('C_', parseInt(sha.slice(0, 8), 16)),
      url: `${repoUrl(repo)}/git/commits/${sha}`,
      html_url: `${htmlUrl(repo)}/commit/${sha}`,
      message: commit.message,
      tree: { sha: commit.tree, url: `${repoUrl(repo)}/git/trees/${commit.tree}` },
      parents: commit.parents.map((parent) => ({ sha: parent, url: `${repoUrl(repo)}/git/commits/${parent}` })),
      author: commit.author,
      committer: { name: 'GitHub', email: 'noreply@github.com', date: commit.author.date },
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null },
    };
  };
  const refJson = (repo: DoubleRepo, branch: string) => ({ ref: `refs/heads/${branch}`, node_id: nodeId('REF_', branch.length), url: `${repoUrl(repo)}/git/refs/heads/${branch}`, object: { sha: repo.branches[branch], type: 'commit', url: `${repoUrl(repo)}/git/commits/${repo.branches[branch]}` } });
  const changedFiles = (repo: DoubleRepo, pull: DoublePull) => {
    const before = flatten(repo, repo.git.commits.get(pull.base.sha)!.tree);
    const after = flatten(repo, repo.git.commits.get(headSha(repo, pull))!.tree);
    const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
    const text = (entry: { sha: string } | undefined) => (entry ? repo.git.blobs.get(entry.sha)!.toString('utf8') : null);
    return paths
      .filter((path) => before.get(path)?.sha !== after.get(path)?.sha)
      .map((path) => {
        const diff = fileDiff(text(before.get(path)), text(after.get(path)));
        const status = !before.has(path) ? 'added' : !after.has(path) ? 'removed' : 'modified';
        return { filename: path, status, sha: after.get(path)?.sha ?? before.get(path)!.sha, additions: diff.additions, deletions: diff.deletions, changes: diff.additions + diff.deletions, patch: diff.patch, visibleNewLines: diff.visibleNewLines };
      });
  };
  const pullOf = (repo: DoubleRepo, number: number) => {
    const pull = repo.pulls.find((candidate) => candidate.number === number);
    if (!pull) throw notFound();
    return pull;
  };
  const issueOf = (repo: DoubleRepo, number: number) => {
    const issue = repo.issues.find((candidate) => candidate.number === number);
    if (!issue) throw notFound();
    return issue;
  };
  const createPull = (repo: DoubleRepo, fields: { head: string; base: string; title: string; body: string; draft: boolean; user: DoubleUser; maintainerCanModify: boolean }) => {
    const head = fields.head.includes(':') ? fields.head.split(':')[1]! : fields.head;
    if (repo.branches[head] === undefined) throw invalid('Validation Failed', [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
    if (repo.branches[fields.base] === undefined) throw invalid('Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
    if (repo.pulls.some((pull) => pull.state === 'open' && pull.head.ref === head && pull.base.ref === fields.base)) {
      throw invalid('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.owner}:${head}.` }]);
    }
    if (repo.branches[head] === repo.branches[fields.base] || isAncestor(repo, repo.branches[head]!, repo.branches[fields.base]!)) {
      throw invalid('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${fields.base} and ${head}` }]);
    }
    const issue = newIssue(repo, { title: fields.title, body: fields.body, user: fields.user.login }, true);
    const id = nextId();
    const pull: DoublePull = { number: issue.number, id, node_id: nodeId('PR_', id), head: { ref: head, sha: repo.branches[head]! }, base: { ref: fields.base, sha: repo.branches[fields.base]! }, draft: fields.draft, state: 'open', maintainer_can_modify: fields.maintainerCanModify, requestedReviewers: [] };
    issue.node_id = pull.node_id;
    repo.pulls.push(pull);
    return { issue, pull };
  };
  const addReaction = (repo: DoubleRepo, subject: DoubleReaction['subject'], commentId: number, content: unknown, user: DoubleUser) => {
    const exists = subject === 'issue_comment' ? repo.comments.some((comment) => comment.id === commentId) : repo.reviewComments.some((comment) => comment.id === commentId);
    if (!exists) throw notFound();
    if (typeof content !== 'string' || !['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'].includes(content)) throw invalid('Validation Failed', [{ resource: 'Reaction', field: 'content', code: 'invalid' }]);
    const existing = state.reactions.find((reaction) => reaction.repo === repo.fullName && reaction.subject === subject && reaction.commentId === commentId && reaction.content === content && reaction.user.login === user.login);
    const reaction = existing ?? { id: nextId(), subject, repo: repo.fullName, commentId, content, user };
    if (!existing) state.reactions.push(reaction);
    return { status: existing ? 200 : 201, body: { id: reaction.id, node_id: nodeId('REA_', reaction.id), user: userJson(user), content, created_at: now() } };
  };
  const applyCheckOutput = (run: DoubleCheckRun, output: unknown) => {
    if (output === undefined) return;
    const value = output as { title?: string; summary?: string; text?: string; annotations?: DoubleAnnotation[] };
    if (typeof value.title !== 'string' || typeof value.summary !== 'string') throw invalid('Invalid request.\n\n"title" and "summary" are required keys of output.');
    const annotations = value.annotations ?? [];
    if (annotations.length > 50) throw invalid('Invalid request.\n\nOnly 50 annotations are allowed per request.');
    for (const annotation of annotations) {
      if (!annotation.path || !Number.isInteger(annotation.start_line) || !Number.isInteger(annotation.end_line) || !['notice', 'warning', 'failure'].includes(annotation.annotation_level) || !annotation.message) {
        throw invalid('Invalid request.\n\nannotations need path, start_line, end_line, annotation_level (notice, warning, failure) and message.');
      }
    }
    run.output.title = value.title;
    run.output.summary = value.summary;
    run.output.text = value.text ?? run.output.text;
    // GitHub appends the annotations of each update.
    run.output.annotations.push(...annotations);
  };
  const applyCheckStatus = (run: DoubleCheckRun, body: Record<string, unknown>) => {
    if (typeof body.status === 'string') run.status = body.status;
    if (typeof body.conclusion === 'string') {
      run.conclusion = body.conclusion;
      run.status = 'completed';
    }
    if (run.status === 'completed' && run.conclusion === null) throw invalid('Invalid request.\n\n"conclusion" is required when "status" is "completed".');
    if (typeof body.started_at === 'string') run.started_at = body.started_at;
    if (typeof body.completed_at === 'string') run.completed_at = body.completed_at;
    if (typeof body.details_url === 'string') run.details_url = body.details_url;
    if (typeof body.external_id === 'string') run.external_id = body.external_id;
  };
  const contentJson = (repo: DoubleRepo, path: string, sha: string) => {
    const content = repo.git.blobs.get(sha)!;
    return {
      type: 'file',
      encoding: 'base64',
      size: content.length,
      name: path.split('/').pop(),
      path,
      sha,
      // GitHub wraps base64 at 60 characters.
      content: (content.toString('base64').match(/.{1,60}/g) ?? []).join('\n'),
      url: `${repoUrl(repo)}/contents/${path}`,
      html_url: `${htmlUrl(repo)}/blob/${repo.defaultBranch}/${path}`,
      git_url: `${repoUrl(repo)}/git/blobs/${sha}`,
      download_url: null,
    };
  };
  /** GitHub's page/per_page with a Link header, so `octokit.paginate` walks real pages. */
  const paginate = <T>(items: T[], ctx: Ctx) => {
    const perPage = Math.min(Number(ctx.query.per_page ?? 30) || 30, 100);
    const page = Math.max(Number(ctx.query.page ?? 1) || 1, 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = {};
    if (page < last) {
      const link = (p: number) => `<${baseUrl}${ctx.rawPath}?${new URLSearchParams({ ...ctx.query, per_page: String(perPage), page: String(p) }).toString()}>`;
      headers.link = `${link(page + 1)}; rel="next", ${link(last)}; rel="last"`;
    }
    return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), headers };
  };

  // --- routes ---
  interface Ctx {
    params: string[];
    query: Record<string, string>;
    body: Record<string, unknown>;
    rawPath: string;
    /** The installation the token belongs to, for installation-authenticated routes. */
    installationId: number | null;
  }
  type Answer = { status: number; body: unknown; headers?: Record<string, string> };
  type Handler = (ctx: Ctx) => Answer;
  const routes: Array<{ method: string; pattern: RegExp; auth: 'jwt' | 'installation'; handle: Handler }> = [];
  const route = (method: string, pattern: string, handle: Handler, auth: 'jwt' | 'installation' = 'installation') => {
    const regex = new RegExp(`^${pattern.replace(/:rest\b/g, '(.+)').replace(/:\w+/g, '([^/]+)')}$`);
    routes.push({ method, pattern: regex, auth, handle });
  };
  const ok = (body: unknown, status = 200): Answer => ({ status, body });
  const num = (value: string | undefined) => Number(value);
  const R = '/repos/:owner/:repo';

  // The app and its installations.
  route('POST', '/app/installations/:id/access_tokens', ({ params }) => {
    const installationId = num(params[0]);
    const token = `ghs_double${installationId}x${nextId()}`;
    state.tokens.set(token, installationId);
    return ok({ token, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: { issues: 'write', pull_requests: 'write', contents: 'write', checks: 'write', metadata: 'read' }, repository_selection: 'all' }, 201);
  }, 'jwt');
  route('GET', '/app/installations/:id', ({ params }) => ok({ id: num(params[0]), app_id: appId, app_slug: slug, account: userJson(userFor(Object.values(state.repos)[0]?.owner ?? 'octo')), target_type: 'Organization', permissions: {}, events: [] }), 'jwt');
  route('GET', '/app', () => ok({ id: appId, slug, name: slug, owner: userJson(userFor('octo')), html_url: `${baseUrl}/apps/${slug}` }), 'jwt');
  route('GET', `${R}/installation`, ({ params }) => ok({ id: 42, app_id: appId, account: userJson(userFor(params[0]!)) }), 'jwt');

  // Repository, branches, contents.
  route('GET', R, ({ params }) => ok(repoJson(repoOf(params[0]!, params[1]!))));
  route('GET', `${R}/branches/:rest`, ({ params }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const sha = repo.branches[params[2]!];
    if (sha === undefined) throw notFound('Branch not found');
    return ok({ name: params[2], commit: { sha, node_id: nodeId('C_', 1), url: `${repoUrl(repo)}/commits/${sha}`, commit: { message: repo.git.commits.get(sha)!.message, tree: { sha: repo.git.commits.get(sha)!.tree } } }, protected: false, _links: { html: `${htmlUrl(repo)}/tree/${params[2]}` } });
  });
  route('GET', `${R}/contents/:rest`, ({ params, query }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const path = params[2]!.replace(/\/+$/, '');
    const files = filesAt(repo, query.ref ?? repo.defaultBranch);
    if (!files) throw notFound(`No commit found for the ref ${query.ref}`);
    const entry = files.get(path);
    if (entry) return ok(contentJson(repo, path, entry.sha));
    const children = [...files.entries()].filter(([candidate]) => candidate.startsWith(`${path}/`));
    if (children.length === 0) throw notFound();
    const names = new Map<string, { type: string; sha: string; path: string }>();
    for (const [candidate, child] of children) {
      const rest = candidate.slice(path.length + 1);
      const name = rest.split('/')[0]!;
      names.set(name, rest.includes('/') ? { type: 'dir', sha: '', path: `${path}/${name}` } : { type: 'file', sha: child.sha, path: candidate });
    }
    return ok([...names.entries()].map(([name, child]) => ({ name, path: child.path, type: child.type, sha: child.sha, size: child.type === 'file' ? repo.git.blobs.get(child.sha)!.length : 0 })));
  });

  // Git data.
  route('GET', `${R}/git/trees/:rest`, ({ params, query }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const at = resolve(repo, params[2]!);
    if (!at) throw notFound();
    const entryJson = (path: string, entry: { mode: string; type: string; sha: string }) => ({ path, mode: entry.mode, type: entry.type, sha: entry.sha, ...(entry.type === 'blob' ? { size: repo.git.blobs.get(entry.sha)!.length } : {}), url: `${repoUrl(repo)}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}` });
    const tree: unknown[] = [];
    const walk = (sha: string, prefix: string) => {
      for (const entry of repo.git.trees.get(sha)!) {
        tree.push(entryJson(`${prefix}${entry.name}`, entry));
        if (entry.type === 'tree' && query.recursive !== undefined) walk(entry.sha, `${prefix}${entry.name}/`);
      }
    };
    walk(at.tree, '');
    return ok({ sha: at.tree, url: `${repoUrl(repo)}/git/trees/${at.tree}`, tree, truncated: false });
  });
  route('GET', `${R}/git/blobs/:sha`, ({ params }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const content = repo.git.blobs.get(params[2]!);
    if (!content) throw notFound();
    return ok({ sha: params[2], node_id: nodeId('B_', content.length), size: content.length, url: `${repoUrl(repo)}/git/blobs/${params[2]}`, content: content.toString('base64'), encoding: 'base64' });
  });
  route('POST', `${R}/git/blobs`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    if (typeof body.content !== 'string') throw invalid('Invalid request.\n\n"content" wasn\'t supplied.');
    const sha = writeBlob(repo, Buffer.from(body.content, body.encoding === 'base64' ? 'base64' : 'utf8'));
    return ok({ sha, url: `${repoUrl(repo)}/git/blobs/${sha}` }, 201);
  });
  route('POST', `${R}/git/trees`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const entries = body.tree as Array<{ path: string; mode: string; type: string; sha?: string | null; content?: string }> | undefined;
    if (!Array.isArray(entries)) throw invalid('Invalid request.\n\n"tree" wasn\'t supplied.');
    let flat = new Map<string, { mode: string; sha: string; type: 'blob' | 'commit' }>();
    if (body.base_tree !== undefined) {
      // GitHub documents a tree sha, and the double holds aos to that: a commit sha is refused.
      const base = typeof body.base_tree === 'string' ? resolve(repo, body.base_tree) : null;
      if (!base || base.commit !== null || !repo.git.trees.has(body.base_tree as string)) throw invalid('Invalid request.\n\nbase_tree is not a valid tree.', [{ resource: 'Tree', field: 'base_tree', code: 'invalid' }]);
      flat = flatten(repo, base.tree);
    }
    for (const entry of entries) {
      if (!['100644', '100755', '040000', '160000', '120000'].includes(entry.mode) || !['blob', 'tree', 'commit'].includes(entry.type)) throw invalid('Invalid request.\n\ntree entries need a valid mode and type.');
      if (entry.sha === null) {
        flat.delete(entry.path);
        continue;
      }
      const sha = entry.content !== undefined ? writeBlob(repo, Buffer.from(entry.content)) : entry.sha;
      if (sha === undefined || (entry.type === 'blob' && !repo.git.blobs.has(sha))) throw invalid('Invalid request.\n\nblob sha is not a valid blob.', [{ resource: 'Tree', field: 'sha', code: 'invalid' }]);
      flat.set(entry.path, { mode: entry.mode, sha, type: entry.type === 'commit' ? 'commit' : 'blob' });
    }
    const sha = writeFlatTree(repo, flat);
    return { status: 201, body: { sha, url: `${repoUrl(repo)}/git/trees/${sha}`, truncated: false, tree: [...flat.entries()].map(([path, entry]) => ({ path, ...entry })) } };
  });
  route('GET', `${R}/git/commits/:sha`, ({ params }) => {
    const repo = repoOf(params[0]!, params[1]!);
    if (!repo.git.commits.has(params[2]!)) throw notFound();
    return ok(commitJson(repo, params[2]!));
  });
  route('POST', `${R}/git/commits`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    if (typeof body.tree !== 'string' || !repo.git.trees.has(body.tree)) throw invalid('Tree SHA does not exist');
    const parents = (body.parents ?? []) as string[];
    if (parents.some((parent) => !repo.git.commits.has(parent))) throw invalid('Parent SHA does not exist or is not a commit object');
    const author = body.author as { name: string; email: string; date?: string } | undefined;
    const sha = writeCommit(repo, body.tree, parents, String(body.message ?? ''), author ? { name: author.name, email: author.email, date: author.date ?? now() } : undefined);
    return ok(commitJson(repo, sha), 201);
  });
  const getRef = ({ params }: Ctx) => {
    const repo = repoOf(params[0]!, params[1]!);
    const branch = params[2]!.replace(/^heads\//, '');
    if (!params[2]!.startsWith('heads/') || repo.branches[branch] === undefined) throw notFound();
    return ok(refJson(repo, branch));
  };
  route('GET', `${R}/git/ref/:rest`, getRef);
  route('GET', `${R}/git/refs/:rest`, getRef);
  route('POST', `${R}/git/refs`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const ref = String(body.ref ?? '');
    if (!/^refs\/heads\/.+/.test(ref)) throw invalid('Reference name must start with \'refs/\' and have at least two slashes.');
    if (typeof body.sha !== 'string' || !repo.git.commits.has(body.sha)) throw invalid('Object does not exist');
    const branch = ref.slice('refs/heads/'.length);
    if (repo.branches[branch] !== undefined) throw invalid('Reference already exists');
    repo.branches[branch] = body.sha;
    return ok(refJson(repo, branch), 201);
  });
  route('PATCH', `${R}/git/refs/:rest`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const branch = params[2]!.replace(/^heads\//, '');
    const current = repo.branches[branch];
    if (current === undefined) throw invalid('Reference does not exist');
    if (typeof body.sha !== 'string' || !repo.git.commits.has(body.sha)) throw invalid('Object does not exist');
    if (body.force !== true && !isAncestor(repo, current, body.sha)) throw invalid('Update is not a fast forward');
    repo.branches[branch] = body.sha;
    return ok(refJson(repo, branch));
  });

  // Issues, comments, labels, reactions.
  route('GET', `${R}/issues/:n`, ({ params }) => {
    const repo = repoOf(params[0]!, params[1]!);
    return ok(issueJson(repo, issueOf(repo, num(params[2]))));
  });
  route('GET', `${R}/issues/:n/comments`, (ctx) => {
    const repo = repoOf(ctx.params[0]!, ctx.params[1]!);
    const issue = issueOf(repo, num(ctx.params[2]));
    return paginate(repo.comments.filter((comment) => comment.issueNumber === issue.number).map((comment) => commentJson(repo, comment)), ctx);
  });
  route('POST', `${R}/issues/:n/comments`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const issue = issueOf(repo, num(params[2]));
    if (typeof body.body !== 'string' || body.body === '') throw invalid('Validation Failed', [{ resource: 'IssueComment', field: 'body', code: 'missing_field' }]);
    if (body.body.length > 65_536) throw invalid('Validation Failed', [{ resource: 'IssueComment', field: 'body', code: 'custom', message: 'body is too long (maximum is 65536 characters)' }]);
    return ok(commentJson(repo, newComment(repo, issue.number, body.body, bot)), 201);
  });
  route('PATCH', `${R}/issues/comments/:id`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const comment = repo.comments.find((candidate) => candidate.id === num(params[2]));
    if (!comment) throw notFound();
    if (comment.user.login !== bot.login) throw new HttpError(403, { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' });
    if (typeof body.body !== 'string' || body.body === '') throw invalid('Validation Failed', [{ resource: 'IssueComment', field: 'body', code: 'missing_field' }]);
    comment.body = body.body;
    comment.updated_at = now();
    comment.history.push(body.body);
    return ok(commentJson(repo, comment));
  });
  route('POST', `${R}/issues/:n/labels`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const issue = issueOf(repo, num(params[2]));
    const labels = (Array.isArray(body) ? body : body.labels) as Array<string | { name: string }> | undefined;
    if (!Array.isArray(labels)) throw invalid('Invalid request.\n\n"labels" wasn\'t supplied.');
    for (const label of labels.map((entry) => (typeof entry === 'string' ? entry : entry.name))) if (!issue.labels.includes(label)) issue.labels.push(label);
    return ok(issue.labels.map(labelJson));
  });
  route('DELETE', `${R}/issues/:n/labels/:name`, ({ params }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const issue = issueOf(repo, num(params[2]));
    const index = issue.labels.indexOf(params[3]!);
    if (index === -1) throw notFound('Label does not exist');
    issue.labels.splice(index, 1);
    return ok(issue.labels.map(labelJson));
  });
  route('POST', `${R}/issues/comments/:id/reactions`, ({ params, body }) => addReaction(repoOf(params[0]!, params[1]!), 'issue_comment', num(params[2]), body.content, bot));
  route('POST', `${R}/pulls/comments/:id/reactions`, ({ params, body }) => addReaction(repoOf(params[0]!, params[1]!), 'review_comment', num(params[2]), body.content, bot));

  // Pull requests, reviews, review comments.
  route('POST', `${R}/pulls`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    if (typeof body.title !== 'string' || typeof body.head !== 'string' || typeof body.base !== 'string') throw invalid('Validation Failed', [{ resource: 'PullRequest', code: 'missing_field' }]);
    const { pull } = createPull(repo, { head: body.head, base: body.base, title: body.title, body: typeof body.body === 'string' ? body.body : '', draft: body.draft === true, user: bot, maintainerCanModify: body.maintainer_can_modify === true });
    return ok(pullJson(repo, pull), 201);
  });
  route('GET', `${R}/pulls/:n`, ({ params }) => {
    const repo = repoOf(params[0]!, params[1]!);
    return ok(pullJson(repo, pullOf(repo, num(params[2]))));
  });
  route('PATCH', `${R}/pulls/:n`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const pull = pullOf(repo, num(params[2]));
    const issue = issueOf(repo, pull.number);
    if (typeof body.title === 'string') issue.title = body.title;
    if (typeof body.body === 'string') issue.body = body.body;
    if (body.state === 'open' || body.state === 'closed') pull.state = issue.state = body.state;
    if (typeof body.base === 'string') {
      if (repo.branches[body.base] === undefined) throw invalid('Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
      pull.base = { ref: body.base, sha: repo.branches[body.base]! };
    }
    return ok(pullJson(repo, pull));
  });
  route('GET', `${R}/pulls/:n/files`, (ctx) => {
    const repo = repoOf(ctx.params[0]!, ctx.params[1]!);
    const files = changedFiles(repo, pullOf(repo, num(ctx.params[2]))).map(({ visibleNewLines: _, ...file }) => ({ ...file, blob_url: `${htmlUrl(repo)}/blob/${file.sha}/${file.filename}`, contents_url: `${repoUrl(repo)}/contents/${file.filename}` }));
    return paginate(files, ctx);
  });
  route('POST', `${R}/pulls/:n/requested_reviewers`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const pull = pullOf(repo, num(params[2]));
    const author = issueOf(repo, pull.number).user.login;
    for (const login of (body.reviewers ?? []) as string[]) {
      if (login === author) throw invalid('Review cannot be requested from pull request author.');
      if (!(login in collaborators) || collaborators[login] === 'none') throw invalid(`Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.fullName} repository.`);
      if (!pull.requestedReviewers.includes(login)) pull.requestedReviewers.push(login);
    }
    return ok(pullJson(repo, pull), 201);
  });
  route('GET', `${R}/pulls/:n/reviews`, (ctx) => {
    const repo = repoOf(ctx.params[0]!, ctx.params[1]!);
    const pull = pullOf(repo, num(ctx.params[2]));
    return paginate(repo.reviews.filter((review) => review.pullNumber === pull.number).map((review) => reviewJson(repo, review)), ctx);
  });
  route('POST', `${R}/pulls/:n/reviews`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const pull = pullOf(repo, num(params[2]));
    const event = typeof body.event === 'string' ? body.event : null;
    if (event !== null && !['APPROVE', 'REQUEST_CHANGES', 'COMMENT'].includes(event)) throw invalid('Validation Failed', [{ resource: 'PullRequestReview', field: 'event', code: 'invalid' }]);
    const author = issueOf(repo, pull.number).user.login;
    if (author === bot.login && event === 'APPROVE') throw invalid('Unprocessable Entity', ['Can not approve your own pull request']);
    if (author === bot.login && event === 'REQUEST_CHANGES') throw invalid('Unprocessable Entity', ['Can not request changes on your own pull request']);
    const commitId = typeof body.commit_id === 'string' ? body.commit_id : headSha(repo, pull);
    if (!repo.git.commits.has(commitId)) throw invalid('Unprocessable Entity', ['commit_id is not part of the pull request']);
    const files = new Map(changedFiles(repo, pull).map((file) => [file.filename, file]));
    const inline = (body.comments ?? []) as Array<{ path: string; line?: number; side?: string; body: string; position?: number }>;
    for (const comment of inline) {
      const file = files.get(comment.path);
      if (!file) throw invalid('Unprocessable Entity', ['Path could not be resolved']);
      if (comment.line === undefined || !file.visibleNewLines.has(comment.line) || (comment.side ?? 'RIGHT') !== 'RIGHT') throw invalid('Unprocessable Entity', ['Line could not be resolved']);
    }
    const id = nextId();
    const review: DoubleReview = { id, node_id: nodeId('PRR_', id), pullNumber: pull.number, commit_id: commitId, event, state: event === 'APPROVE' ? 'APPROVED' : event === 'REQUEST_CHANGES' ? 'CHANGES_REQUESTED' : event === 'COMMENT' ? 'COMMENTED' : 'PENDING', body: typeof body.body === 'string' ? body.body : '', user: bot, comments: [] };
    for (const comment of inline) {
      const commentId = nextId();
      const stored: DoubleReviewComment = { id: commentId, node_id: nodeId('PRRC_', commentId), pullNumber: pull.number, reviewId: id, path: comment.path, line: comment.line ?? null, side: comment.side ?? 'RIGHT', body: comment.body, user: bot, commit_id: commitId };
      review.comments.push(stored);
      repo.reviewComments.push(stored);
    }
    repo.reviews.push(review);
    return ok(reviewJson(repo, review));
  });
  route('GET', `${R}/pulls/:n/comments`, (ctx) => {
    const repo = repoOf(ctx.params[0]!, ctx.params[1]!);
    const pull = pullOf(repo, num(ctx.params[2]));
    return paginate(repo.reviewComments.filter((comment) => comment.pullNumber === pull.number).map((comment) => reviewCommentJson(repo, comment)), ctx);
  });
  route('POST', `${R}/pulls/:n/comments/:id/replies`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const pull = pullOf(repo, num(params[2]));
    const parent = repo.reviewComments.find((comment) => comment.id === num(params[3]) && comment.pullNumber === pull.number);
    if (!parent) throw notFound();
    const id = nextId();
    const reply: DoubleReviewComment = { id, node_id: nodeId('PRRC_', id), pullNumber: pull.number, reviewId: null, path: parent.path, line: parent.line, side: parent.side, body: String(body.body ?? ''), user: bot, commit_id: parent.commit_id, in_reply_to_id: parent.id };
    repo.reviewComments.push(reply);
    return ok(reviewCommentJson(repo, reply), 201);
  });

  // Check runs.
  route('POST', `${R}/check-runs`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    if (typeof body.name !== 'string' || typeof body.head_sha !== 'string') throw invalid('Invalid request.\n\n"name" and "head_sha" are required.');
    if (!repo.git.commits.has(body.head_sha)) throw invalid('No commit found for SHA: ' + body.head_sha);
    const id = nextId();
    const run: DoubleCheckRun = { id, node_id: nodeId('CR_', id), name: body.name, head_sha: body.head_sha, status: 'queued', conclusion: null, external_id: null, details_url: null, started_at: null, completed_at: null, output: { title: null, summary: null, text: null, annotations: [] } };
    applyCheckStatus(run, body);
    applyCheckOutput(run, body.output);
    repo.checkRuns.push(run);
    return ok(checkRunJson(repo, run), 201);
  });
  route('PATCH', `${R}/check-runs/:id`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const run = repo.checkRuns.find((candidate) => candidate.id === num(params[2]));
    if (!run) throw notFound();
    applyCheckStatus(run, body);
    applyCheckOutput(run, body.output);
    return ok(checkRunJson(repo, run));
  });
  route('GET', `${R}/check-runs/:id`, ({ params }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const run = repo.checkRuns.find((candidate) => candidate.id === num(params[2]));
    if (!run) throw notFound();
    return ok(checkRunJson(repo, run));
  });

  // Collaborators.
  route('GET', `${R}/collaborators/:user/permission`, ({ params }) => {
    repoOf(params[0]!, params[1]!);
    const role = collaborators[params[2]!];
    if (role === undefined) throw notFound(`${params[2]} is not a user`);
    // `permission` is the legacy name: maintain reads as write, triage as read.
    const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
    return ok({ permission, role_name: role, user: { ...userJson(userFor(params[2]!)), permissions: { admin: role === 'admin', maintain: role === 'admin' || role === 'maintain', push: ['admin', 'maintain', 'write'].includes(role), triage: role !== 'read' && role !== 'none', pull: role !== 'none' } } });
  });

  // --- GraphQL ---
  const graphql = (body: Record<string, unknown>): Answer => {
    const query = String(body.query ?? '');
    const variables = (body.variables ?? {}) as Record<string, unknown>;
    if (/markPullRequestReadyForReview/.test(query)) {
      for (const repo of Object.values(state.repos)) {
        const pull = repo.pulls.find((candidate) => candidate.node_id === variables.id);
        if (pull) {
          pull.draft = false;
          return ok({ data: { markPullRequestReadyForReview: { pullRequest: { isDraft: false } } } });
        }
      }
      return ok({ data: { markPullRequestReadyForReview: null }, errors: [{ type: 'NOT_FOUND', path: ['markPullRequestReadyForReview'], message: `Could not resolve to a node with the global id of '${String(variables.id)}'` }] });
    }
    return ok({ errors: [{ message: `github-double does not implement this GraphQL operation: ${query.slice(0, 120)}` }] });
  };

  // --- authentication ---
  const checkJwt = (token: string): boolean => {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return false;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown; exp?: number };
      if (String(claims.iss) !== String(appId) || typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return false;
      const publicKey = options.app?.publicKey;
      return publicKey === undefined || verifySignature('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'));
    } catch {
      return false;
    }
  };
  const authOf = (header: string | undefined): { kind: DoubleRequest['auth']; installationId: number | null; jwtValid: boolean } => {
    const match = /^(?:bearer|token)\s+(\S+)$/i.exec(header ?? '');
    if (!match) return { kind: 'none', installationId: null, jwtValid: false };
    const installationId = state.tokens.get(match[1]!);
    if (installationId !== undefined) return { kind: 'installation', installationId, jwtValid: false };
    return { kind: 'jwt', installationId: null, jwtValid: checkJwt(match[1]!) };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://double.invalid');
      const method = (req.method ?? 'GET').toUpperCase();
      const rawPath = url.pathname;
      let path: string;
      try {
        path = decodeURIComponent(rawPath);
      } catch {
        path = rawPath;
      }
      const query = Object.fromEntries(url.searchParams.entries());
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      let answer: Answer;
      const auth = authOf(req.headers.authorization);
      const record: DoubleRequest = { method, path: path.startsWith(`${API}/`) ? path.slice(API.length) : path, query, body: undefined, status: 0, auth: auth.kind, unknown: false };
      try {
        try {
          body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
        } catch {
          throw new HttpError(400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' });
        }
        record.body = text === '' ? undefined : body;
        if (method === 'POST' && path === '/api/graphql') {
          if (auth.kind !== 'installation') throw new HttpError(401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
          answer = graphql(body);
        } else {
          if (!path.startsWith(`${API}/`)) throw notFound(`github-double: no route for ${method} ${path} (the REST API is under ${API})`);
          const found = routes.map((candidate) => ({ candidate, match: candidate.method === method ? candidate.pattern.exec(record.path) : null })).find(({ match }) => match !== null);
          if (!found) {
            record.unknown = true;
            throw notFound(`github-double: no route for ${method} ${record.path}`);
          }
          const needsJwt = found.candidate.auth === 'jwt';
          if (needsJwt ? !auth.jwtValid : auth.kind !== 'installation') {
            throw new HttpError(401, { message: needsJwt ? 'A JSON web token could not be decoded' : 'Bad credentials', documentation_url: DOCS, status: '401' });
          }
          answer = found.candidate.handle({ params: found.match!.slice(1), query, body, rawPath, installationId: auth.installationId });
        }
      } catch (error) {
        answer = error instanceof HttpError ? { status: error.status, body: error.body } : { status: 500, body: { message: `github-double failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` } };
      }
      record.status = answer.status;
      requests.push(record);
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'x-github-media-type': 'github.v3; format=json', 'x-ratelimit-remaining': '4999', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600), ...answer.headers }).end(JSON.stringify(answer.body));
    });
  });
  const adaptPayload = (payload: WebhookPayload, repo: DoubleRepo, sender: DoubleUser, installationId: number) => {
    Object.assign(payload.repository, { id: repo.id, node_id: repo.node_id, name: repo.name, full_name: repo.fullName, default_branch: repo.defaultBranch });
    payload.repository.owner.login = repo.owner;
    Object.assign(payload.sender, { login: sender.login, id: sender.id, node_id: sender.node_id, type: sender.type });
    payload.installation = { id: installationId, node_id: nodeId('Installation', installationId) };
    return payload;
  };
  const issueCommentCreated = (fullName: string, comment: DoubleComment, installationId: number) => {
    const repo = state.repos[fullName]!;
    const issue = issueOf(repo, comment.issueNumber);
    const payload = adaptPayload(webhookExample('issue_comment', 'created'), repo, comment.user, installationId);
    Object.assign(payload.issue!, { number: issue.number, id: issue.id, node_id: issue.node_id, title: issue.title, body: issue.body });
    Object.assign(payload.issue!.user, { login: issue.user.login, id: issue.user.id, type: issue.user.type });
    if (issue.isPullRequest) payload.issue!.pull_request = { url: `${repoUrl(repo)}/pulls/${issue.number}`, html_url: `${htmlUrl(repo)}/pull/${issue.number}` };
    else delete payload.issue!.pull_request;
    Object.assign(payload.comment!, { id: comment.id, node_id: comment.node_id, body: comment.body });
    Object.assign(payload.comment!.user, { login: comment.user.login, id: comment.user.id, node_id: comment.user.node_id, type: comment.user.type });
    return payload;
  };
  const pullRequestOpened = (fullName: string, pullNumber: number, installationId: number) => {
    const repo = state.repos[fullName]!;
    const pull = pullOf(repo, pullNumber);
    const issue = issueOf(repo, pullNumber);
    const payload = adaptPayload(webhookExample('pull_request', 'opened'), repo, issue.user, installationId);
    payload.number = pull.number;
    Object.assign(payload.pull_request!, { number: pull.number, id: pull.id, node_id: pull.node_id, title: issue.title, body: issue.body, draft: pull.draft, state: pull.state });
    Object.assign(payload.pull_request!.head, { ref: pull.head.ref, sha: headSha(repo, pull) });
    Object.assign(payload.pull_request!.base, { ref: pull.base.ref, sha: pull.base.sha });
    return payload;
  };

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
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
      return Object.fromEntries([...(filesAt(repo, ref) ?? new Map()).entries()].map(([path, entry]) => [path, repo.git.blobs.get(entry.sha)?.toString('utf8') ?? '']));
    },
    issueCommentCreated,
    pullRequestOpened,
    createIssue: (fullName, issue) => newIssue(state.repos[fullName]!, issue),
    addComment: (fullName, issueNumber, comment) => newComment(state.repos[fullName]!, issueNumber, comment.body, userFor(comment.user)),
    pushBranch: (fullName, branch, files, pushOptions = {}) => pushBranch(state.repos[fullName]!, branch, files, pushOptions.from, pushOptions.message),
    openPullRequest: (fullName, pull) => createPull(state.repos[fullName]!, { head: pull.head, base: pull.base ?? state.repos[fullName]!.defaultBranch, title: pull.title, body: pull.body ?? '', draft: false, user: userFor(pull.user), maintainerCanModify: true }),
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
