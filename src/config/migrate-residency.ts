import { childNode, childNodes, deprecate, placeValue, type Migration, type MigrationNode } from './config-migration.ts';

/** Old top-level switches and their key under `enforcement`. */
const SWITCHES = {
  enforce_eu_residency: 'enforce_eu_residency',
  block_non_eu_requests: 'block_non_eu_requests',
  audit_all_requests: 'log_all_requests',
} as const;

/**
 * Rewrites `configs/vendor_residency.yaml` written with aos's older names into the specification's,
 * in place: the top-level switches move into the `enforcement` block (`audit_all_requests` is now
 * `log_all_requests`), and `data_retention: none` is `false`.
 */
export function migrateResidency(migration: Migration, file: string, data: Record<string, unknown>): void {
  for (const [old, key] of Object.entries(SWITCHES)) {
    if (!Object.hasOwn(data, old)) continue;
    const value = data[old];
    delete data[old];
    const from = { file, segments: [old] };
    deprecate(migration, old, from, `use enforcement.${key}`);
    placeValue(migration, data, { file, segments: ['enforcement', key] }, from, value);
  }
  const root: MigrationNode = { file, object: data, canonical: [], original: [] };
  for (const vendor of childNodes(childNode(root, 'vendors'))) {
    if (vendor.object.data_retention !== 'none') continue;
    vendor.object.data_retention = false;
    deprecate(
      migration,
      'data_retention: none',
      { file, segments: [...vendor.original, 'data_retention'] },
      'write false (nothing is kept) instead of none',
    );
  }
}
