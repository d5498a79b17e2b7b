import fs from 'node:fs';
import { contractSchema, type Contract } from './contract-schema.ts';
import { UsageFailure } from './usage-failure.ts';

/** Reads and validates a contract file; a missing or invalid one is a {@link UsageFailure}. */
export function loadContract(file: string): Contract {
  if (!fs.existsSync(file)) throw new UsageFailure(`contract file not found: ${file}`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageFailure(`${file}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = contractSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageFailure(
      `${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`,
    );
  for (const pattern of parsed.data.forbidden_markers.patterns) {
    try {
      new RegExp(pattern.regex, pattern.flags);
    } catch (error) {
      throw new UsageFailure(
        `${file}: forbidden_markers: invalid regular expression ${pattern.regex}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  for (const kind of new Set(parsed.data.deliverables.map((group) => group.kind))) {
    if (!parsed.data.deliverable_kinds[kind]) throw new UsageFailure(`${file}: deliverables: kind "${kind}" is not in deliverable_kinds`);
  }
  return parsed.data;
}
