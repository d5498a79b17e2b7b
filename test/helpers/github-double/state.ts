/** What the double holds: the people, repositories and objects aos reads and writes, for tests to assert on. */

/** A GitHub user or bot, as the double hands them out (one per login). */
export interface DoubleUser {
  login: string;
  id: number;
  node_id: string;
  type: 'User' | 'Bot';
  html_url: string;
}

/** An issue or pull request comment. */
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

/** An issue; a pull request is an issue too (`isPullRequest`). */
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

/** The pull-request side of an issue that is one. */
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

/** An inline comment of a review, or a reply to one. */
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

/** A pull request review with its inline comments. */
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

/** A check run annotation. */
export interface DoubleAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: string;
  message: string;
  title?: string;
}

/** A check run with the output and annotations it was given. */
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
  /** The app that wrote it; aos's own app when absent. */
  app?: { id: number; slug: string };
}

/** A commit status, as another app or a CI service sets it. */
export interface DoubleStatus {
  id: number;
  sha: string;
  context: string;
  state: 'pending' | 'success' | 'failure' | 'error';
  description: string | null;
  target_url: string | null;
}

/** A reaction on an issue comment or a review comment. */
export interface DoubleReaction {
  id: number;
  subject: 'issue_comment' | 'review_comment';
  repo: string;
  commentId: number;
  content: string;
  user: DoubleUser;
}

/** One entry of a git tree. */
export interface TreeEntry {
  name: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
}

/** A git commit as the double stores it. */
export interface CommitObject {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string };
}

/** A repository: branches, issues, pull requests and their talk, check runs, and its git objects. */
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
  /** Commit statuses, oldest first (GitHub shows the latest of each context). */
  statuses: DoubleStatus[];
  /** GitHub Actions job id (its check run id) → the job's log text. */
  jobLogs: Map<number, string>;
  /** branch → its protection's required status checks; `forbidden` answers 403 (aos may not read it); absent, 404. */
  requiredChecks: Record<string, string[] | 'forbidden'>;
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
  /**
   * The installations' core rate limit (one window for all, as tests need): every installation request but
   * `GET /rate_limit` takes one, and every answer carries it in the `x-ratelimit-*` headers. Tests set `remaining`.
   */
  rateLimit: { limit: number; remaining: number; resetAt: number };
}
