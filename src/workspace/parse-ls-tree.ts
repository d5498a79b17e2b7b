/** One record of `git ls-tree -z` (with or without `-l`). */
export interface LsTreeRecord {
  mode: string;
  type: string;
  oid: string;
  /** Size in bytes with `-l` for blobs; 0 otherwise. */
  size: number;
  path: string;
}

/** Parses the NUL-separated output of `git ls-tree -z [-l] [-r]`: `<mode> <type> <oid>[ <size>]\t<path>`. */
export function parseLsTree(output: Buffer): LsTreeRecord[] {
  const records: LsTreeRecord[] = [];
  for (const record of output.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [mode = '', type = '', oid = '', size = '-'] = record.slice(0, tab).split(/ +/);
    records.push({ mode, type, oid, size: /^\d+$/.test(size) ? Number(size) : 0, path: record.slice(tab + 1) });
  }
  return records;
}
