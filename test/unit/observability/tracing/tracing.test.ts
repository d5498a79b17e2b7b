import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '#src/observability/logger.ts';
import { continueTrace } from '#src/observability/tracing/continue-trace.ts';
import { startTracing } from '#src/observability/tracing/start-tracing.ts';
import { traceCarrier } from '#src/observability/tracing/trace-carrier.ts';
import { withSpan } from '#src/observability/tracing/with-span.ts';
import { inMemoryTracing } from '../../../helpers/in-memory-tracing.ts';

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

function jsonLogger(mixin?: () => Record<string, unknown>) {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: createLogger({ format: 'json', destination, ...(mixin ? { mixin } : {}) }), lines };
}

describe('tracing helpers with tracing on (in-memory exporter)', () => {
  let tracing: Awaited<ReturnType<typeof inMemoryTracing>> | undefined;
  afterEach(async () => {
    await tracing?.stop();
    tracing = undefined;
  });

  it('continueTrace continues an incoming traceparent header: same trace, the caller span as parent', async () => {
    tracing = await inMemoryTracing();
    await continueTrace({ traceparent: [`00-${CALLER_TRACE}-${CALLER_SPAN}-01`], 'x-github-event': 'issues' }, () =>
      withSpan('webhook issues.opened', {}, async () => undefined),
    );
    const [span] = tracing.spans();
    expect(span).toMatchObject({ name: 'webhook issues.opened', traceId: CALLER_TRACE, parentSpanId: CALLER_SPAN });
  });

  it('starts a new root without a (valid) traceparent', async () => {
    tracing = await inMemoryTracing();
    await continueTrace({ traceparent: 'not-a-traceparent' }, () => withSpan('root', {}, async () => undefined));
    const [span] = tracing.spans();
    expect(span!.parentSpanId).toBeUndefined();
    expect(span!.traceId).not.toBe(CALLER_TRACE);
  });

  it("traceCarrier → job data → continueTrace: the worker's span is a child of the enqueuing span", async () => {
    tracing = await inMemoryTracing();
    const job = await withSpan('webhook', {}, async () => ({ deliveryId: 'd1', ...traceCarrier() }));
    expect(job.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    await continueTrace(job, () => withSpan('job', {}, async () => undefined));
    const [webhook, worker] = tracing.spans();
    expect(worker).toMatchObject({ name: 'job', traceId: webhook!.traceId, parentSpanId: webhook!.spanId });
  });

  it('withSpan marks a failure as an error and rethrows it', async () => {
    tracing = await inMemoryTracing();
    await expect(withSpan('fails', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const [span] = tracing.spans();
    expect(span!.status).toBe(2);
    expect(span!.attributes['error.type']).toBe('Error');
  });

  it('log lines inside a span carry its trace_id and span_id; lines outside carry none', async () => {
    tracing = await inMemoryTracing();
    const { logger, lines } = jsonLogger(tracing.tracing.logFields);
    await withSpan('node planner', {}, async () => logger.child({ run_id: 'r1' }).info('inside'));
    logger.info('outside');
    const [span] = tracing.spans();
    expect(lines[0]).toMatchObject({ msg: 'inside', run_id: 'r1', trace_id: span!.traceId, span_id: span!.spanId });
    expect(lines[1]!.msg).toBe('outside');
    expect(lines[1]).not.toHaveProperty('trace_id');
  });
});

describe('tracing off (the default)', () => {
  it('registers nothing: spans are no-ops, job data gets no traceparent, log lines get no trace fields', async () => {
    const tracing = await startTracing({ enabled: false });
    expect(tracing.enabled).toBe(false);
    // Nothing for the logger or the webhook side: the server wires neither.
    expect(tracing.logFields).toBeUndefined();
    expect(tracing.webhook).toBeUndefined();
    const { logger, lines } = jsonLogger();
    const carried = await continueTrace({ traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` }, () =>
      withSpan('webhook', {}, async (span) => {
        expect(span.isRecording()).toBe(false);
        logger.info('inside');
        return traceCarrier();
      }),
    );
    expect(carried).toEqual({});
    expect(trace.getActiveSpan()).toBeUndefined();
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[0]).not.toHaveProperty('span_id');
    await tracing.stop();
  });
});
