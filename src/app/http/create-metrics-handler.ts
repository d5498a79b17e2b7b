import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

/**
 * `GET /metrics`: the registry in Prometheus text format, with the registry's content type.
 * Scraping runs the gauges' collect callbacks (budget, queue); a failure answers 500.
 */
export function createMetricsHandler(registry: Registry) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') return false;
    try {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(body);
    } catch (error) {
      res
        .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
        .end(`metrics collection failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return true;
  };
}
