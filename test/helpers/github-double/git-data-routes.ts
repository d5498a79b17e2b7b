import { flatten, isAncestor, resolve, writeBlob, writeCommit, writeFlatTree } from './git-objects.ts';
import { now, nodeId } from './github-values.ts';
import { invalid, notFound } from './http-error.ts';
import { ok, R, type Ctx, type RouteParts } from './router.ts';

/** The Git Data API: blobs, trees, commits and refs, kept as real git objects. */
export function addGitDataRoutes({ route, double, model, json }: RouteParts): void {
  const { appId } = double;
  const { repoOf } = model;
  const { repoUrl, commitJson, refJson } = json;
  route('GET', `${R}/git/trees/:rest`, ({ params, query }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const at = resolve(repo, params[2]!);
    if (!at) throw notFound();
    const entryJson = (path: string, entry: { mode: string; type: string; sha: string }) => ({
      path,
      mode: entry.mode,
      type: entry.type,
      sha: entry.sha,
      ...(entry.type === 'blob' ? { size: repo.git.blobs.get(entry.sha)!.length } : {}),
      url: `${repoUrl(repo)}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`,
    });
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
    return ok({
      sha: params[2],
      node_id: nodeId('B_', content.length),
      size: content.length,
      url: `${repoUrl(repo)}/git/blobs/${params[2]}`,
      content: content.toString('base64'),
      encoding: 'base64',
    });
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
      if (!base || base.commit !== null || !repo.git.trees.has(body.base_tree as string))
        throw invalid('Invalid request.\n\nbase_tree is not a valid tree.', [{ resource: 'Tree', field: 'base_tree', code: 'invalid' }]);
      flat = flatten(repo, base.tree);
    }
    for (const entry of entries) {
      if (!['100644', '100755', '040000', '160000', '120000'].includes(entry.mode) || !['blob', 'tree', 'commit'].includes(entry.type))
        throw invalid('Invalid request.\n\ntree entries need a valid mode and type.');
      if (entry.sha === null) {
        flat.delete(entry.path);
        continue;
      }
      const sha = entry.content !== undefined ? writeBlob(repo, Buffer.from(entry.content)) : entry.sha;
      if (sha === undefined || (entry.type === 'blob' && !repo.git.blobs.has(sha)))
        throw invalid('Invalid request.\n\nblob sha is not a valid blob.', [{ resource: 'Tree', field: 'sha', code: 'invalid' }]);
      flat.set(entry.path, { mode: entry.mode, sha, type: entry.type === 'commit' ? 'commit' : 'blob' });
    }
    const sha = writeFlatTree(repo, flat);
    return {
      status: 201,
      body: {
        sha,
        url: `${repoUrl(repo)}/git/trees/${sha}`,
        truncated: false,
        tree: [...flat.entries()].map(([path, entry]) => ({ path, ...entry })),
      },
    };
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
    const sha = writeCommit(
      repo,
      body.tree,
      parents,
      String(body.message ?? ''),
      author
        ? { name: author.name, email: author.email, date: author.date ?? now() }
        : { name: 'aos[bot]', email: `${appId}+aos[bot]@users.noreply.github.com`, date: now() },
    );
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
    if (!/^refs\/heads\/.+/.test(ref)) throw invalid("Reference name must start with 'refs/' and have at least two slashes.");
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
}
