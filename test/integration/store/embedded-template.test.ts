import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmbeddedTemplate } from '#src/store/build-embedded-template.ts';
import { installedPgliteVersion, isTemplateUsable, readTemplateMeta, seedFromTemplate } from '#src/store/embedded-template.ts';
import { migrationStatus } from '#src/store/migrate.ts';
import { openDatabase } from '#src/store/open-database.ts';
import { migrations } from '../../../migrations/index.ts';

describe('the embedded database template', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'aos-template-'));
  const template = path.join(scratch, 'template');
  let built: 'kept' | 'built';

  beforeAll(async () => {
    built = await buildEmbeddedTemplate(template, 'sources-1');
  });
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('is built once, records what made it, and is kept while PGlite and the migration sources stay the same', async () => {
    expect(built).toBe('built');
    expect(readTemplateMeta(template)).toEqual({
      pglite: installedPgliteVersion(),
      migrations: migrations.map((entry) => entry.name),
      sources: 'sources-1',
    });
    expect(fs.existsSync(path.join(template, 'pgdata', 'PG_VERSION'))).toBe(true);
    expect(await buildEmbeddedTemplate(template, 'sources-1')).toBe('kept');
    expect(fs.readdirSync(scratch)).toEqual(['template']);
  });

  it('seeds a new data folder that opens with every migration applied, and leaves an existing one alone', async () => {
    const dataDir = path.join(scratch, 'data');
    const pgdata = path.join(dataDir, 'pgdata');
    expect(seedFromTemplate(pgdata, template)).toBe(true);
    expect(seedFromTemplate(pgdata, template)).toBe(false);
    expect(fs.readdirSync(dataDir)).toEqual(['pgdata']);
    const db = await openDatabase({ dataDir });
    try {
      expect(await migrationStatus(db.knex)).toEqual({ applied: migrations.map((entry) => entry.name), pending: [] });
      await db.knex('budget_alerts').insert({
        kind: 'warning',
        scope: 'global',
        scope_id: '',
        period: 'day',
        period_key: '2026-12-02',
        message: 'seeded copy is writable',
        payload: {},
        created_at: new Date(),
      });
    } finally {
      await db.close();
    }
    // The copy is the data folder's own: the template is unchanged.
    const again = await openDatabase({ dataDir: path.join(scratch, 'other'), embeddedTemplate: template });
    try {
      expect(await again.knex('budget_alerts').count({ n: '*' })).toEqual([{ n: 0 }]);
    } finally {
      await again.close();
    }
  });

  it('is not used when another PGlite made it or it holds a migration this version does not know', () => {
    const meta = readTemplateMeta(template)!;
    expect(isTemplateUsable(meta)).toBe(true);
    expect(isTemplateUsable({ ...meta, pglite: '0.0.1' })).toBe(false);
    expect(isTemplateUsable({ ...meta, migrations: [...meta.migrations, '29991231_0001_from_the_future'] })).toBe(false);
    expect(isTemplateUsable({ ...meta, migrations: meta.migrations.slice(0, 1) })).toBe(true);
    expect(isTemplateUsable(readTemplateMeta(path.join(scratch, 'no-such-template')))).toBe(false);
  });
});
