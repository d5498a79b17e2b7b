import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { ReadText } from './collect-dependency-files.ts';

/**
 * Wraps a reader of files under `root` so it never reads a file whose real location (symbolic
 * links resolved) is outside `root`: such a path is refused, and `read` is not called. A path
 * that does not resolve (absent, a dangling link) goes to `read`, which reports it missing.
 */
export function confineToRepository(root: string, read: ReadText): ReadText {
  let realRoot: Promise<string> | undefined;
  return async (file) => {
    realRoot ??= realpath(root);
    const base = await realRoot;
    let real: string;
    try {
      real = await realpath(path.resolve(root, file));
    } catch {
      return read(file);
    }
    const relative = path.relative(base, real);
    const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
    return outside ? { refused: 'outside the repository through a symbolic link (not read)' } : read(file);
  };
}
