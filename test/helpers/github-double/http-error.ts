import { DOCS } from './github-values.ts';

/** An answer other than 2xx, thrown by a route and sent as GitHub would send it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}

/** GitHub's 404. */
export const notFound = (message = 'Not Found') => new HttpError(404, { message, documentation_url: DOCS, status: '404' });

/** GitHub's 422, with its `errors`. */
export const invalid = (message: string, errors: unknown[] = []) =>
  new HttpError(422, { message, errors, documentation_url: DOCS, status: '422' });
