import { z } from 'zod';
import { providerNameSchema } from './config-names.ts';
import { taskRouteSchema } from './task-route-schema.ts';

const share = z.number().min(0, 'a weight must be between 0 and 1').max(1, 'a weight must be between 0 and 1');
const score = z.number().min(0, 'a score must be between 0 and 1').max(1, 'a score must be between 0 and 1');
/** Weights are decimal fractions; allow for binary floating-point error when summing them. */
const SUM_TOLERANCE = 1e-9;

/** `configs/model_routing.yaml`: how the router ranks and fails over between providers. */
export const routingSchema = z
  .strictObject({
    /** Ranking weights; they must sum to 1. */
    weights: z
      .strictObject({
        /** Weight of cheapness (from the prices in policies/finops.yaml). */
        cost: share.describe('Weight of cheapness, computed from the prices in policies/finops.yaml.'),
        /** Weight of speed (the providers' `latency` scores). */
        latency: share.describe("Weight of speed, from the providers' latency scores."),
        /** Weight of quality (the providers' `accuracy` scores). */
        accuracy: share.describe("Weight of quality, from the providers' accuracy scores."),
      })
      .superRefine((w, ctx) => {
        const sum = w.cost + w.latency + w.accuracy;
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
          ctx.addIssue({ code: 'custom', path: [], message: `weights must sum to 1 (cost ${w.cost} + latency ${w.latency} + accuracy ${w.accuracy} = ${Number(sum.toFixed(6))})` });
        }
      })
      .describe('Ranking weights of cost, latency and accuracy; they must sum to 1.'),
    /** Provider preference per agent task; `qa` defaults to the `review` route. */
    task_types: z
      .strictObject({
        /** Route of the planner. */
        planning: taskRouteSchema.describe('Route of the planner.'),
        /** Route of the coder. */
        coding: taskRouteSchema.describe('Route of the coder.'),
        /** Route of the critic. */
        review: taskRouteSchema.describe('Route of the critic.'),
        /** Route of QA; omitted means the same as `review`. */
        qa: taskRouteSchema.optional().describe('Route of QA; when omitted, the same as review.'),
      })
      .transform((t) => ({ planning: t.planning, coding: t.coding, review: t.review, qa: t.qa ?? t.review }))
      .describe('Provider preference per agent task.'),
    /** Retries, timeouts and circuit breaking. */
    failover: z
      .strictObject({
        /** Retries of a failed call on the same provider before moving to the next. */
        max_retries: z.int().min(0).max(10).describe('Retries of a failed call on the same provider before moving to the next one.'),
        /** Delay before the first retry; later retries back off exponentially from it. */
        retry_delay_ms: z.int().min(0).describe('Delay before the first retry, in ms; later retries back off exponentially from it.'),
        /** Time one model request may take before it is abandoned. */
        timeout_ms: z.int().positive().describe('Time one model request may take before it is abandoned, in ms.'),
        /** Per-provider circuit breaker. */
        circuit_breaker: z
          .strictObject({
            /** Consecutive failures that open the circuit (the provider is skipped). */
            failure_threshold: z.int().positive().describe('Consecutive failures that open the circuit; the provider is then skipped.'),
            /** How long an open circuit stays open before one trial call is let through. */
            cooldown_ms: z.int().positive().describe('How long an open circuit stays open before one trial call is let through, in ms.'),
          })
          .describe('Per-provider circuit breaker.'),
      })
      .describe('Retries, timeouts and circuit breaking.'),
    /** Per-provider model and ranking scores. */
    providers: z
      .record(
        providerNameSchema,
        z.strictObject({
          /** Model used for this provider; must be listed under the provider in policies/finops.yaml. */
          model: z.string().min(1).describe('Model id used on this provider; it must have a price in policies/finops.yaml.'),
          /** Relative speed, 0..1, higher is faster. */
          latency: score.describe('Relative speed, 0..1; higher is faster.'),
          /** Relative quality of results, 0..1, higher is better. */
          accuracy: score.describe('Relative quality of results, 0..1; higher is better.'),
        }),
      )
      .describe('Per-provider model and ranking scores.'),
  })
  .superRefine((routing, ctx) => {
    for (const [task, route] of Object.entries(routing.task_types)) {
      // An omitted qa route is the review route itself: report its problems once, under review.
      if (task === 'qa' && route === routing.task_types.review) continue;
      const names: Array<[PropertyKey[], string]> = [[['preferred'], route.preferred], ...route.fallbacks.map((p, i): [PropertyKey[], string] => [['fallbacks', i], p])];
      for (const [where, provider] of names) {
        if (!Object.hasOwn(routing.providers, provider)) {
          ctx.addIssue({ code: 'custom', path: ['task_types', task, ...where], message: `provider '${provider}' has no entry under providers in this file` });
        }
      }
    }
  });

/** The validated `configs/model_routing.yaml`. */
export type RoutingConfig = z.output<typeof routingSchema>;
