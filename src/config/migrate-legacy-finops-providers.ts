import { z } from 'zod';
import { deprecate, placeValue, type Migration } from './config-migration.ts';
import { providerNameSchema } from './config-names.ts';
import { validateMigrated } from './validate-migrated.ts';

const count = z.int().positive();
const rate = z.number().min(0, 'a price cannot be negative');

/** aos's former top-level `providers` block of policies/finops.yaml, checked before it is taken apart. */
const legacyProvidersSchema = z.record(
  providerNameSchema,
  z.strictObject({
    max_tokens_per_request: count.optional(),
    max_tokens_per_day: count.optional(),
    models: z
      .record(
        z.string().min(1),
        z.strictObject({
          input_per_1k_eur: rate.optional(),
          output_per_1k_eur: rate.optional(),
          cost_per_1k_tokens: rate.optional(),
          context_window: count.optional(),
          max_output_tokens: count.optional(),
        }),
      )
      .default({}),
  }),
);

/** The fields of a model entry that now live together in configs/model_routing.yaml. */
function pick(entry: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> | undefined {
  const picked = Object.fromEntries(keys.filter((key) => entry[key] !== undefined).map((key) => [key, entry[key]]));
  return Object.keys(picked).length > 0 ? picked : undefined;
}

/**
 * Spreads the old top-level `providers` of policies/finops.yaml over their new homes: the token
 * ceilings into every phase (`phases.<n>.providers.<name>.max_tokens` and `max_tokens_per_day`),
 * the model prices and limits into configs/model_routing.yaml (`prices`, `limits`,
 * `cost_per_1k_tokens` of the provider). A setting given in both places with different values is
 * a conflict, reported at the old place.
 */
export function migrateLegacyFinopsProviders(
  migration: Migration,
  legacy: unknown,
  finops: { file: string; data: Record<string, unknown> },
  routing: { file: string; data: Record<string, unknown> },
): void {
  const at = (...segments: PropertyKey[]) => ({ file: finops.file, segments });
  const parsed = validateMigrated(migration, finops.file, legacy, legacyProvidersSchema, ['providers']);
  if (!parsed.ok) return;
  const phases = typeof finops.data.phases === 'object' && finops.data.phases !== null ? Object.keys(finops.data.phases) : [];
  for (const [provider, entry] of Object.entries(parsed.value)) {
    for (const [old, key] of [
      ['max_tokens_per_request', 'max_tokens'],
      ['max_tokens_per_day', 'max_tokens_per_day'],
    ] as const) {
      if (entry[old] === undefined) continue;
      deprecate(migration, `providers.*.${old}`, at('providers', provider, old), `use phases.<n>.providers.<name>.${key} (per phase)`);
      for (const phase of phases)
        placeValue(migration, finops.data, at('phases', phase, 'providers', provider, key), at('providers', provider, old), entry[old]);
    }
    if (Object.keys(entry.models).length === 0) continue;
    deprecate(
      migration,
      'providers.*.models',
      at('providers', provider, 'models'),
      `move each model's prices and limits to ${routing.file} providers.<name>.prices, .limits or .cost_per_1k_tokens`,
    );
    for (const [model, price] of Object.entries(entry.models)) {
      const from = at('providers', provider, 'models', model);
      const to = (...segments: PropertyKey[]) => ({ file: routing.file, segments: ['providers', provider, ...segments] });
      const rates = pick(price, ['input_per_1k_eur', 'output_per_1k_eur']);
      if (rates) placeValue(migration, routing.data, to('prices', model), from, rates);
      const limits = pick(price, ['context_window', 'max_output_tokens']);
      if (limits) placeValue(migration, routing.data, to('limits', model), from, limits);
      if (price.cost_per_1k_tokens !== undefined)
        placeValue(
          migration,
          routing.data,
          to('cost_per_1k_tokens', model),
          at('providers', provider, 'models', model, 'cost_per_1k_tokens'),
          price.cost_per_1k_tokens,
        );
    }
  }
}
