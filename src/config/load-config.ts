import path from 'node:path';
import type { z } from 'zod';
import { applyEndpointOverrides, type EndpointOverrides } from './apply-endpoint-overrides.ts';
import { CONFIG_FILES } from './config-files.ts';
import { ConfigError, type ConfigProblem } from './config-error.ts';
import { crossValidateConfig } from './cross-validate-config.ts';
import { finopsSchema, type FinopsConfig } from './finops-schema.ts';
import type { YamlSource } from './parse-yaml-document.ts';
import { readYamlSource } from './read-yaml-source.ts';
import { residencySchema, type ResidencyConfig } from './residency-schema.ts';
import { routingSchema, type RoutingConfig } from './routing-schema.ts';
import { validateYamlSource } from './validate-yaml-source.ts';

/** The three validated configuration files. */
export interface AosConfig {
  /** `policies/finops.yaml`. */
  finops: FinopsConfig;
  /** `configs/model_routing.yaml`. */
  routing: RoutingConfig;
  /** `configs/vendor_residency.yaml`. */
  residency: ResidencyConfig;
}

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Folder holding `policies/` and `configs/` (AOS_CONFIG_DIR; the project root by default). */
  configDir: string;
  /** The environment (from loadEnv); its *_BASE_URL / AOS_LOCAL_LLM_URL replace vendor endpoints. */
  env?: EndpointOverrides;
}

/** Loads one file, collecting its problems instead of stopping at the first file. */
function load<S extends z.ZodType>(configDir: string, file: string, schema: S, problems: ConfigProblem[]): { config: z.output<S>; source: YamlSource } | undefined {
  try {
    const source = readYamlSource(path.join(configDir, file));
    return { config: validateYamlSource(source, schema), source };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

/**
 * Loads and validates `policies/finops.yaml`, `configs/model_routing.yaml` and
 * `configs/vendor_residency.yaml` from `configDir`, checks them against each other and applies the
 * endpoint overrides of `env`. Throws
 * one ConfigError listing every problem in every file (file, line, YAML path, what is wrong).
 */
export function loadConfig({ configDir, env = {} }: LoadConfigOptions): AosConfig {
  const problems: ConfigProblem[] = [];
  const finops = load(configDir, CONFIG_FILES.finops, finopsSchema, problems);
  const routing = load(configDir, CONFIG_FILES.routing, routingSchema, problems);
  const residency = load(configDir, CONFIG_FILES.residency, residencySchema, problems);
  if (finops && routing && residency) {
    problems.push(...crossValidateConfig({ finops, routing, residency }));
    if (problems.length === 0) return { finops: finops.config, routing: routing.config, residency: applyEndpointOverrides(residency.config, env) };
  }
  throw new ConfigError(problems);
}
