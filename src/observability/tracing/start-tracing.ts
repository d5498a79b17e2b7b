import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { TracingSettings } from '../../config/index.ts';
import type { WebhookTracing } from './webhook-tracing.ts';

/** Running tracing: `stop` flushes what is buffered and gives the process back the no-op API. */
export interface Tracing {
  enabled: boolean;
  stop(): Promise<void>;
  /** A pino mixin adding `trace_id` and `span_id` of the active span (createLogger's `mixin`); absent when off. */
  logFields?: () => Record<string, string>;
  /** For the webhook handlers (createAosApp's `tracing`); absent when off. */
  webhook?: WebhookTracing;
}

/** Options of startTracing; tests pass an in-memory processor in place of the configured exporter. */
export interface StartTracingOptions {
  spanProcessor?: SpanProcessor;
}

const OFF: Tracing = { enabled: false, stop: async () => undefined };

/**
 * Registers the OpenTelemetry SDK as the process's tracer provider, context manager (AsyncLocalStorage) and
 * W3C propagator, exporting to what `settings` name. With tracing off nothing is imported: the SDK, the exporter
 * and the log and webhook parts are loaded only here, so the server loads nothing of OpenTelemetry before it
 * listens and the default install starts as fast as before.
 */
export async function startTracing(settings: TracingSettings, options: StartTracingOptions = {}): Promise<Tracing> {
  if (!settings.enabled) return OFF;
  const [api, node, base, resources, logFields, webhook] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/resources'),
    import('./trace-log-fields.ts'),
    import('./create-webhook-tracing.ts'),
  ]);
  const processor = options.spanProcessor ?? (await exportingProcessor(settings, base));
  const provider = new node.NodeTracerProvider({
    resource: resources.resourceFromAttributes({ 'service.name': settings.serviceName }),
    spanProcessors: [processor],
  });
  provider.register();
  return {
    enabled: true,
    logFields: logFields.traceLogFields,
    webhook: webhook.createWebhookTracing(),
    async stop() {
      await provider.shutdown();
      // Back to the no-op API, so a later provider (another test, a restart in-process) can register.
      api.trace.disable();
      api.context.disable();
      api.propagation.disable();
    },
  };
}

/** Batches spans to the configured exporter: export happens off the request path. */
async function exportingProcessor(
  settings: Extract<TracingSettings, { enabled: true }>,
  base: typeof import('@opentelemetry/sdk-trace-base'),
): Promise<SpanProcessor> {
  if (settings.export.kind === 'console') return new base.SimpleSpanProcessor(new base.ConsoleSpanExporter());
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  const exporter = new OTLPTraceExporter({ url: settings.export.url, headers: settings.export.headers });
  return new base.BatchSpanProcessor(exporter);
}
