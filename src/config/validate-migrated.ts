import type { z } from 'zod';
import { formatConfigPath } from './format-config-path.ts';
import { describeZodIssues } from './describe-zod-issues.ts';
import { lineOf, type Migration } from './config-migration.ts';

/**
 * Validates migrated data of `file` against `schema`. Each issue becomes one problem of the
 * migration, pointing at the file, line and path where the operator wrote the value (which may be
 * an older key, or another file). `prefix` is where `data` sits inside the file.
 */
export function validateMigrated<S extends z.ZodType>(
  migration: Migration,
  file: string,
  data: unknown,
  schema: S,
  prefix: readonly PropertyKey[] = [],
): { ok: true; value: z.output<S> } | { ok: false } {
  if (data === null || data === undefined) {
    migration.problems.push({
      file,
      path: formatConfigPath(prefix),
      problem: prefix.length === 0 ? 'file is empty (expected a YAML mapping)' : 'is empty (expected a mapping)',
    });
    return { ok: false };
  }
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  for (const { segments, problem } of describeZodIssues(result.error.issues, data)) {
    const where = lineOf(migration, { file, segments: [...prefix, ...segments] });
    migration.problems.push({ file: where.file, path: formatConfigPath(where.segments), problem, line: where.line });
  }
  return { ok: false };
}
