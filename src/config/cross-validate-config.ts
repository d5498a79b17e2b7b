import type { ConfigProblem } from './config-error.ts';
import { lineOf, type Migration } from './config-migration.ts';
import type { FinopsFile } from './finops-schema.ts';
import { formatConfigPath } from './format-config-path.ts';
import type { ResidencyConfig } from './residency-schema.ts';
import type { RoutingConfig } from './routing-schema.ts';

/** The three validated files and the names they are known by in messages. */
export interface ConfigFiles {
  finops: { file: string; config: FinopsFile };
  routing: { file: string; config: RoutingConfig };
  residency: { file: string; config: ResidencyConfig };
}

/**
 * Checks what no single file can: every provider a route names has a model for that task, with a
 * price (aos refuses to call a model it cannot cost), and a residency entry (a provider whose
 * residency cannot be decided is never called); every provider a phase limits is one routing knows.
 */
export function crossValidateConfig(migration: Migration, { finops, routing, residency }: ConfigFiles): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const report = (file: string, segments: PropertyKey[], problem: string): void => {
    const where = lineOf(migration, { file, segments });
    problems.push({ file: where.file, path: formatConfigPath(where.segments), problem, line: where.line });
  };
  const providers = routing.config.providers;
  const last = routing.config.failover.fallback_provider;
  const checked = new Set<string>();
  for (const [task, route] of Object.entries(routing.config.task_types)) {
    // An omitted qa route is the review route itself, with the review models: checked under review.
    if (task === 'qa' && route === routing.config.task_types.review) continue;
    for (const name of new Set([route.preferred_provider, ...route.fallback, ...(last === undefined ? [] : [last])])) {
      const entry = providers[name];
      if (!entry || checked.has(`${name}/${task}`)) continue;
      checked.add(`${name}/${task}`);
      const model = entry.models[task as keyof typeof entry.models];
      if (model === undefined) {
        report(
          routing.file,
          ['providers', name, 'models'],
          `no model for ${task}: ${name} serves ${task} (task_types.${task}${name === last ? ' or failover.fallback_provider' : ''})`,
        );
      } else if (entry.prices[model] === undefined && entry.cost_per_1k_tokens[model] === undefined) {
        report(
          routing.file,
          ['providers', name, 'models', task],
          `model '${model}' has no price: add providers.${name}.cost_per_1k_tokens.${model} or providers.${name}.prices.${model}; aos refuses to call a model it cannot cost`,
        );
      }
    }
  }
  for (const name of Object.keys(providers)) {
    if (!Object.hasOwn(residency.config.vendors, name)) {
      report(
        residency.file,
        ['vendors', name],
        `missing: provider '${name}' is in ${routing.file} but has no residency entry, so it could never be called`,
      );
    }
  }
  for (const [phase, caps] of Object.entries(finops.config.phases)) {
    for (const name of Object.keys(caps.providers)) {
      if (!Object.hasOwn(providers, name))
        report(finops.file, ['phases', phase, 'providers', name], `unknown provider '${name}': not under providers in ${routing.file}`);
    }
  }
  return problems;
}
