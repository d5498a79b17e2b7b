#!/usr/bin/env node
// `npm run build`, and `prepare` (so `npm install` and `npm ci` build too). Two steps:
// 1. Bundles the entries, src/cli/main.ts (`aos`) and src/main.ts (`npm start`), into dist/ as ES
//    modules with esbuild. Code splitting puts what entries and commands share into chunks and
//    every dynamic import into its own, so a command loads only its own code. Packages in
//    node_modules stay outside the bundle.
// 2. Makes dist/pglite-template, the embedded database's data folder initialised and migrated,
//    which a new data folder starts as a copy of (src/store/embedded-template.ts). It is kept from
//    the last build when PGlite and the migration sources are the same.
// The stamp of the sources is taken before bundling and written last: an edit made meanwhile, or
// a build that fails half-way, leaves dist/ stale, and bin/ then runs the sources instead.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { stdout } from 'node:process';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { STAMP_FILE, sourceStamp } from '../bin/build-stamp.mjs';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'dist');
const TEMPLATE = 'pglite-template';
const started = Date.now();
const stamp = sourceStamp(root);

fs.mkdirSync(outdir, { recursive: true });
for (const entry of fs.readdirSync(outdir)) if (entry !== TEMPLATE) fs.rmSync(path.join(outdir, entry), { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: {
    'cli/main': 'src/cli/main.ts',
    main: 'src/main.ts',
    'store/build-embedded-template': 'src/store/build-embedded-template.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // Error classes set `name` from their class name; bundling must not rename them.
  keepNames: true,
  // Linked maps for `node --enable-source-maps`; Node does not read them otherwise.
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
const bundled = Date.now();

const migrationSources = createHash('sha256');
for (const file of fs.readdirSync(path.join(root, 'migrations')).sort())
  migrationSources.update(`${file}\0`).update(fs.readFileSync(path.join(root, 'migrations', file)));
const { buildEmbeddedTemplate } = await import(pathToFileURL(path.join(outdir, 'store/build-embedded-template.js')).href);
const template = await buildEmbeddedTemplate(path.join(outdir, TEMPLATE), migrationSources.digest('hex'));

fs.writeFileSync(path.join(root, STAMP_FILE), `${JSON.stringify({ stamp, built_at: new Date().toISOString() })}\n`);
stdout.write(`aos: built dist/ (bundle ${bundled - started} ms, embedded database template ${template} in ${Date.now() - bundled} ms)\n`);
