import { createHash } from 'node:crypto';
import { invalid } from './http-error.ts';
import type { CommitObject, DoubleRepo, TreeEntry } from './state.ts';

// Git objects as git itself hashes them, so the shas aos computes or compares are real ones.

/** A tree entry that is not a tree: path → mode, sha and type, as `flatten` hands them out. */
export type FlatEntry = { mode: string; sha: string; type: 'blob' | 'commit' };

/** The sha git gives an object of `type` with this content. */
export function gitHash(type: string, content: Buffer): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`${type} ${content.length}\0`), content]))
    .digest('hex');
}

/** git's tree order: names compared as bytes, a directory as if its name ended in `/`. */
function treeOrder(a: TreeEntry, b: TreeEntry): number {
  const key = (entry: TreeEntry) => Buffer.from(entry.type === 'tree' ? `${entry.name}/` : entry.name);
  return Buffer.compare(key(a), key(b));
}

/** Stores a blob; returns its sha. */
export const writeBlob = (repo: DoubleRepo, content: Buffer) => {
  const sha = gitHash('blob', content);
  repo.git.blobs.set(sha, content);
  return sha;
};

/** Stores a tree in git's order; returns its sha. */
export const writeTree = (repo: DoubleRepo, entries: TreeEntry[]) => {
  const sorted = [...entries].sort(treeOrder);
  const raw = Buffer.concat(
    sorted.flatMap((entry) => [
      Buffer.from(`${entry.mode === '040000' ? '40000' : entry.mode} ${entry.name}\0`),
      Buffer.from(entry.sha, 'hex'),
    ]),
  );
  const sha = gitHash('tree', raw);
  repo.git.trees.set(sha, sorted);
  return sha;
};

/** Builds nested trees from a flat path → entry map; returns the root tree sha. */
export const writeFlatTree = (repo: DoubleRepo, flat: Map<string, FlatEntry>): string => {
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

/** Every blob and submodule below a tree: path → entry. */
export const flatten = (repo: DoubleRepo, treeSha: string, prefix = '', out = new Map<string, FlatEntry>()) => {
  const tree = repo.git.trees.get(treeSha);
  if (!tree) throw invalid(`tree ${treeSha} does not exist`);
  for (const entry of tree) {
    if (entry.type === 'tree') flatten(repo, entry.sha, `${prefix}${entry.name}/`, out);
    else out.set(`${prefix}${entry.name}`, { mode: entry.mode, sha: entry.sha, type: entry.type });
  }
  return out;
};

/** Writes a commit; GitHub is its committer, as for commits made through the API. */
export const writeCommit = (repo: DoubleRepo, tree: string, parents: string[], message: string, author: CommitObject['author']) => {
  const seconds = Math.floor(Date.parse(author.date) / 1000);
  const text = [
    `tree ${tree}`,
    ...parents.map((parent) => `parent ${parent}`),
    `author ${author.name} <${author.email}> ${seconds} +0000`,
    `committer GitHub <noreply@github.com> ${seconds} +0000`,
    '',
    message,
  ].join('\n');
  const sha = gitHash('commit', Buffer.from(text));
  repo.git.commits.set(sha, { sha, tree, parents, message, author });
  return sha;
};

/** A branch name, `heads/…`, `refs/heads/…`, a commit sha or a tree sha → { commit?, tree }. */
export const resolve = (repo: DoubleRepo, ref: string): { commit: string | null; tree: string } | null => {
  const branch = ref.replace(/^refs\//, '').replace(/^heads\//, '');
  const commitSha = repo.branches[branch] ?? (repo.git.commits.has(ref) ? ref : undefined);
  if (commitSha !== undefined) return { commit: commitSha, tree: repo.git.commits.get(commitSha)!.tree };
  if (repo.git.trees.has(ref)) return { commit: null, tree: ref };
  return null;
};

/** Every file at a ref (see `resolve`), or null when the ref is unknown. */
export const filesAt = (repo: DoubleRepo, ref: string) => {
  const at = resolve(repo, ref);
  return at ? flatten(repo, at.tree) : null;
};

/** A file's text at a ref; null when absent. */
export const textAt = (repo: DoubleRepo, ref: string, path: string): string | null => {
  const entry = filesAt(repo, ref)?.get(path);
  if (!entry || entry.type !== 'blob') return null;
  return repo.git.blobs.get(entry.sha)!.toString('utf8');
};

/** Whether `ancestor` is `of` or one of its ancestors. */
export const isAncestor = (repo: DoubleRepo, ancestor: string, of: string): boolean => {
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
