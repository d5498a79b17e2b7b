import { builtInVendor } from './built-in-vendors.ts';
import { lineOf, type Migration } from './config-migration.ts';
import { formatConfigPath } from './format-config-path.ts';

/** One effective setting and where its value came from. */
export interface ConfigSetting {
  /** The file it belongs to, as named in messages. */
  file: string;
  /** Its path in the specification's names, e.g. `phases.1.daily_eur_cap`. */
  path: string;
  value: unknown;
  /** `<file>:<line>` (with the older key when it was written under one), `environment variable X`, or `default` with why. */
  origin: string;
}

/** Keys of the validated output that are aos's bookkeeping, not settings. */
const BOOKKEEPING = new Set(['endpoint_env']);

const isLeaf = (value: unknown) =>
  value === null ||
  typeof value !== 'object' ||
  (Array.isArray(value) ? value.every((item) => item === null || typeof item !== 'object') : Object.keys(value).length === 0);

/** Why a value that is in no file has the value it has. */
function defaultOrigin(segments: readonly PropertyKey[]): string {
  const [first, second, third] = segments.map(String);
  if (first === 'vendors' && third === 'eu_host_patterns' && second !== undefined) {
    const vendor = builtInVendor(second);
    return vendor && vendor.euHostPatterns.length > 0 ? `built-in: aos's EU hosts for ${vendor.label}` : 'default: none';
  }
  if (first === 'vendors' && third === 'on_premise') return 'default: from region (on-premise) or the local vendor';
  if (first === 'active_phase') return 'default: the lowest phase';
  if (first === 'task_types' && second === 'qa') return 'default: the review route';
  if (first === 'providers' && third === 'models' && segments[3] === 'qa') return 'default: the review model';
  return 'default';
}

/** Every leaf of `value` (a validated file) as a setting, with where it came from. */
export function configSettings(migration: Migration, file: string, value: unknown): ConfigSetting[] {
  const settings: ConfigSetting[] = [];
  const visit = (node: unknown, segments: PropertyKey[]): void => {
    if (isLeaf(node) && segments.length > 0) {
      const where = lineOf(migration, { file, segments }, { exact: true });
      const renamed = where.file !== file || formatConfigPath(where.segments) !== formatConfigPath(segments);
      const origin =
        where.line === undefined
          ? defaultOrigin(segments)
          : `${where.file}:${where.line}${renamed ? ` (written as ${formatConfigPath(where.segments)})` : ''}`;
      settings.push({ file, path: formatConfigPath(segments), value: node, origin });
      return;
    }
    if (Array.isArray(node)) node.forEach((item, index) => visit(item, [...segments, index]));
    else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) if (!BOOKKEEPING.has(key)) visit(item, [...segments, key]);
    }
  };
  visit(value, []);
  return settings;
}
