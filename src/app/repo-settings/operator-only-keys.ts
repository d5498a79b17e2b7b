import { z } from 'zod';

/**
 * Keys that would let a repository choose where its code and prompts are sent or whose money is
 * spent. They are named here (rather than left to the generic unknown-key error) so that whoever
 * wrote them learns why they are refused.
 */
export const OPERATOR_ONLY_KEYS = [
  'providers',
  'provider',
  'endpoints',
  'endpoint',
  'models',
  'model',
  'api_keys',
  'api_key',
  'openai',
  'anthropic',
  'local',
  'base_url',
  'residency',
] as const;

/** Always fails when the key is present; absent is fine. */
function operatorOnly(key: string) {
  const message = `${key} cannot be set per repository: model providers, endpoints and keys are the operator's (a repository's contributors must not redirect them)`;
  return (
    z
      .unknown()
      .superRefine((_value, ctx) => {
        ctx.addIssue({ code: 'custom', message });
      })
      .optional()
      // In the JSON Schema too: `not: {}` accepts no value, so editors flag the key with this text.
      .meta({ description: message, not: {} })
  );
}

/** Schema fields for OPERATOR_ONLY_KEYS, to spread into the settings object schema. */
export function operatorOnlyFields(): Record<(typeof OPERATOR_ONLY_KEYS)[number], ReturnType<typeof operatorOnly>> {
  return Object.fromEntries(OPERATOR_ONLY_KEYS.map((key) => [key, operatorOnly(key)])) as Record<
    (typeof OPERATOR_ONLY_KEYS)[number],
    ReturnType<typeof operatorOnly>
  >;
}
