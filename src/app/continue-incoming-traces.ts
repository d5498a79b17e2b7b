import type { Probot } from 'probot';
import { continueTrace } from '../observability/tracing/continue-trace.ts';

/**
 * Makes Probot's webhook middleware run in the trace the request's W3C `traceparent` header names, so a
 * delivery's span (see traceDelivery) is a child of the caller's span. Probot's handlers see the payload but
 * not the headers; its middleware is the narrowest place that sees both. Without the header nothing changes.
 */
export function continueIncomingTraces(app: Probot): void {
  const original = app.getNodeMiddleware.bind(app);
  app.getNodeMiddleware = async (options) => {
    const middleware = await original(options);
    return (request, response, next) => continueTrace(request.headers, () => middleware(request, response, next));
  };
}
