import { decodeTextBlob } from './decode-text-blob.ts';
import type { TreeEntry, WorkspaceBase } from '../agents/workspace-types.ts';

/** A base file as the overlay sees it. */
export type BaseFile =
  | { state: 'absent' }
  | { state: 'text'; text: string; mode: string }
  | { state: 'unreadable'; why: string; rule: 'binary' | 'too_large' | 'path_outside_repo' };

/** Cached, read-only access to a workspace base: its tree and its text files. */
export interface BaseView {
  entries(): Promise<ReadonlyMap<string, TreeEntry>>;
  file(path: string): Promise<BaseFile>;
}

const REGULAR_MODES = new Set(['100644', '100755']);

/**
 * Wraps a `WorkspaceBase` so that its tree is listed once and each file read once. Files over
 * `maxFileBytes`, binary files, symlinks and submodules are `unreadable`, with why.
 */
export function createBaseView(base: WorkspaceBase, maxFileBytes: number): BaseView {
  let tree: Promise<Map<string, TreeEntry>> | undefined;
  const files = new Map<string, Promise<BaseFile>>();
  const entries = (): Promise<Map<string, TreeEntry>> =>
    (tree ??= base.listTree().then((list) => new Map(list.map((entry) => [entry.path, entry]))));
  const load = async (path: string): Promise<BaseFile> => {
    const entry = (await entries()).get(path);
    if (entry === undefined) return { state: 'absent' };
    if (!REGULAR_MODES.has(entry.mode))
      return { state: 'unreadable', why: entry.mode === '120000' ? 'a symbolic link' : 'a submodule', rule: 'path_outside_repo' };
    if (entry.size > maxFileBytes) return { state: 'unreadable', why: `larger than ${maxFileBytes} bytes`, rule: 'too_large' };
    const bytes = await base.readBlob(path);
    if (bytes === null) return { state: 'absent' };
    const decoded = decodeTextBlob(bytes, maxFileBytes);
    if (!decoded.ok)
      return decoded.why === 'binary'
        ? { state: 'unreadable', why: 'a binary file', rule: 'binary' }
        : { state: 'unreadable', why: `larger than ${maxFileBytes} bytes`, rule: 'too_large' };
    return { state: 'text', text: decoded.text, mode: entry.mode };
  };
  return {
    entries,
    file(path) {
      let file = files.get(path);
      if (file === undefined) {
        file = load(path);
        files.set(path, file);
      }
      return file;
    },
  };
}
