import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';

/** One tar entry as a test writes it: GitHub's archives use `0` files, `2` symlinks, `5` folders and one `g` pax global header. */
export interface TarEntry {
  name: string;
  /** `0` file, `1` hard link, `2` symlink, `3` character device, `5` folder, `g` pax global header, `x` pax header. */
  type?: '0' | '1' | '2' | '3' | '5' | 'g' | 'x';
  content?: Buffer | string;
  /** The size the header claims; the content's length by default (a lie makes a hostile entry). */
  size?: number;
  linkname?: string;
  mode?: number;
}

const BLOCK = 512;
const END = Buffer.alloc(BLOCK * 2);

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** A ustar header block; sizes over 8 GB in GNU base-256, as tar does. */
function header(entry: TarEntry, size: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(entry.name.slice(0, 100), 0, 'utf8');
  block.write(octal(entry.mode ?? (entry.type === '5' ? 0o755 : 0o644), 8), 100);
  block.write(octal(0, 8), 108);
  block.write(octal(0, 8), 116);
  if (size < 8 ** 11) block.write(octal(size, 12), 124);
  else {
    block[124] = 0x80;
    let rest = BigInt(size);
    for (let index = 135; index > 124; index -= 1) {
      block[index] = Number(rest & 0xffn);
      rest >>= 8n;
    }
  }
  block.write(octal(1_700_000_000, 12), 136);
  block.write(' '.repeat(8), 148);
  block.write(entry.type ?? '0', 156);
  if (entry.linkname !== undefined) block.write(entry.linkname.slice(0, 100), 157, 'utf8');
  block.write('ustar\0', 257);
  block.write('00', 263);
  const sum = block.reduce((total, byte) => total + byte, 0);
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 2;
  while (`${length}${body}`.length !== length) length += 1;
  return `${length}${body}`;
}

/** The blocks of one entry: a pax header first when the name or link is too long for ustar. */
export function tarEntry(entry: TarEntry): Buffer {
  const content = entry.content === undefined ? Buffer.alloc(0) : Buffer.from(entry.content);
  const parts: Buffer[] = [];
  if (Buffer.byteLength(entry.name) > 100 || Buffer.byteLength(entry.linkname ?? '') > 100) {
    const pax = paxRecord('path', entry.name) + (entry.linkname === undefined ? '' : paxRecord('linkpath', entry.linkname));
    parts.push(tarEntry({ name: 'PaxHeader', type: 'x', content: pax }));
  }
  parts.push(header(entry, entry.size ?? content.length), content, Buffer.alloc((BLOCK - (content.length % BLOCK)) % BLOCK));
  return Buffer.concat(parts);
}

/** A whole gzipped tarball in memory. */
export function tarGz(entries: Iterable<TarEntry>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    lazyTarGz(entries)
      .on('data', (chunk: Buffer) => chunks.push(chunk))
      .on('end', () => resolve(Buffer.concat(chunks)))
      .on('error', reject);
  });
}

/**
 * A gzipped tarball made as it is read: entries are pulled from `entries` only when the reader
 * asks for more, so a test can hand out a million entries without holding them. `complete: false` leaves
 * off the end-of-archive blocks (a stream cut short).
 */
export function lazyTarGz(entries: Iterable<TarEntry>, options: { complete?: boolean } = {}): Readable {
  function* blocks(): Generator<Buffer> {
    for (const entry of entries) yield tarEntry(entry);
    if (options.complete !== false) yield END;
  }
  return Readable.from(blocks(), { objectMode: false }).pipe(createGzip({ level: 1 }));
}

/** One file of `githubTarEntries`: path, content, and its git mode (`100644` by default; `120000` content is the link target). */
export type TarFile = [path: string, content: string | Buffer, mode?: string];

/**
 * GitHub's tarball of `files`: the pax global header with the commit id, then `<top>/…` with its
 * folders, as `git archive` writes them (executables 0755, symlinks as links, a submodule as an empty folder).
 */
export function githubTarEntries(top: string, commitSha: string, files: Iterable<TarFile>): TarEntry[] {
  const entries: TarEntry[] = [
    { name: 'pax_global_header', type: 'g', content: paxRecord('comment', commitSha) },
    { name: `${top}/`, type: '5' },
  ];
  const folders = new Set<string>();
  for (const [path, content, mode = '100644'] of files) {
    const segments = path.split('/');
    for (let depth = 1; depth < segments.length; depth += 1) {
      const folder = segments.slice(0, depth).join('/');
      if (!folders.has(folder)) {
        folders.add(folder);
        entries.push({ name: `${top}/${folder}/`, type: '5' });
      }
    }
    if (mode === '120000') entries.push({ name: `${top}/${path}`, type: '2', linkname: Buffer.from(content).toString('utf8') });
    else if (mode === '160000') entries.push({ name: `${top}/${path}/`, type: '5' });
    else entries.push({ name: `${top}/${path}`, content, mode: mode === '100755' ? 0o755 : 0o644 });
  }
  return entries;
}

/** The bytes of a whole tarball, gzipped in one go (small archives and test doubles). */
export function tarGzSync(entries: Iterable<TarEntry>): Buffer {
  return gzipSync(Buffer.concat([...[...entries].map(tarEntry), END]), { level: 1 });
}
