import { z } from 'zod';

/** A provider name as used across the three files (`openai`, `anthropic`, `local`). */
export const providerNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'provider names are lower-case letters, digits, "_" and "-"')
  .describe('Provider name, shared by policies/finops.yaml, configs/model_routing.yaml and configs/vendor_residency.yaml.');
