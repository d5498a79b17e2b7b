import fs from 'node:fs';
import path from 'node:path';

const SKIPPED = new Set(['node_modules', '.git', '.aos', 'dist']);

/** Every file under `dir` (recursively, skipping node_modules, .git, .aos and dist), as absolute paths, sorted. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(full));
    else if (entry.isFile()) files.push(full);
  }
  return files.sort();
}
