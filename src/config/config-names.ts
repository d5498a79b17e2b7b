import { z } from 'zod';

/** A provider name as used across the three files (`openai`, `anthropic`, `local`). */
export const providerNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'provider names are lower-case letters, digits, "_" and "-"')
  .describe('Provider name, shared by policies/finops.yaml, configs/model_routing.yaml and configs/vendor_residency.yaml.');

/** The kinds of work aos routes; `qa` is aos's own and defaults to the `review` route and models. */
export const TASK_TYPES = ['planning', 'coding', 'review', 'qa'] as const;

/** One kind of work with its own route. */
export type ConfigTaskType = (typeof TASK_TYPES)[number];
