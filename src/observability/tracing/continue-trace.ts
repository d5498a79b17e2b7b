import { ROOT_CONTEXT, context as otelContext, propagation } from '@opentelemetry/api';

/** A W3C trace context as it travels: HTTP headers, or the fields of a queued job. */
export interface TraceCarrier {
  traceparent?: string | undefined;
  tracestate?: string | undefined;
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Runs `fn` in the trace that `carrier` names (a W3C `traceparent`, from an incoming request's headers or a
 * job's data), so the spans `fn` starts are children of that remote span. Without a valid `traceparent`, or
 * with tracing off, `fn` runs in a fresh root context.
 */
export function continueTrace<T>(carrier: TraceCarrier | Headers, fn: () => T): T {
  const extracted = propagation.extract(ROOT_CONTEXT, carrier, {
    keys: (source) => Object.keys(source),
    get: (source, key) => {
      const value = (source as Headers)[key];
      return Array.isArray(value) ? value[0] : value;
    },
  });
  return otelContext.with(extracted, fn);
}
