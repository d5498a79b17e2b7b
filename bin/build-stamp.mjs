// What a build of dist/ is made from, and a stamp of that state: every source file's path, size and
// modification time. `scripts/build.mjs` writes the stamp beside the bundle; the entries in bin/ run
// the bundle only while the stamp still matches, so nobody runs code older than the sources.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Folders whose files go into the bundle. */
const SOURCE_FOLDERS = ['src', 'migrations'];
/** Single files that change what the bundle holds. */
const SOURCE_FILES = ['package.json', 'tsconfig.json', 'scripts/build.mjs'];

/** Where the build writes its stamp, relative to the project root. */
export const STAMP_FILE = 'dist/build-stamp.json';

// Paths are joined with "/" rather than path.join: this runs on every start of `aos`, and
// normalising some 450 paths costs more than the rest of the check. Node accepts "/" everywhere.

/** Every file under `folder` (relative to `root`), depth first, in name order. */
function listFiles(root, folder, into) {
  const entries = fs.readdirSync(`${root}/${folder}`, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const file = `${folder}/${entry.name}`;
    if (entry.isDirectory()) listFiles(root, file, into);
    else into.push(file);
  }
  return into;
}

/** The stamp of the sources under `root` as they are now (a SHA-256 of paths, sizes and mtimes). */
export function sourceStamp(root) {
  const files = SOURCE_FOLDERS.reduce((into, folder) => listFiles(root, folder, into), [...SOURCE_FILES]);
  const lines = files.map((file) => {
    const stat = fs.statSync(`${root}/${file}`, { throwIfNoEntry: false });
    return stat ? `${file}\0${stat.size}\0${stat.mtimeMs}` : `${file}\0missing`;
  });
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** True when dist/ holds a build of exactly the sources under `root` as they are now. */
export function isBuildCurrent(root) {
  let written;
  try {
    written = JSON.parse(fs.readFileSync(path.join(root, STAMP_FILE), 'utf8')).stamp;
  } catch {
    return false;
  }
  return written === sourceStamp(root);
}
