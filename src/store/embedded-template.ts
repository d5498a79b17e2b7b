import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrations } from '../../migrations/index.ts';

/**
 * A data folder of the embedded engine made when aos is built (`npm install`, `npm run build`):
 * initialised and migrated once, then copied into each new data folder on its first start, which
 * otherwise spends most of that start in PostgreSQL's initdb and the migrations. The copy is used
 * only when it was made by the installed PGlite and holds no migration aos does not know; the
 * migrations it lacks are applied after the copy like on any existing database.
 *
 * Layout: `<template>/meta.json` (what made it) and `<template>/pgdata/` (the data folder).
 */
export interface EmbeddedTemplateMeta {
  /** Version of @electric-sql/pglite that made the folder. */
  pglite: string;
  /** Names of the migrations applied in it. */
  migrations: string[];
  /** A digest of the migration sources it was made from; the build remakes the template when it changes. */
  sources: string;
}

const require = createRequire(import.meta.url);

/** The installed PGlite's version (its package.json, beside the entry point). */
export function installedPgliteVersion(): string {
  const entry = require.resolve('@electric-sql/pglite');
  const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** Where the build puts the template: `dist/pglite-template` under the project root (the nearest folder up with a package.json). */
export function defaultEmbeddedTemplate(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'pglite-template');
}

/** The template's record of what made it, or null when there is none or it cannot be read. */
export function readTemplateMeta(template: string): EmbeddedTemplateMeta | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(template, 'meta.json'), 'utf8')) as EmbeddedTemplateMeta;
  } catch {
    return null;
  }
}

/** True when the template may seed a data folder for this installation (see the interface's comment). */
export function isTemplateUsable(meta: EmbeddedTemplateMeta | null): meta is EmbeddedTemplateMeta {
  if (!meta || meta.pglite !== installedPgliteVersion()) return false;
  const known = new Set(migrations.map((entry) => entry.name));
  return meta.migrations.every((name) => known.has(name));
}

/** Copies a folder tree file by file (copy-on-write where the file system can). */
function copyTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target);
    else fs.copyFileSync(source, target, fs.constants.COPYFILE_FICLONE);
  }
}

/**
 * Fills a new (missing or empty) data folder from the template; returns whether it did. The copy
 * is made beside the folder and renamed into place, so a process that dies half-way leaves no
 * half-made database, and of two processes starting on the same new folder one copy wins.
 */
export function seedFromTemplate(pgdata: string, template: string): boolean {
  if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length > 0) return false;
  if (!isTemplateUsable(readTemplateMeta(template))) return false;
  const staging = `${pgdata}.seeding-${process.pid}`;
  try {
    copyTree(path.join(template, 'pgdata'), staging);
    // rmdir removes only an empty folder: one another process has just filled stays.
    if (fs.existsSync(pgdata)) fs.rmdirSync(pgdata);
    fs.renameSync(staging, pgdata);
    return true;
  } catch {
    // Another process seeded the folder first, or the copy failed: the engine initialises whatever is there.
    fs.rmSync(staging, { recursive: true, force: true });
    return false;
  }
}
