import fs from 'node:fs';
import path from 'node:path';
import { migrations } from '../../migrations/index.ts';
import { installedPgliteVersion, readTemplateMeta, type EmbeddedTemplateMeta } from './embedded-template.ts';
import { migrateLatest } from './migrate.ts';
import { openDatabase } from './open-database.ts';

/**
 * Makes the embedded engine's template (see embedded-template.ts) at `template`: a new PGlite data
 * folder with every migration applied, shut down cleanly. `sources` is a digest of the migration
 * sources; a template made by the same PGlite from the same sources is kept as it is. Run by
 * scripts/build.mjs; the folder is made beside `template` and renamed into place.
 */
export async function buildEmbeddedTemplate(template: string, sources: string): Promise<'kept' | 'built'> {
  const names = migrations.map((entry) => entry.name);
  const pglite = installedPgliteVersion();
  const existing = readTemplateMeta(template);
  if (existing && existing.pglite === pglite && existing.sources === sources && existing.migrations.join() === names.join()) return 'kept';
  const staging = `${template}.building-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const db = await openDatabase({ dataDir: staging });
  try {
    await migrateLatest(db.knex);
  } finally {
    await db.close();
  }
  const meta: EmbeddedTemplateMeta = { pglite, migrations: names, sources };
  fs.writeFileSync(path.join(staging, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  fs.rmSync(template, { recursive: true, force: true });
  fs.renameSync(staging, template);
  return 'built';
}
