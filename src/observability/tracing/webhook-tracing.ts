import type { TraceCarrier } from './continue-trace.ts';

/**
 * What the webhook side traces with, handed to the app only when tracing is on (see startTracing). The server
 * loads it after the decision, so with tracing off nothing of OpenTelemetry is imported before it listens.
 */
export interface WebhookTracing {
  /** Runs `fn` in the trace an incoming request's `traceparent` header names (see continueTrace). */
  continueTrace<T>(headers: TraceCarrier | Readonly<Record<string, string | string[] | undefined>>, fn: () => T): T;
  /** Runs `fn` in a delivery's SERVER span. */
  deliverySpan<T>(name: string, attributes: Record<string, string | number>, fn: () => Promise<T>): Promise<T>;
  /** The active span's W3C context, for the data of a job enqueued now (see traceCarrier). */
  carrier(): { traceparent?: string; tracestate?: string };
}
