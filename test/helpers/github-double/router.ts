import type { DoubleContext } from './context.ts';
import type { JsonShapes } from './json-shapes.ts';
import type { RepoModel } from './repo-model.ts';

/** What a route handler is given of a request. */
export interface Ctx {
  params: string[];
  query: Record<string, string>;
  body: Record<string, unknown>;
  rawPath: string;
  /** The installation the token belongs to, for installation-authenticated routes. */
  installationId: number | null;
}

/** What a route handler answers. */
export type Answer = {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Bytes sent as they are instead of `body` as JSON. */ raw?: Buffer;
};

/** A route handler; it throws an `HttpError` for any answer other than its own. */
export type Handler = (ctx: Ctx) => Answer;

/** One route: the first whose method and pattern match a request answers it. */
export interface Route {
  method: string;
  pattern: RegExp;
  auth: 'jwt' | 'installation';
  handle: Handler;
}

/** Adds a route; `:rest` in `pattern` matches the rest of the path, any other `:name` one segment. */
export type AddRoute = (method: string, pattern: string, handle: Handler, auth?: 'jwt' | 'installation') => void;

/** What the files of routes are given to add their routes with. */
export interface RouteParts {
  route: AddRoute;
  double: DoubleContext;
  model: RepoModel;
  json: JsonShapes;
  /** GitHub's page/per_page with a Link header, so `octokit.paginate` walks real pages. */
  paginate: <T>(items: T[], ctx: Ctx) => Answer;
}

/** An empty routing table, in the order routes are added. */
export function createRouter(): { routes: Route[]; route: AddRoute } {
  const routes: Route[] = [];
  const route: AddRoute = (method, pattern, handle, auth = 'installation') => {
    const regex = new RegExp(`^${pattern.replace(/:rest\b/g, '(.+)').replace(/:\w+/g, '([^/]+)')}$`);
    routes.push({ method, pattern: regex, auth, handle });
  };
  return { routes, route };
}

/** A 2xx answer. */
export const ok = (body: unknown, status = 200): Answer => ({ status, body });

/** A path parameter as a number. */
export const num = (value: string | undefined) => Number(value);

/** The prefix of every repository route. */
export const R = '/repos/:owner/:repo';
