import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv, tracingSettings } from '#src/config/index.ts';

const settings = (env: Record<string, string>) => tracingSettings(loadEnv(env));

describe('tracingSettings: off unless OpenTelemetry is asked for', () => {
  it('is off with no OpenTelemetry variable, and with only AOS_TRACE_CONTENT or OTEL_SERVICE_NAME', () => {
    expect(settings({})).toEqual({ enabled: false });
    expect(settings({ AOS_TRACE_CONTENT: 'true', OTEL_SERVICE_NAME: 'aos-eu' })).toEqual({ enabled: false });
  });

  it('exports to <OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces, and to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as it is', () => {
    expect(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toEqual({
      enabled: true,
      export: { kind: 'otlp', url: 'http://collector:4318/v1/traces', headers: {} },
      serviceName: 'aos',
      content: false,
    });
    expect(
      settings({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/ingest',
      }),
    ).toMatchObject({ export: { url: 'https://traces.example/ingest' } });
  });

  it("uses OTLP's default receiver for OTEL_TRACES_EXPORTER=otlp alone, the console for console", () => {
    expect(settings({ OTEL_TRACES_EXPORTER: 'otlp' })).toMatchObject({ export: { url: 'http://localhost:4318/v1/traces' } });
    expect(settings({ OTEL_TRACES_EXPORTER: 'console' })).toMatchObject({ enabled: true, export: { kind: 'console' } });
  });

  it('is off with OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true, whatever the endpoint', () => {
    expect(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toEqual({ enabled: false });
    expect(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toEqual({ enabled: false });
  });

  it('carries the service name, the export headers and AOS_TRACE_CONTENT', () => {
    expect(
      settings({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc, x-tenant = eu-1',
        OTEL_SERVICE_NAME: 'aos-eu',
        AOS_TRACE_CONTENT: 'true',
      }),
    ).toEqual({
      enabled: true,
      export: { kind: 'otlp', url: 'http://collector:4318/v1/traces', headers: { authorization: 'Bearer abc', 'x-tenant': 'eu-1' } },
      serviceName: 'aos-eu',
      content: true,
    });
  });

  it('refuses a bad exporter name or headers with one line naming the variable, never the value', () => {
    const problem = (env: Record<string, string>) => {
      try {
        loadEnv(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('loadEnv accepted it');
    };
    expect(problem({ OTEL_TRACES_EXPORTER: 'zipkin' })).toContain('OTEL_TRACES_EXPORTER');
    const headers = problem({ OTEL_EXPORTER_OTLP_HEADERS: 'secret-token-without-a-key' });
    expect(headers).toContain('OTEL_EXPORTER_OTLP_HEADERS');
    expect(headers).not.toContain('secret-token-without-a-key');
    expect(problem({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' })).toContain('OTEL_EXPORTER_OTLP_ENDPOINT');
  });
});
