import { context as otelContext, propagation } from '@opentelemetry/api';

/**
 * The active trace context as W3C fields, to put in a queued job's data so that the worker that takes it, in
 * this process or another, continues the same trace. Empty with tracing off or outside any span.
 */
export function traceCarrier(): { traceparent?: string; tracestate?: string } {
  const carrier: Record<string, string> = {};
  propagation.inject(otelContext.active(), carrier);
  const result: { traceparent?: string; tracestate?: string } = {};
  if (carrier.traceparent !== undefined) result.traceparent = carrier.traceparent;
  if (carrier.tracestate !== undefined) result.tracestate = carrier.tracestate;
  return result;
}
