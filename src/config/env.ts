import { ConfigError } from './config-error.ts';
import { describeZodIssues } from './describe-zod-issues.ts';
import { envSchema, type AosEnv } from './env-schema.ts';
import { formatConfigPath } from './format-config-path.ts';

/**
 * Reads and validates the environment variables aos uses (see `envSchema`). Empty or blank values
 * count as unset. Throws one ConfigError with file `environment`, one line per bad variable,
 * never including the value.
 */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): AosEnv {
  const input: Record<string, string> = {};
  for (const name of Object.keys(envSchema.shape)) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') input[name] = value;
  }
  const result = envSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = describeZodIssues(result.error.issues, input).map(({ segments, problem }) => ({
    file: 'environment',
    path: formatConfigPath(segments),
    problem,
  }));
  // Not passing the zod error as cause: its issues may carry the rejected (secret) input.
  throw new ConfigError(problems);
}
