import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLruCache } from '../../lib/create-lru-cache.ts';
import { requestIdFrom } from '../../observability/request-id.ts';

/** The request ids given out, and the way to stop giving them. */
export interface RequestIds {
  /** The request id of the HTTP request that brought webhook delivery `deliveryId`, while it is recent. */
  forDelivery(deliveryId: string): string | undefined;
  stop(): void;
}

// Published by Node for every request of every http.Server, before the server's 'request' listeners
// run: the one place that comes before Probot's own request logger and webhook middleware.
const REQUEST_START = 'http.server.request.start';
// Deliveries whose handlers may still be running (held while starting, or past the webhook
// middleware's 202 timeout) keep their id; the oldest go first, so memory stays bounded.
const RECENT_DELIVERIES = 2000;

interface RequestStart {
  request: IncomingMessage & { id?: unknown };
  response: ServerResponse;
}

/**
 * Gives every HTTP request this process serves an id (see requestIdFrom) and sets `X-Request-Id` on
 * its response before any handler runs, so errors, 404s and Probot's webhook acks carry it too. The
 * id is also what Probot's access log line shows as `req.id`, and webhook deliveries can look up the
 * id of the request that brought them. Process-wide: the app server is this process's only HTTP server.
 */
export function assignRequestIds(): RequestIds {
  const deliveries = createLruCache<string>(RECENT_DELIVERIES);
  const onRequest = (message: unknown) => {
    const { request, response } = message as RequestStart;
    const id = requestIdFrom(request.headers['x-request-id']);
    // pino-http keeps an id already on the request, and otherwise derives one from this header.
    request.id = id;
    request.headers['x-request-id'] = id;
    response.setHeader('X-Request-Id', id);
    const delivery = request.headers['x-github-delivery'];
    if (typeof delivery === 'string' && delivery.length > 0) deliveries.set(delivery, id);
  };
  subscribe(REQUEST_START, onRequest);
  return { forDelivery: (deliveryId) => deliveries.get(deliveryId), stop: () => unsubscribe(REQUEST_START, onRequest) };
}
