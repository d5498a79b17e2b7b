import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadYamlFile } from './load-yaml-file.ts';
import { packageRealitySchema, type PackageRealityPolicy } from './package-reality-schema.ts';

/** Where the package-reality policy lives, relative to the configuration folder (AOS_CONFIG_DIR). */
export const PACKAGE_REALITY_FILE = 'configs/package_reality.yaml';

/**
 * Loads `configs/package_reality.yaml` from `configDir`, validated (strict: unknown keys are
 * errors, reported as a ConfigError with file, path and line). The file is optional, so that
 * `aos verify-packages` works in any repository: when it is absent the schema's defaults apply,
 * which are the values of the shipped file.
 */
export function loadPackageRealityPolicy(configDir: string): PackageRealityPolicy {
  const file = path.join(configDir, PACKAGE_REALITY_FILE);
  if (!existsSync(file)) return packageRealitySchema.parse({});
  return loadYamlFile(file, packageRealitySchema, PACKAGE_REALITY_FILE);
}
