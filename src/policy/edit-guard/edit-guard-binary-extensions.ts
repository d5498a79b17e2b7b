/** File extensions (lower case, no dot) of formats that are binary: aos edits text files only. */
export const BINARY_EXTENSIONS: ReadonlySet<string> = new Set([
  ...['png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'webp', 'tif', 'tiff', 'psd', 'heic', 'avif'],
  ...['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt'],
  ...['zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'tar', 'jar', 'war', 'ear', 'whl', 'nupkg'],
  ...['exe', 'dll', 'so', 'dylib', 'a', 'lib', 'o', 'obj', 'bin', 'class', 'pyc', 'pyo', 'wasm', 'node'],
  ...['woff', 'woff2', 'ttf', 'otf', 'eot'],
  ...['mp3', 'mp4', 'm4a', 'mov', 'avi', 'mkv', 'webm', 'wav', 'ogg', 'flac'],
  ...['sqlite', 'sqlite3', 'db', 'keystore', 'jks', 'p12', 'pfx', 'der'],
]);

/** The binary extension of a path (lower case), or null when its extension is not a binary one. */
export function binaryExtensionOf(path: string): string | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  const extension = name.slice(dot + 1).toLowerCase();
  return BINARY_EXTENSIONS.has(extension) ? extension : null;
}
