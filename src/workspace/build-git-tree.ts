import { AosError } from '../observability/aos-error.ts';
import { parseLsTree } from './parse-ls-tree.ts';
import { runGit } from './run-git.ts';

interface TreeItem {
  mode: string;
  type: string;
  oid: string;
}

interface ChangeNode {
  files: Map<string, string | null>;
  dirs: Map<string, ChangeNode>;
}

/**
 * Writes the tree that is `baseTree` with `changes` applied (path → new content, null to delete)
 * into the object database and returns its id. Built with `git hash-object -w`, `git ls-tree` and
 * `git mktree`, so no index file and no working tree is involved. Only directories on a changed
 * path are rewritten; a directory left empty disappears, as in git; executable bits are kept.
 */
export async function buildGitTree(repoDir: string, baseTree: string, changes: ReadonlyMap<string, string | null>): Promise<string> {
  const root: ChangeNode = { files: new Map(), dirs: new Map() };
  for (const [path, content] of changes) {
    const segments = path.split('/');
    let node = root;
    for (const segment of segments.slice(0, -1)) {
      let child = node.dirs.get(segment);
      if (child === undefined) node.dirs.set(segment, (child = { files: new Map(), dirs: new Map() }));
      node = child;
    }
    node.files.set(segments.at(-1) ?? path, content);
  }
  return (await rebuild(repoDir, baseTree, root, '')) ?? mktree(repoDir, new Map());
}

async function rebuild(repoDir: string, treeOid: string | null, node: ChangeNode, dir: string): Promise<string | null> {
  const items = new Map<string, TreeItem>();
  if (treeOid !== null) {
    for (const { path, mode, type, oid } of parseLsTree(await runGit(repoDir, ['ls-tree', '-z', '--full-tree', treeOid])))
      items.set(path, { mode, type, oid });
  }
  for (const [name, content] of node.files) {
    const path = dir + name;
    const existing = items.get(name);
    if (existing !== undefined && existing.mode !== '100644' && existing.mode !== '100755') {
      throw invalid(`${path} is a ${existing.type === 'tree' ? 'directory' : 'symbolic link or submodule'} in the base commit`);
    }
    if (content === null) {
      if (existing === undefined) throw invalid(`cannot delete ${path}: it is not in the base commit`);
      items.delete(name);
    } else {
      const oid = (await runGit(repoDir, ['hash-object', '-w', '--stdin'], { input: Buffer.from(content, 'utf8') }))
        .toString('utf8')
        .trim();
      items.set(name, { mode: existing?.mode ?? '100644', type: 'blob', oid });
    }
  }
  for (const [name, child] of node.dirs) {
    const existing = items.get(name);
    if (existing !== undefined && existing.type !== 'tree')
      throw invalid(`cannot write below ${dir + name}: it is a file in the base commit`);
    const oid = await rebuild(repoDir, existing?.oid ?? null, child, `${dir + name}/`);
    if (oid === null) items.delete(name);
    else items.set(name, { mode: '040000', type: 'tree', oid });
  }
  return items.size === 0 ? null : mktree(repoDir, items);
}

async function mktree(repoDir: string, items: ReadonlyMap<string, TreeItem>): Promise<string> {
  const input = [...items].map(([name, { mode, type, oid }]) => `${mode} ${type} ${oid}\t${name}\0`).join('');
  return (await runGit(repoDir, ['mktree', '-z'], { input })).toString('utf8').trim();
}

function invalid(message: string): AosError {
  return new AosError('git_invalid_change', message);
}
