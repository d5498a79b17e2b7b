import type { Answer, Ctx } from './router.ts';

/** GitHub's page/per_page with a Link header (links under `baseUrl`), so `octokit.paginate` walks real pages. */
export const paginate = <T>(baseUrl: string, items: T[], ctx: Ctx): Answer => {
  const perPage = Math.min(Number(ctx.query.per_page ?? 30) || 30, 100);
  const page = Math.max(Number(ctx.query.page ?? 1) || 1, 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const headers: Record<string, string> = {};
  if (page < last) {
    const link = (p: number) =>
      `<${baseUrl}${ctx.rawPath}?${new URLSearchParams({ ...ctx.query, per_page: String(perPage), page: String(p) }).toString()}>`;
    headers.link = `${link(page + 1)}; rel="next", ${link(last)}; rel="last"`;
  }
  return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), headers };
};
