import type { Metrics } from './metrics.ts';

/**
 * Observes how long acknowledging one webhook took, in the shape of `AosAppDeps.onAcknowledged`:
 * `onAcknowledged: (event, ms) => recordWebhookAck(metrics, event, ms)`.
 */
export function recordWebhookAck(metrics: Pick<Metrics, 'webhookAck'>, event: string, ms: number): void {
  metrics.webhookAck.observe({ event }, Math.max(ms, 0) / 1000);
}
