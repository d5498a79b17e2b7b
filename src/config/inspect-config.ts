import path from 'node:path';
import { applyEndpointOverrides, type EndpointOverrides } from './apply-endpoint-overrides.ts';
import { buildAosConfig, type AosConfig } from './build-aos-config.ts';
import { CONFIG_FILES } from './config-files.ts';
import { ConfigError, type ConfigProblem } from './config-error.ts';
import { createMigration, deprecationWarnings } from './config-migration.ts';
import { configSettings, type ConfigSetting } from './config-settings.ts';
import { crossValidateConfig } from './cross-validate-config.ts';
import { finopsSchema } from './finops-schema.ts';
import { migrateFinops } from './migrate-finops.ts';
import { migrateLegacyFinopsProviders } from './migrate-legacy-finops-providers.ts';
import { migrateResidency } from './migrate-residency.ts';
import { migrateRouting } from './migrate-routing.ts';
import type { YamlSource } from './parse-yaml-document.ts';
import { readYamlSource } from './read-yaml-source.ts';
import { residencySchema } from './residency-schema.ts';
import { routingSchema } from './routing-schema.ts';
import { singleRateWarnings } from './single-rate-warnings.ts';
import { validateMigrated } from './validate-migrated.ts';

/** Everything known about the configuration in one folder. */
export interface ConfigInspection {
  /** The joined configuration; null when `problems` is not empty. */
  config: AosConfig | null;
  /** What makes the configuration invalid: one line each, naming file, line, path and problem. */
  problems: ConfigProblem[];
  /** Deprecated names (one per renamed key) and settings that load but misstate something. */
  warnings: ConfigProblem[];
  /** Each effective setting of the three files and where it came from; empty when invalid. */
  settings: ConfigSetting[];
}

/** Options of {@link inspectConfig}. */
export interface InspectConfigOptions {
  /** Folder holding `policies/` and `configs/` (AOS_CONFIG_DIR; the project root by default). */
  configDir: string;
  /** The environment (from loadEnv); its *_BASE_URL / AOS_LOCAL_LLM_URL replace vendor endpoints. */
  env?: EndpointOverrides;
}

const asMapping = (data: unknown): Record<string, unknown> | null =>
  typeof data === 'object' && data !== null && !Array.isArray(data) ? (structuredClone(data) as Record<string, unknown>) : null;

/** Problems ordered as the files are read: by file, then by line (unknown lines last). */
function ordered(problems: ConfigProblem[], files: readonly string[]): ConfigProblem[] {
  const rank = (problem: ConfigProblem) => (files.includes(problem.file) ? files.indexOf(problem.file) : files.length);
  return [...problems].sort((a, b) => rank(a) - rank(b) || (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
}

/**
 * Reads `policies/finops.yaml`, `configs/model_routing.yaml` and `configs/vendor_residency.yaml`,
 * turns older key names into the specification's (each a deprecation warning), validates each
 * file, checks them against each other and joins them. Never throws for bad configuration: every
 * problem of every file is in `problems`.
 */
export function inspectConfig({ configDir, env = {} }: InspectConfigOptions): ConfigInspection {
  const labels = {
    finops: path.join(configDir, CONFIG_FILES.finops),
    routing: path.join(configDir, CONFIG_FILES.routing),
    residency: path.join(configDir, CONFIG_FILES.residency),
  };
  const files = [labels.finops, labels.routing, labels.residency];
  const sources: YamlSource[] = [];
  const problems: ConfigProblem[] = [];
  for (const file of files) {
    try {
      sources.push(readYamlSource(file));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  }
  const invalid = (found: ConfigProblem[], warnings: ConfigProblem[] = []): ConfigInspection => ({
    config: null,
    problems: ordered(found, files),
    warnings,
    settings: [],
  });
  if (problems.length > 0) return invalid(problems);

  const migration = createMigration(sources);
  const [finopsData = null, routingData = null, residencyData = null] = sources.map((source) => asMapping(source.data));
  if (residencyData) migrateResidency(migration, labels.residency, residencyData);
  if (routingData) migrateRouting(migration, labels.routing, routingData);
  const legacy = finopsData ? migrateFinops(migration, labels.finops, finopsData) : undefined;
  if (legacy && finopsData && routingData)
    migrateLegacyFinopsProviders(
      migration,
      legacy.legacyProviders,
      { file: labels.finops, data: finopsData },
      { file: labels.routing, data: routingData },
    );

  const data = (mapping: Record<string, unknown> | null, source: YamlSource | undefined) => mapping ?? source?.data;
  const finops = validateMigrated(migration, labels.finops, data(finopsData, sources[0]), finopsSchema);
  const routing = validateMigrated(migration, labels.routing, data(routingData, sources[1]), routingSchema);
  const residency = validateMigrated(migration, labels.residency, data(residencyData, sources[2]), residencySchema);
  const deprecations = deprecationWarnings(migration);
  if (!finops.ok || !routing.ok || !residency.ok || migration.problems.length > 0) return invalid(migration.problems, deprecations);

  const joined = {
    finops: { file: labels.finops, config: finops.value },
    routing: { file: labels.routing, config: routing.value },
    residency: { file: labels.residency, config: residency.value },
  };
  const cross = crossValidateConfig(migration, joined);
  if (cross.length > 0) return invalid(cross, deprecations);

  const overridden = applyEndpointOverrides(residency.value, env);
  const config = buildAosConfig(finops.value, routing.value, overridden);
  const settings = [
    ...configSettings(migration, labels.finops, finops.value),
    ...configSettings(migration, labels.routing, routing.value),
    ...configSettings(migration, labels.residency, residency.value).map((setting) => {
      const vendor = /^vendors\.([a-z0-9_-]+)\.endpoint$/.exec(setting.path)?.[1];
      const variable = vendor === undefined ? null : (overridden.vendors[vendor]?.endpoint_env ?? null);
      return variable === null
        ? setting
        : { ...setting, value: overridden.vendors[vendor!]?.endpoint, origin: `environment variable ${variable}` };
    }),
  ];
  const warnings = ordered([...deprecations, ...singleRateWarnings(migration, labels.routing, routing.value)], files);
  return { config, problems: [], warnings, settings };
}
