import { secretFileReadError } from '../policy/edit-guard/index.ts';

/** What a base's tree listing says of one path: enough to tell a file from a link or submodule. */
interface ListedRecord {
  type: string;
  mode: string;
}

/**
 * The tree record of `path` when its content may be read: null when the tree has no such path
 * or it is no regular file (a symlink, mode 120000, or a submodule); throws the `secret_file`
 * error when a listed path is a secret file (the defaults and the repository's `secretFiles`).
 */
export function readableBlobRecord<R extends ListedRecord>(
  records: ReadonlyMap<string, R>,
  path: string,
  secretFiles: readonly string[],
): R | null {
  const record = records.get(path);
  if (record === undefined) return null;
  const secret = secretFileReadError(path, secretFiles);
  if (secret !== null) throw secret;
  return record.type !== 'blob' || record.mode === '120000' ? null : record;
}
