import fs from 'node:fs';
import type { z } from 'zod';
import { createMigration } from './config-migration.ts';
import { configSettings, type ConfigSetting } from './config-settings.ts';
import { ConfigError, type ConfigProblem } from './config-error.ts';
import { readYamlSource } from './read-yaml-source.ts';
import { validateYamlSource } from './validate-yaml-source.ts';

/**
 * One optional YAML file (configs/notifications.yaml, configs/package_reality.yaml) as `aos config
 * check` shows it: its problems, or each setting with its line, defaults when the file is absent.
 */
export function inspectYamlFile<S extends z.ZodType>(
  filePath: string,
  schema: S,
): { problems: ConfigProblem[]; settings: ConfigSetting[] } {
  if (!fs.existsSync(filePath)) {
    return {
      problems: [],
      settings: configSettings(createMigration([]), filePath, schema.parse({})).map((setting) => ({
        ...setting,
        origin: 'default (no file)',
      })),
    };
  }
  try {
    const source = readYamlSource(filePath);
    return { problems: [], settings: configSettings(createMigration([source]), filePath, validateYamlSource(source, schema)) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { problems: [...error.problems], settings: [] };
  }
}
