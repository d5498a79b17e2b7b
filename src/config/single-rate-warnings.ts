import { builtInVendor } from './built-in-vendors.ts';
import type { ConfigProblem } from './config-error.ts';
import { lineOf, type Migration } from './config-migration.ts';
import { formatConfigPath } from './format-config-path.ts';
import type { RoutingConfig } from './routing-schema.ts';

/**
 * One warning per model priced with a single `cost_per_1k_tokens` rate on a vendor that bills
 * output tokens higher than input: aos then charges output at the input rate, so the budget
 * underestimates what the vendor bills.
 */
export function singleRateWarnings(migration: Migration, file: string, routing: RoutingConfig): ConfigProblem[] {
  const warnings: ConfigProblem[] = [];
  for (const [provider, entry] of Object.entries(routing.providers)) {
    const vendor = builtInVendor(provider);
    if (!vendor?.billsOutputSeparately) continue;
    for (const [model, rate] of Object.entries(entry.cost_per_1k_tokens)) {
      if (rate === 0 || entry.prices[model] !== undefined) continue;
      const where = lineOf(migration, { file, segments: ['providers', provider, 'cost_per_1k_tokens', model] });
      warnings.push({
        file: where.file,
        path: formatConfigPath(where.segments),
        line: where.line,
        problem: `one rate (EUR ${rate} per 1k tokens) is charged for input and output, but ${vendor.label} bills output tokens at a higher rate, so aos underestimates this model's cost; give providers.${provider}.prices.${model} with input_per_1k_eur and output_per_1k_eur`,
      });
    }
  }
  return warnings;
}
