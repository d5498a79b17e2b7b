import { z } from 'zod';
import { providerNameSchema } from './config-names.ts';

/** Which providers serve one task type, in order of preference. */
export const taskRouteSchema = z
  .strictObject({
    /** Provider tried first when it is allowed (residency, budget, circuit closed). */
    preferred: providerNameSchema.describe('Provider tried first when residency, budget and its circuit breaker allow it.'),
    /** Providers tried next, in this order, when the preferred one is not allowed or fails. */
    fallbacks: z
      .array(providerNameSchema)
      .describe('Providers tried next, in this order, when the preferred one is not allowed or keeps failing.'),
  })
  .superRefine((route, ctx) => {
    const seen = new Set([route.preferred]);
    route.fallbacks.forEach((provider, index) => {
      if (seen.has(provider)) {
        ctx.addIssue({ code: 'custom', path: ['fallbacks', index], message: `provider '${provider}' is listed twice in this route` });
      }
      seen.add(provider);
    });
  });

/** The route of one task type. */
export type TaskRoute = z.output<typeof taskRouteSchema>;
