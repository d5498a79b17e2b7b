import type { AosEnv } from './env-schema.ts';

/** Where spans go when tracing is on. */
export type TraceExport = { kind: 'otlp'; url: string; headers: Record<string, string> } | { kind: 'console' };

/** Whether and how aos traces, decided from OpenTelemetry's own variables. */
export type TracingSettings =
  | { enabled: false }
  | {
      enabled: true;
      export: TraceExport;
      serviceName: string;
      /** AOS_TRACE_CONTENT: prompts and completions on model-call spans. */
      content: boolean;
    };

/** OTLP/HTTP's default receiver, as the OpenTelemetry specification names it. */
const DEFAULT_OTLP = 'http://localhost:4318';

type TracingEnv = Partial<
  Pick<
    AosEnv,
    | 'OTEL_EXPORTER_OTLP_ENDPOINT'
    | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'
    | 'OTEL_EXPORTER_OTLP_HEADERS'
    | 'OTEL_TRACES_EXPORTER'
    | 'OTEL_SERVICE_NAME'
    | 'OTEL_SDK_DISABLED'
    | 'AOS_TRACE_CONTENT'
  >
>;

/**
 * Tracing is off unless an OTLP endpoint or OTEL_TRACES_EXPORTER is set, so the default install loads no SDK.
 * Follows the specification's rules: the signal-specific endpoint is used as it is, the general one gets
 * `/v1/traces` appended, OTEL_TRACES_EXPORTER=none and OTEL_SDK_DISABLED=true turn tracing off.
 */
export function tracingSettings(env: TracingEnv): TracingSettings {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? tracesUrl(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  const exporter = env.OTEL_TRACES_EXPORTER ?? (endpoint === undefined ? undefined : 'otlp');
  if (env.OTEL_SDK_DISABLED === true || exporter === undefined || exporter === 'none') return { enabled: false };
  return {
    enabled: true,
    export:
      exporter === 'console'
        ? { kind: 'console' }
        : { kind: 'otlp', url: endpoint ?? tracesUrl(DEFAULT_OTLP)!, headers: env.OTEL_EXPORTER_OTLP_HEADERS ?? {} },
    serviceName: env.OTEL_SERVICE_NAME ?? 'aos',
    content: env.AOS_TRACE_CONTENT === true,
  };
}

function tracesUrl(base: string | undefined): string | undefined {
  return base === undefined ? undefined : `${base.replace(/\/+$/, '')}/v1/traces`;
}
