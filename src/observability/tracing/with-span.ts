import { SpanStatusCode, context as otelContext, trace, type Context, type Span, type SpanOptions } from '@opentelemetry/api';

/** The name aos's spans are recorded under (the instrumentation scope). */
export const TRACER_NAME = 'aos';

/**
 * Runs `fn` inside a new active span named `name` (a child of `parent`, default the active context) and ends it
 * when `fn` settles; a throw marks the span as an error with the exception recorded, then is rethrown. With
 * tracing off the API's no-op tracer makes this a plain call.
 */
export function withSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => Promise<T>, parent?: Context): Promise<T> {
  // Asked for at every span, not kept: a test or a restart may register another provider.
  const tracer = trace.getTracer(TRACER_NAME);
  return tracer.startActiveSpan(name, options, parent ?? otelContext.active(), async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Marks `span` as failed by `error`: status ERROR with the message, `error.type`, the exception as an event. */
export function markFailed(span: Span, error: unknown): void {
  const failure = error instanceof Error ? error : new Error(String(error));
  span.recordException(failure);
  span.setAttribute('error.type', errorType(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
}

function errorType(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? code : error.name;
  }
  return typeof error;
}
