import { ServerResponse, type IncomingMessage } from 'node:http';
import { saneId } from './request-id.ts';

/**
 * Adds `request_id` and `correlation_id` to the fields of a line that logs an HTTP response (Probot's
 * access line logs `{ res }`, with the request id assigned by assignRequestIds on `res.req.id`). A
 * webhook's line is correlated by its delivery id, as the delivery's own lines are; any other by the
 * request id. Other lines are returned as they are.
 */
export function requestLineFields(fields: Record<string, unknown>): Record<string, unknown> {
  const { res } = fields;
  if (!(res instanceof ServerResponse)) return fields;
  const req = res.req as IncomingMessage & { id?: unknown };
  if (typeof req.id !== 'string') return fields;
  const delivery = saneId(req.headers['x-github-delivery']);
  return { request_id: req.id, correlation_id: delivery ?? req.id, ...fields };
}
