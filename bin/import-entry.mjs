// Loads one entry of aos: the compiled bundle in dist/ when it is a build of the current sources
// (see build-stamp.mjs), else the TypeScript sources through tsx, so an edited source is never
// shadowed by an older build. `npm install` (the prepare script) and `npm run build` make dist/.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isBuildCurrent } from './build-stamp.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Imports `dist/<name>.js`, or `src/<name>.ts` through tsx when the build is missing or stale. */
export async function importEntry(name) {
  if (isBuildCurrent(ROOT)) return import(pathToFileURL(path.join(ROOT, 'dist', `${name}.js`)).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(path.join(ROOT, 'src', `${name}.ts`)).href);
}
