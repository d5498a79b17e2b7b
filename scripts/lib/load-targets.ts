import fs from 'node:fs';
import { parse } from 'yaml';
import { targetsSchema, type Targets } from './targets-schema.ts';
import { UsageFailure } from './usage-failure.ts';

/** Reads and validates a targets file; a missing or invalid file is a {@link UsageFailure}. */
export function loadTargets(file: string): Targets {
  if (!fs.existsSync(file)) throw new UsageFailure(`targets file not found: ${file}`);
  let raw: unknown;
  try {
    raw = parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageFailure(`${file}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = targetsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UsageFailure(
      `${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
