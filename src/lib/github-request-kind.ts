/** What a GitHub API request is for: the closed set of the `kind` label of `aos_github_requests_total`. */
export const GITHUB_REQUEST_KINDS = [
  'archive',
  'git',
  'contents',
  'issues',
  'pulls',
  'checks',
  'collaborators',
  'repository',
  'app',
  'rate-limit',
  'graphql',
  'other',
] as const;

/** One of GITHUB_REQUEST_KINDS. */
export type GithubRequestKind = (typeof GITHUB_REQUEST_KINDS)[number];

const REPO_SECTION: Record<string, GithubRequestKind> = {
  tarball: 'archive',
  zipball: 'archive',
  git: 'git',
  contents: 'contents',
  readme: 'contents',
  issues: 'issues',
  pulls: 'pulls',
  'check-runs': 'checks',
  'check-suites': 'checks',
  statuses: 'checks',
  collaborators: 'collaborators',
  branches: 'repository',
};

/**
 * The kind of a request from its URL (absolute or a path; a GitHub Enterprise `/api/v3` prefix is ignored):
 * `/repos/{owner}/{repo}/<section>/…` by its section, `commits/{sha}/check-runs` as checks, the repository itself as
 * repository, `/app/…` (tokens, installations) as app.
 */
export function githubRequestKind(url: string): GithubRequestKind {
  let path = url;
  try {
    path = new URL(url, 'http://github.invalid').pathname;
  } catch {
    return 'other';
  }
  const parts = path
    .replace(/^\/api\/v3(?=\/)/, '')
    .split('/')
    .filter(Boolean);
  if (parts[0] === 'app' || parts[0] === 'installation') return 'app';
  if (parts[0] === 'rate_limit') return 'rate-limit';
  if (parts[0] === 'graphql') return 'graphql';
  if (parts[0] !== 'repos' || parts.length < 3) return 'other';
  const section = parts[3];
  if (section === undefined) return 'repository';
  if (section === 'commits' && (parts[5] === 'check-runs' || parts[5] === 'check-suites' || parts[5] === 'status')) return 'checks';
  return REPO_SECTION[section] ?? 'other';
}
