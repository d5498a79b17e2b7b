import http from 'node:http';
import { createAuthOf } from './auth.ts';
import type { DoubleContext } from './context.ts';
import { API, DOCS } from './github-values.ts';
import { codeloadAnswer, CODELOAD } from './archive-routes.ts';
import { answerGraphql } from './graphql.ts';
import { HttpError, notFound } from './http-error.ts';
import type { Answer, Route } from './router.ts';
import type { DoubleRequest } from './state.ts';

/**
 * The double's HTTP server: REST under `/api/v3` through `routes` (the first that matches), the
 * GraphQL endpoint at `/api/graphql`, each checked for the credentials GitHub asks for; every
 * request is recorded in `double.requests`, and an unknown route is a 404 that names it.
 */
export function createDoubleServer(double: DoubleContext, routes: Route[]): http.Server {
  const { state, requests } = double;
  const authOf = createAuthOf(double);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://double.invalid');
      const method = (req.method ?? 'GET').toUpperCase();
      const rawPath = url.pathname;
      let path: string;
      try {
        path = decodeURIComponent(rawPath);
      } catch {
        path = rawPath;
      }
      const query = Object.fromEntries(url.searchParams.entries());
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      let answer: Answer;
      const auth = authOf(req.headers.authorization);
      const record: DoubleRequest = {
        method,
        path: path.startsWith(`${API}/`) ? path.slice(API.length) : path,
        query,
        body: undefined,
        status: 0,
        auth: auth.kind,
        unknown: false,
      };
      try {
        try {
          body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
        } catch {
          throw new HttpError(400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' });
        }
        record.body = text === '' ? undefined : body;
        if (method === 'GET' && path.startsWith(`${CODELOAD}/`)) answer = codeloadAnswer(double, path);
        else if (method === 'POST' && path === '/api/graphql') {
          if (auth.kind !== 'installation')
            throw new HttpError(401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
          answer = answerGraphql(state, body);
        } else {
          if (!path.startsWith(`${API}/`)) throw notFound(`github-double: no route for ${method} ${path} (the REST API is under ${API})`);
          const found = routes
            .map((candidate) => ({ candidate, match: candidate.method === method ? candidate.pattern.exec(record.path) : null }))
            .find(({ match }) => match !== null);
          if (!found) {
            record.unknown = true;
            throw notFound(`github-double: no route for ${method} ${record.path}`);
          }
          const needsJwt = found.candidate.auth === 'jwt';
          if (needsJwt ? !auth.jwtValid : auth.kind !== 'installation') {
            throw new HttpError(401, {
              message: needsJwt ? 'A JSON web token could not be decoded' : 'Bad credentials',
              documentation_url: DOCS,
              status: '401',
            });
          }
          if (auth.kind === 'installation' && record.path !== '/rate_limit')
            state.rateLimit.remaining = Math.max(0, state.rateLimit.remaining - 1);
          answer = found.candidate.handle({ params: found.match!.slice(1), query, body, rawPath, installationId: auth.installationId });
        }
      } catch (error) {
        answer =
          error instanceof HttpError
            ? { status: error.status, body: error.body }
            : {
                status: 500,
                body: { message: `github-double failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` },
              };
      }
      record.status = answer.status;
      requests.push(record);
      res
        .writeHead(answer.status, {
          'content-type': 'application/json; charset=utf-8',
          'x-github-media-type': 'github.v3; format=json',
          'x-ratelimit-remaining': String(state.rateLimit.remaining),
          'x-ratelimit-limit': String(state.rateLimit.limit),
          'x-ratelimit-reset': String(Math.ceil(state.rateLimit.resetAt / 1000)),
          ...answer.headers,
        })
        .end(answer.raw ?? JSON.stringify(answer.body));
    });
  });
  return server;
}
