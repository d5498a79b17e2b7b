import { z } from 'zod';
import { providerNameSchema } from './config-names.ts';

/** Which providers serve one task type, in order of preference, and its output cap. */
export const taskRouteSchema = z
  .strictObject({
    preferred_provider: providerNameSchema.describe(
      'Provider tried first when residency, the phase, the budget and its circuit breaker allow it.',
    ),
    fallback: z
      .union([providerNameSchema, z.array(providerNameSchema)])
      .optional()
      .describe(
        'Provider tried next when the preferred one is not allowed or keeps failing. aos also takes a list, ranked by the weights.',
      ),
    max_tokens: z
      .int()
      .positive()
      .optional()
      .describe('Most output tokens one call of this task may ask for (the completion, not the prompt).'),
  })
  .transform((route, ctx) => {
    const fallback = route.fallback === undefined ? [] : typeof route.fallback === 'string' ? [route.fallback] : route.fallback;
    const seen = new Set([route.preferred_provider]);
    fallback.forEach((provider, index) => {
      if (seen.has(provider)) {
        const path = typeof route.fallback === 'string' ? ['fallback'] : ['fallback', index];
        ctx.issues.push({ code: 'custom', input: provider, path, message: `provider '${provider}' is listed twice in this route` });
      }
      seen.add(provider);
    });
    return { preferred_provider: route.preferred_provider, fallback, max_tokens: route.max_tokens };
  });

/** The route of one task type: `fallback` always a list. */
export type TaskRoute = z.output<typeof taskRouteSchema>;
