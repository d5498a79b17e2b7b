import type { AosConfig } from './build-aos-config.ts';
import { ConfigError, formatConfigProblem } from './config-error.ts';
import { inspectConfig, type InspectConfigOptions } from './inspect-config.ts';

export type { AosConfig } from './build-aos-config.ts';

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions extends InspectConfigOptions {
  /** Receives each warning line (deprecated names, misleading settings); default: printed on stderr. */
  onWarning?: (line: string) => void;
}

/**
 * Loads and validates `policies/finops.yaml`, `configs/model_routing.yaml` and
 * `configs/vendor_residency.yaml` from `configDir` (older key names still load, each with one
 * deprecation line), checks them against each other and applies the endpoint overrides of `env`.
 * Throws one ConfigError listing every problem in every file (file, line, YAML path, what is wrong).
 */
export function loadConfig(options: LoadConfigOptions): AosConfig {
  const inspection = inspectConfig(options);
  if (!inspection.config) throw new ConfigError(inspection.problems);
  const warn = options.onWarning ?? ((line: string) => console.warn(line));
  for (const warning of inspection.warnings) warn(formatConfigProblem(warning));
  return inspection.config;
}
