import type { WebhookTracing } from '../observability/tracing/webhook-tracing.ts';

/** The parts of a Probot context a delivery span is named and described from. */
export interface TracedDelivery {
  id: string;
  name: string;
  payload: { action?: string; installation?: { id: number } | undefined; repository?: { full_name: string } | undefined };
}

/**
 * Wraps a webhook handler in the delivery's span, `webhook <event>.<action>`: the root of a run's trace, or a
 * child of the caller's `traceparent` when the request carried one (see continueIncomingTraces). The jobs the
 * handler enqueues carry this span's context to the worker. Without tracing the handler is returned as it is.
 */
export function traceDelivery<C extends TracedDelivery>(
  tracing: WebhookTracing | undefined,
  handler: (context: C) => Promise<void>,
): (context: C) => Promise<void> {
  if (tracing === undefined) return handler;
  return (context) => {
    const { payload } = context;
    const event = payload.action ? `${context.name}.${payload.action}` : context.name;
    const attributes: Record<string, string | number> = { 'github.delivery_id': context.id, 'github.event': event };
    if (payload.installation) attributes['github.installation_id'] = payload.installation.id;
    if (payload.repository) attributes['github.repository'] = payload.repository.full_name;
    return tracing.deliverySpan(`webhook ${event}`, attributes, () => handler(context));
  };
}
