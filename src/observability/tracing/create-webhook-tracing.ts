import { SpanKind } from '@opentelemetry/api';
import { continueTrace } from './continue-trace.ts';
import { traceCarrier } from './trace-carrier.ts';
import type { WebhookTracing } from './webhook-tracing.ts';
import { withSpan } from './with-span.ts';

/** The webhook side's tracing on the registered OpenTelemetry API. */
export function createWebhookTracing(): WebhookTracing {
  return {
    continueTrace,
    deliverySpan: (name, attributes, fn) => withSpan(name, { kind: SpanKind.SERVER, attributes }, fn),
    carrier: traceCarrier,
  };
}
