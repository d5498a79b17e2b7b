import { childNode, childNodes, deprecate, renameKey, type Migration, type MigrationNode } from './config-migration.ts';

const PHASE_NAME = /^phase_([1-9][0-9]*)$/;

/** `0.8` as `80`, without binary floating-point noise (0.8 * 100 is 80.00000000000001). */
const toPercent = (value: unknown) => (typeof value === 'number' ? Number((value * 100).toFixed(6)) : value);

/**
 * Rewrites `policies/finops.yaml` written with aos's older names into the specification's, in
 * place: `phase_1` → `1` (also as `active_phase`), `daily_cap_eur` → `daily_eur_cap`,
 * `monthly_cap_eur` → `monthly_eur_cap`, `alerts.threshold` (a fraction) → `threshold_percent`,
 * a bare channel kind → `{type}`. The old top-level `providers` block is taken out and returned:
 * its parts belong to the phases and to configs/model_routing.yaml now.
 */
export function migrateFinops(migration: Migration, file: string, data: Record<string, unknown>): { legacyProviders: unknown } | undefined {
  const root: MigrationNode = { file, object: data, canonical: [], original: [] };
  const phases = childNode(root, 'phases');
  if (phases) {
    const written = new Map<string, string>();
    for (const key of Object.keys(phases.object)) {
      const number = PHASE_NAME.exec(key)?.[1];
      if (number === undefined) continue;
      renameKey(migration, data, phases, key, number, { rule: 'phases.phase_<n>', use: `number the phases (${key} → ${number})` });
      written.set(number, key);
    }
    for (const phase of childNodes(phases)) {
      const key = String(phase.canonical.at(-1));
      const node = { ...phase, original: [...phases.original, written.get(key) ?? key] };
      renameKey(migration, data, node, 'daily_cap_eur', 'daily_eur_cap', { rule: 'daily_cap_eur', use: 'use daily_eur_cap' });
      renameKey(migration, data, node, 'monthly_cap_eur', 'monthly_eur_cap', { rule: 'monthly_cap_eur', use: 'use monthly_eur_cap' });
    }
  }
  const active = typeof data.active_phase === 'string' ? PHASE_NAME.exec(data.active_phase)?.[1] : undefined;
  if (active !== undefined) {
    deprecate(migration, 'active_phase', { file, segments: ['active_phase'] }, `write active_phase: ${active}`);
    data.active_phase = Number(active);
  }
  const alerts = childNode(root, 'alerts');
  if (alerts) {
    renameKey(migration, data, alerts, 'threshold', 'threshold_percent', {
      rule: 'alerts.threshold',
      use: 'use threshold_percent (80 instead of 0.8)',
      convert: toPercent,
    });
    const channels = alerts.object.channels;
    if (Array.isArray(channels)) {
      channels.forEach((channel: unknown, index) => {
        if (typeof channel !== 'string') return;
        channels[index] = { type: channel };
        migration.moves.push({
          to: { file, segments: ['alerts', 'channels', index, 'type'] },
          from: { file, segments: ['alerts', 'channels', index] },
        });
        deprecate(
          migration,
          'alerts.channels',
          { file, segments: ['alerts', 'channels', index] },
          `write each channel as {type: ${channel}, destination: ...}`,
        );
      });
    }
  }
  if (!Object.hasOwn(data, 'providers')) return undefined;
  const legacyProviders = data.providers;
  delete data.providers;
  return { legacyProviders };
}
