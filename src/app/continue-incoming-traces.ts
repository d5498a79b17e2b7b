import type { Probot } from 'probot';
import type { WebhookTracing } from '../observability/tracing/webhook-tracing.ts';

/**
 * Makes Probot's webhook middleware run in the trace the request's W3C `traceparent` header names, so a
 * delivery's span (see traceDelivery) is a child of the caller's span. Probot's handlers see the payload but
 * not the headers; its middleware is the narrowest place that sees both. Without the header nothing changes.
 */
export function continueIncomingTraces(app: Probot, tracing: WebhookTracing): void {
  const original = app.getNodeMiddleware.bind(app);
  app.getNodeMiddleware = async (options) => {
    const middleware = await original(options);
    return (request, response, next) => tracing.continueTrace(request.headers, () => middleware(request, response, next));
  };
}
