import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '#src/observability/tracing/start-tracing.ts';

/** A finished span as the tests read it: name, ids, parent and attributes. */
export interface SpanRecord {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  attributes: Record<string, unknown>;
  status: number;
  /** The spans this one links to (another trace's span that caused it). */
  links: Array<{ traceId: string; spanId: string }>;
  /** Start, in milliseconds since the epoch. */
  startTime: number;
}

const record = (span: ReadableSpan): SpanRecord => ({
  name: span.name,
  kind: span.kind,
  traceId: span.spanContext().traceId,
  spanId: span.spanContext().spanId,
  parentSpanId: span.parentSpanContext?.spanId,
  attributes: { ...span.attributes },
  status: span.status.code,
  links: span.links.map((link) => ({ traceId: link.context.traceId, spanId: link.context.spanId })),
  startTime: span.startTime[0] * 1000 + span.startTime[1] / 1e6,
});

/**
 * aos's own tracing (startTracing) with every span kept in memory instead of exported. The provider is the
 * process's global one: `stop()` must run in afterAll, so files sharing the worker see the no-op API again.
 */
export async function inMemoryTracing(options: { content?: boolean } = {}) {
  const exporter = new InMemorySpanExporter();
  const tracing = await startTracing(
    { enabled: true, export: { kind: 'console' }, serviceName: 'aos-test', content: options.content === true },
    { spanProcessor: new SimpleSpanProcessor(exporter) },
  );
  return {
    /** What to hand appHarness (or createLogger's mixin, createAosApp's tracing). */
    tracing,
    spans: (): SpanRecord[] => exporter.getFinishedSpans().map(record),
    reset: () => exporter.reset(),
    stop: () => tracing.stop(),
  };
}

/** The span tree of one trace as indented lines, `name` under its parent, for reports and failure messages. */
export function printSpanTree(spans: SpanRecord[], traceId: string): string {
  const inTrace = spans.filter((span) => span.traceId === traceId);
  const ids = new Set(inTrace.map((span) => span.spanId));
  const lines: string[] = [];
  const isChild = (span: SpanRecord, parent: string | undefined) =>
    parent === undefined ? !ids.has(span.parentSpanId ?? '') : span.parentSpanId === parent;
  const walk = (parent: string | undefined, depth: number) => {
    for (const span of inTrace.filter((candidate) => isChild(candidate, parent))) {
      lines.push(`${'  '.repeat(depth)}${span.name}`);
      walk(span.spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines.join('\n');
}
