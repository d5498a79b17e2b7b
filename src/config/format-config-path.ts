/** A key that can be written bare in a dotted path; anything else is quoted so dots stay unambiguous. */
const BARE_KEY = /^(?:[A-Za-z_][A-Za-z0-9_-]*|[0-9]+)$/;

/**
 * Turns a schema issue path into the dotted form operators see in messages:
 * `providers.openai.prices.gpt-4o.input_per_1k_eur`, `task_types.coding.fallback[1]`, `phases.1.daily_eur_cap`,
 * `providers.local.limits["Qwen/Qwen2.5-Coder-32B-Instruct"]`.
 */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      if (!BARE_KEY.test(key)) out += `[${JSON.stringify(key)}]`;
      else out += out === '' ? key : `.${key}`;
    }
  }
  return out;
}
