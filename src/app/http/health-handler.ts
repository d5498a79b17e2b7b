import type { IncomingMessage, ServerResponse } from 'node:http';

/** A named readiness check: resolves when the dependency answers, rejects otherwise. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<unknown>;
}

const TIMEOUT_MS = 2000;

function withTimeout(work: Promise<unknown>): Promise<unknown> {
  return Promise.race([
    work,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref()),
  ]);
}

/**
 * `GET /healthz` answers 200 while the process runs; `GET /readyz` answers 200 only when every
 * check passes, else 503 naming what failed, so a load balancer stops sending webhooks here.
 */
export function createHealthHandler(checks: ReadinessCheck[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== 'GET') return false;
    const path = (req.url ?? '').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
      return true;
    }
    if (path !== '/readyz') return false;
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await withTimeout(check());
          return { name, ok: true as const };
        } catch (error) {
          return { name, ok: false as const, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const ready = results.every((result) => result.ok);
    res
      .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: ready ? 'ready' : 'not ready', checks: results }));
    return true;
  };
}
