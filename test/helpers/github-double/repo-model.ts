import type { DoubleContext } from './context.ts';
import { fileDiff } from './file-diff.ts';
import { flatten, isAncestor, resolve, writeBlob, writeCommit, writeFlatTree } from './git-objects.ts';
import { now, nodeId } from './github-values.ts';
import { headSha } from './head-sha.ts';
import { invalid, notFound } from './http-error.ts';
import type { DoubleComment, DoubleIssue, DoublePull, DoubleRepo, DoubleUser } from './state.ts';

/** Finding and making the objects of the double's repositories, as the routes and the tests' own moves need them. */
export function createRepoModel(double: DoubleContext) {
  const { state, nextId, userFor } = double;
  const repoOf = (owner: string, name: string) => {
    const repo = state.repos[`${owner}/${name}`];
    if (!repo) throw notFound();
    return repo;
  };

  /** Creates each repository of `options.repos` with its first commit, then their issues. */
  const seedRepos = () => {
    const { options } = double;
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
        statuses: [],
        jobLogs: new Map(),
        requiredChecks: {},
        git: { blobs: new Map(), trees: new Map(), commits: new Map() },
      };
      state.repos[fullName] = repo;
      const flat = new Map(
        Object.entries(seed.files).map(([path, text]) => [
          path,
          { mode: '100644', sha: writeBlob(repo, Buffer.from(text)), type: 'blob' as const },
        ]),
      );
      repo.branches[repo.defaultBranch] = writeCommit(repo, writeFlatTree(repo, flat), [], 'initial commit', {
        name: 'octocat',
        email: 'octocat@github.com',
        date: now(),
      });
    }
    for (const [fullName, seed] of Object.entries(options.repos))
      for (const issue of seed.issues ?? []) newIssue(state.repos[fullName]!, issue);
  };

  const newIssue = (repo: DoubleRepo, fields: { title: string; body?: string; user?: string }, isPullRequest = false): DoubleIssue => {
    const id = nextId();
    const issue: DoubleIssue = {
      number: repo.issues.length + 1,
      id,
      node_id: nodeId(isPullRequest ? 'PR_' : 'I_', id),
      title: fields.title,
      body: fields.body ?? '',
      user: userFor(fields.user ?? 'octocat'),
      state: 'open',
      labels: [],
      isPullRequest,
    };
    repo.issues.push(issue);
    return issue;
  };
  const newComment = (repo: DoubleRepo, issueNumber: number, body: string, user: DoubleUser): DoubleComment => {
    const id = nextId();
    const comment: DoubleComment = {
      id,
      node_id: nodeId('IC_', id),
      issueNumber,
      body,
      user,
      created_at: now(),
      updated_at: now(),
      history: [body],
    };
    repo.comments.push(comment);
    return comment;
  };
  const pushBranch = (
    repo: DoubleRepo,
    branch: string,
    files: Record<string, string | null>,
    from?: string,
    message = `update ${branch}`,
  ) => {
    const parent = resolve(repo, from ?? repo.branches[branch] ?? repo.defaultBranch);
    if (!parent?.commit) throw new Error(`github-double: no commit to build ${branch} on`);
    const flat = flatten(repo, parent.tree);
    for (const [path, text] of Object.entries(files)) {
      if (text === null) flat.delete(path);
      else flat.set(path, { mode: flat.get(path)?.mode ?? '100644', sha: writeBlob(repo, Buffer.from(text)), type: 'blob' });
    }
    const sha = writeCommit(repo, writeFlatTree(repo, flat), [parent.commit], message, {
      name: 'octocat',
      email: 'octocat@github.com',
      date: now(),
    });
    repo.branches[branch] = sha;
    return sha;
  };

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
        return {
          filename: path,
          status,
          sha: after.get(path)?.sha ?? before.get(path)!.sha,
          additions: diff.additions,
          deletions: diff.deletions,
          changes: diff.additions + diff.deletions,
          patch: diff.patch,
          visibleNewLines: diff.visibleNewLines,
        };
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
  const createPull = (
    repo: DoubleRepo,
    fields: { head: string; base: string; title: string; body: string; draft: boolean; user: DoubleUser; maintainerCanModify: boolean },
  ) => {
    const head = fields.head.includes(':') ? fields.head.split(':')[1]! : fields.head;
    if (repo.branches[head] === undefined)
      throw invalid('Validation Failed', [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
    if (repo.branches[fields.base] === undefined)
      throw invalid('Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
    if (repo.pulls.some((pull) => pull.state === 'open' && pull.head.ref === head && pull.base.ref === fields.base)) {
      throw invalid('Validation Failed', [
        { resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.owner}:${head}.` },
      ]);
    }
    if (repo.branches[head] === repo.branches[fields.base] || isAncestor(repo, repo.branches[head]!, repo.branches[fields.base]!)) {
      throw invalid('Validation Failed', [
        { resource: 'PullRequest', code: 'custom', message: `No commits between ${fields.base} and ${head}` },
      ]);
    }
    const issue = newIssue(repo, { title: fields.title, body: fields.body, user: fields.user.login }, true);
    const id = nextId();
    const pull: DoublePull = {
      number: issue.number,
      id,
      node_id: nodeId('PR_', id),
      head: { ref: head, sha: repo.branches[head]! },
      base: { ref: fields.base, sha: repo.branches[fields.base]! },
      draft: fields.draft,
      state: 'open',
      maintainer_can_modify: fields.maintainerCanModify,
      requestedReviewers: [],
    };
    issue.node_id = pull.node_id;
    repo.pulls.push(pull);
    return { issue, pull };
  };
  return { repoOf, pullOf, issueOf, seedRepos, newIssue, newComment, pushBranch, changedFiles, createPull };
}

/** The operations of `createRepoModel`. */
export type RepoModel = ReturnType<typeof createRepoModel>;
