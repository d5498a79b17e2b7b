import { z } from 'zod';
import { providerNameSchema } from './config-names.ts';
import { providerRoutingSchema } from './provider-routing-schema.ts';
import { taskRouteSchema } from './task-route-schema.ts';

const share = z.number().min(0, 'a weight must be between 0 and 1').max(1, 'a weight must be between 0 and 1');
/** Weights are decimal fractions; allow for binary floating-point error when summing them. */
const SUM_TOLERANCE = 1e-9;

const failoverSchema = z.strictObject({
  max_retries: z.int().min(0).max(10).describe('Retries of a failed call on the same provider before moving to the next one.'),
  retry_delay_ms: z.int().min(0).describe('Delay before the first retry, in ms; later retries back off exponentially from it.'),
  fallback_provider: providerNameSchema.optional().describe("Provider tried last for every task, after the task's own fallback."),
  timeout_ms: z.int().positive().default(120_000).describe('aos: time one model request may take before it is abandoned, in ms.'),
  circuit_breaker: z
    .strictObject({
      failure_threshold: z.int().positive().describe('Consecutive failures that open the circuit; the provider is then skipped.'),
      cooldown_ms: z.int().positive().describe('How long an open circuit stays open before one trial call is let through, in ms.'),
    })
    .default({ failure_threshold: 5, cooldown_ms: 30_000 })
    .describe('aos: per-provider circuit breaker.'),
});

/** `configs/model_routing.yaml`: how the router ranks, prices and fails over between providers. */
export const routingSchema = z
  .strictObject({
    weights: z
      .strictObject({
        cost: share.describe('Weight of cheapness, from the prices below.'),
        latency: share.describe('Weight of speed, from base_latency_ms.'),
        accuracy: share.describe("Weight of quality, from the providers' accuracy."),
      })
      .superRefine((w, ctx) => {
        const sum = w.cost + w.latency + w.accuracy;
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
          ctx.addIssue({
            code: 'custom',
            path: [],
            message: `weights must sum to 1 (cost ${w.cost} + latency ${w.latency} + accuracy ${w.accuracy} = ${Number(sum.toFixed(6))})`,
          });
        }
      })
      .describe('Ranking weights; they must sum to 1. They order the fallbacks of a task when it has more than one.'),
    providers: z
      .record(providerNameSchema, providerRoutingSchema)
      .describe('Per provider: the model per task type, speed, prices and limits.'),
    task_types: z
      .strictObject({
        planning: taskRouteSchema.describe('Route of the planner.'),
        coding: taskRouteSchema.describe('Route of the coder.'),
        review: taskRouteSchema.describe('Route of the critic.'),
        qa: taskRouteSchema.optional().describe('aos: route of QA; unset, the same as review.'),
      })
      .transform((t) => ({ planning: t.planning, coding: t.coding, review: t.review, qa: t.qa ?? t.review }))
      .describe('Provider preference and output cap per task type.'),
    failover: failoverSchema.describe('Retries, the provider of last resort, timeouts and circuit breaking.'),
  })
  .superRefine((routing, ctx) => {
    const known = (provider: string) => Object.hasOwn(routing.providers, provider);
    for (const [task, route] of Object.entries(routing.task_types)) {
      // An omitted qa route is the review route itself: report its problems once, under review.
      if (task === 'qa' && route === routing.task_types.review) continue;
      const names: Array<[PropertyKey[], string]> = [
        [['preferred_provider'], route.preferred_provider],
        ...route.fallback.map((p, i): [PropertyKey[], string] => [['fallback', i], p]),
      ];
      for (const [where, provider] of names) {
        if (!known(provider))
          ctx.addIssue({
            code: 'custom',
            path: ['task_types', task, ...where],
            message: `provider '${provider}' has no entry under providers in this file`,
          });
      }
    }
    const last = routing.failover.fallback_provider;
    if (last !== undefined && !known(last))
      ctx.addIssue({
        code: 'custom',
        path: ['failover', 'fallback_provider'],
        message: `provider '${last}' has no entry under providers in this file`,
      });
  });

/** The validated `configs/model_routing.yaml`. */
export type RoutingConfig = z.output<typeof routingSchema>;
