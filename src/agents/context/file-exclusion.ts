/** Files larger than this are never read for context (200 KB). */
export const MAX_CONTEXT_FILE_BYTES = 200 * 1024;

const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'cargo.lock',
  'gemfile.lock',
  'poetry.lock',
  'pipfile.lock',
  'uv.lock',
  'pdm.lock',
  'composer.lock',
  'go.sum',
  'mix.lock',
  'pubspec.lock',
  'podfile.lock',
  'flake.lock',
  'packages.lock.json',
  'gradle.lockfile',
  'deno.lock',
]);
const GENERATED_DIRS = new Set(['node_modules', 'dist', 'build', 'vendor', 'coverage', '.next', '.nuxt', '__pycache__', '.venv', '.git']);
const BINARY_EXTENSIONS = new Set(
  `png jpg jpeg gif bmp ico webp avif tif tiff psd pdf zip gz tgz bz2 xz 7z rar jar war ear class dll exe so dylib a o obj
  wasm woff woff2 ttf otf eot mp3 mp4 wav ogg flac mov avi mkv webm sqlite db bin dat pyc pyo node`.split(/\s+/),
);

/**
 * Why a file is kept out of the context, or null when it may be ranked. Checked in order: size
 * over `MAX_CONTEXT_FILE_BYTES`; lockfiles; generated or vendored folders (`dist/`, `build/`,
 * `node_modules/`, `vendor/`, …); minified files and source maps; binary extensions; then, when
 * the content is known, no text (`null`: binary or unreadable), a generated-code marker in the
 * first 1,000 characters, or minified content (lines averaging over 300 characters). Passing no
 * `content` checks the path and size only, before a file is read.
 */
export function fileExclusionReason(file: { path: string; size: number; content?: string | null }): string | null {
  const segments = file.path.toLowerCase().split('/');
  const name = segments.at(-1) ?? '';
  if (file.size > MAX_CONTEXT_FILE_BYTES) return `too large (${Math.round(file.size / 1024)} KB)`;
  if (LOCKFILES.has(name) || name.endsWith('.lock')) return 'lockfile';
  const generated = segments.slice(0, -1).find((segment) => GENERATED_DIRS.has(segment));
  if (generated !== undefined) return `generated or vendored (${generated}/)`;
  if (/\.min\.(?:js|mjs|cjs|css)$/.test(name) || name.endsWith('.map')) return 'minified or source map';
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  if (BINARY_EXTENSIONS.has(extension)) return `binary (.${extension})`;
  if (file.content === undefined) return null;
  if (file.content === null || file.content.includes('\u0000')) return 'binary or unreadable';
  if (/@generated\b|\bDO NOT EDIT\b/.test(file.content.slice(0, 1000))) return 'generated (marker)';
  const lines = file.content.split('\n').length;
  if (file.content.length > 2000 && file.content.length / lines > 300) return 'minified (long lines)';
  return null;
}
