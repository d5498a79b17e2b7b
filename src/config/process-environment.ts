/**
 * A copy of this process's environment, for the one place that hands it on to a child process
 * running code aos did not write (the `--test-cmd` of `aos plan`), which filters it first. Every
 * other module gets the validated `AosEnv` instead; `config/` stays the only reader of
 * `process.env`.
 */
export function processEnvironment(): Readonly<Record<string, string>> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) copy[name] = value;
  return copy;
}
