import type { ConfigProblem } from './config-error.ts';
import type { FinopsConfig } from './finops-schema.ts';
import { findYamlLine } from './find-yaml-line.ts';
import { formatConfigPath } from './format-config-path.ts';
import type { YamlSource } from './parse-yaml-document.ts';
import type { ResidencyConfig } from './residency-schema.ts';
import type { RoutingConfig } from './routing-schema.ts';

/** The three validated files and their parsed sources, for pointing at lines. */
export interface ConfigSources {
  finops: { config: FinopsConfig; source: YamlSource };
  routing: { config: RoutingConfig; source: YamlSource };
  residency: { config: ResidencyConfig; source: YamlSource };
}

/**
 * Checks what no single file can: every provider the routing names is declared (with a price for
 * its model) in finops, and every finops provider has a residency entry, since a provider whose
 * residency cannot be decided must never be called.
 */
export function crossValidateConfig({ finops, routing, residency }: ConfigSources): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const report = (source: YamlSource, segments: PropertyKey[], problem: string): void => {
    problems.push({ file: source.file, path: formatConfigPath(segments), problem, line: findYamlLine(source, segments) });
  };
  const providers = finops.config.providers;
  const unknown = (name: string): string => `unknown provider '${name}': not declared under providers in ${finops.source.file}`;

  for (const [task, route] of Object.entries(routing.config.task_types)) {
    // An omitted qa route is the review route itself; its problems are reported under review.
    if (task === 'qa' && route === routing.config.task_types.review) continue;
    if (!Object.hasOwn(providers, route.preferred)) report(routing.source, ['task_types', task, 'preferred'], unknown(route.preferred));
    route.fallbacks.forEach((name, index) => {
      if (!Object.hasOwn(providers, name)) report(routing.source, ['task_types', task, 'fallbacks', index], unknown(name));
    });
  }
  for (const [name, entry] of Object.entries(routing.config.providers)) {
    const limits = providers[name];
    if (!limits) report(routing.source, ['providers', name], unknown(name));
    else if (!Object.hasOwn(limits.models, entry.model)) {
      report(routing.source, ['providers', name, 'model'], `model '${entry.model}' has no price under providers.${name}.models in ${finops.source.file}`);
    }
  }
  for (const name of Object.keys(providers)) {
    if (!Object.hasOwn(residency.config.vendors, name)) {
      report(residency.source, ['vendors', name], `missing: provider '${name}' is declared in ${finops.source.file} but has no residency entry`);
    }
  }
  return problems;
}
