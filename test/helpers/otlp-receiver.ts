import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A span as an OTLP/HTTP JSON export carries it. */
export interface ExportedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
  service: unknown;
}

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type OtlpAttribute = { key: string; value: OtlpValue };
const value = (v: OtlpValue) =>
  v.stringValue ?? v.boolValue ?? v.doubleValue ?? (v.intValue === undefined ? undefined : Number(v.intValue));
const attributesOf = (list: OtlpAttribute[] = []) => Object.fromEntries(list.map((entry) => [entry.key, value(entry.value)]));
// OTLP JSON ids are hex; base64 from an exporter that sends bytes is turned into hex too.
const hex = (id: string | undefined) => (id === undefined || /^[0-9a-f]*$/.test(id) ? id : Buffer.from(id, 'base64').toString('hex'));

/** A local OTLP/HTTP receiver (what a collector is to aos): POST /v1/traces with a JSON body, every span kept. */
export async function startOtlpReceiver() {
  const spans: ExportedSpan[] = [];
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      paths.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: Array<{
          resource: { attributes: OtlpAttribute[] };
          scopeSpans: Array<{
            spans: Array<{ name: string; traceId: string; spanId: string; parentSpanId?: string; attributes: OtlpAttribute[] }>;
          }>;
        }>;
      };
      for (const resource of body.resourceSpans)
        for (const scope of resource.scopeSpans)
          for (const span of scope.spans) {
            const parent = hex(span.parentSpanId);
            spans.push({
              name: span.name,
              traceId: hex(span.traceId)!,
              spanId: hex(span.spanId)!,
              ...(parent ? { parentSpanId: parent } : {}),
              attributes: attributesOf(span.attributes),
              service: attributesOf(resource.resource.attributes)['service.name'],
            });
          }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, spans, paths, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
