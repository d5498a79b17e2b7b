import type { ApplicationFunction, Probot } from 'probot';
import type { Logger } from '../observability/logger.ts';
import type { WebhookTracing } from '../observability/tracing/webhook-tracing.ts';
import type { RunStore } from '../state/run-store.ts';
import type { JobQueue } from '../state/job-queue.ts';
import { createHealthHandler, type ReadinessCheck } from './http/health-handler.ts';
import { registerWebhookHandlers } from './create-webhook-handlers.ts';
import { continueIncomingTraces } from './continue-incoming-traces.ts';
import type { AosJob } from './jobs/job-types.ts';

/** What the Probot app is built from. */
export interface AosAppDeps {
  queue: JobQueue<AosJob>;
  runStore: Pick<RunStore, 'recordDelivery'>;
  logger: Logger;
  readiness: ReadinessCheck[];
  /** Extra HTTP handlers (metrics, run pages). */
  handlers?: Array<(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean> | boolean>;
  /** Receives the Probot instance, whose `auth(installationId)` the workers use. */
  onProbot?: (probot: Probot) => void;
  onAcknowledged?: (event: string, ms: number) => void;
  /** `X-Request-Id` of the request that brought a delivery, for the delivery's log lines. */
  requestIdFor?: (deliveryId: string) => string | undefined;
  /** False when the app is loaded into a bare Probot instance with no HTTP server (tests). */
  serveHttp?: boolean;
  /** With tracing on (startTracing's `webhook`): delivery spans, continuing an incoming `traceparent`. */
  tracing?: WebhookTracing;
}

/** The aos Probot app: webhook handlers that enqueue, plus the health and extra HTTP handlers. */
export function createAosApp(deps: AosAppDeps): ApplicationFunction {
  return (app, options) => {
    deps.onProbot?.(app);
    if (deps.serveHttp !== false) {
      if (deps.tracing) continueIncomingTraces(app, deps.tracing);
      options.addHandler?.(createHealthHandler(deps.readiness));
      for (const handler of deps.handlers ?? []) options.addHandler?.(handler);
    }
    registerWebhookHandlers(app, {
      queue: deps.queue,
      runStore: deps.runStore,
      logger: deps.logger,
      ...(deps.onAcknowledged ? { onAcknowledged: deps.onAcknowledged } : {}),
      ...(deps.requestIdFor ? { requestIdFor: deps.requestIdFor } : {}),
      ...(deps.tracing ? { tracing: deps.tracing } : {}),
    });
  };
}
