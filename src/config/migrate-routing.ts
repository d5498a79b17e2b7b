import { childNode, childNodes, deprecate, renameKey, type Migration, type MigrationNode } from './config-migration.ts';

/**
 * Rewrites `configs/model_routing.yaml` written with aos's older names into the specification's,
 * in place: `preferred` → `preferred_provider`, `fallbacks` → `fallback`, one `model` per provider
 * → `models` per task type. The relative `latency` score stays readable but is deprecated in
 * favour of `base_latency_ms`, which a score cannot be converted to.
 */
export function migrateRouting(migration: Migration, file: string, data: Record<string, unknown>): void {
  const root: MigrationNode = { file, object: data, canonical: [], original: [] };
  for (const task of childNodes(childNode(root, 'task_types'))) {
    renameKey(migration, data, task, 'preferred', 'preferred_provider', { rule: 'task_types.*.preferred', use: 'use preferred_provider' });
    renameKey(migration, data, task, 'fallbacks', 'fallback', {
      rule: 'task_types.*.fallbacks',
      use: 'use fallback (a provider, or a list of them)',
    });
  }
  for (const provider of childNodes(childNode(root, 'providers'))) {
    renameKey(migration, data, provider, 'model', 'models', {
      rule: 'providers.*.model',
      use: 'use models, one per task type (planning, coding, review)',
      convert: (model) => (typeof model === 'string' ? { planning: model, coding: model, review: model } : model),
    });
    if (Object.hasOwn(provider.object, 'latency')) {
      deprecate(
        migration,
        'providers.*.latency',
        { file, segments: [...provider.original, 'latency'] },
        'use base_latency_ms (the response time in ms)',
      );
    }
  }
}
