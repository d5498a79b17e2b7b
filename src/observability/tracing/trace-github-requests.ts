import { SpanKind } from '@opentelemetry/api';
import type { ProbotOctokit } from 'probot';
import { githubRequestKind } from '../../lib/github-request-kind.ts';
import { withSpan } from './with-span.ts';

/**
 * An Octokit plugin: every GitHub API request becomes a CLIENT span `<METHOD> <url template>` with the method,
 * the route (the template, never the filled-in path: it holds branch and file names), the server and the
 * answer's status. Applied to the Octokit class, its spans are children of whatever span is active where the
 * request is made: a node, a job.
 */
export function traceGithubRequests(octokit: Pick<ProbotOctokit, 'hook'>): void {
  octokit.hook.wrap('request', (request, options) => {
    const method = (options.method ?? 'GET').toUpperCase();
    const route = routeOf(String(options.url));
    const attributes: Record<string, string> = {
      'http.request.method': method,
      'url.template': route,
      'aos.github.kind': githubRequestKind(route),
    };
    const host = hostOf(options.baseUrl);
    if (host !== undefined) attributes['server.address'] = host;
    return withSpan(`${method} ${route}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
      try {
        const response = await request(options);
        span.setAttribute('http.response.status_code', response.status);
        return response;
      } catch (error) {
        const status = (error as { status?: unknown }).status;
        if (typeof status === 'number') span.setAttribute('http.response.status_code', status);
        throw error;
      }
    });
  });
}

/**
 * The request's route template: Octokit's own (`/repos/{owner}/{repo}/…`, before it fills it in), or, for a
 * request made with a full URL (the next page of a listing), its path with the repository and numbers put back
 * as placeholders, so a span name never carries a repository, branch or file name.
 */
function routeOf(url: string): string {
  if (!/^https?:\/\//i.test(url)) return url;
  let path: string;
  try {
    path = new URL(url).pathname.replace(/^\/api\/v3(?=\/)/, '');
  } catch {
    return '{url}';
  }
  return path.replace(/^\/repos\/[^/]+\/[^/]+/, '/repos/{owner}/{repo}').replace(/\/\d+(?=\/|$)/g, '/{number}');
}

function hostOf(baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined) return undefined;
  try {
    return new URL(baseUrl).host;
  } catch {
    return undefined;
  }
}
