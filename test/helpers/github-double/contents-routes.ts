import { filesAt } from './git-objects.ts';
import { nodeId } from './github-values.ts';
import { notFound } from './http-error.ts';
import { ok, R, type RouteParts } from './router.ts';

/** The repository, its branches and its contents. */
export function addContentsRoutes({ route, model, json }: RouteParts): void {
  const { repoOf } = model;
  const { repoJson, repoUrl, htmlUrl, contentJson } = json;
  route('GET', R, ({ params }) => ok(repoJson(repoOf(params[0]!, params[1]!))));
  route('GET', `${R}/branches/:rest`, ({ params }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const sha = repo.branches[params[2]!];
    if (sha === undefined) throw notFound('Branch not found');
    return ok({
      name: params[2],
      commit: {
        sha,
        node_id: nodeId('C_', 1),
        url: `${repoUrl(repo)}/commits/${sha}`,
        commit: { message: repo.git.commits.get(sha)!.message, tree: { sha: repo.git.commits.get(sha)!.tree } },
      },
      protected: false,
      _links: { html: `${htmlUrl(repo)}/tree/${params[2]}` },
    });
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
      names.set(
        name,
        rest.includes('/') ? { type: 'dir', sha: '', path: `${path}/${name}` } : { type: 'file', sha: child.sha, path: candidate },
      );
    }
    return ok(
      [...names.entries()].map(([name, child]) => ({
        name,
        path: child.path,
        type: child.type,
        sha: child.sha,
        size: child.type === 'file' ? repo.git.blobs.get(child.sha)!.length : 0,
      })),
    );
  });
}
