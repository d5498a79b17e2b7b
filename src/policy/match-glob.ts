/** Options of `matchGlob`. */
export interface MatchGlobOptions {
  /** Compare letters case-insensitively (`**\/*.PEM` is then `**\/*.pem`). */
  caseInsensitive?: boolean;
}

const compiled = new Map<string, RegExp>();

/**
 * True when a repository-relative POSIX path matches a glob. `**` as a whole segment matches any
 * number of directories (none included), `*` any run of characters inside one segment, `?` one
 * character, `[abc]` / `[!abc]` a class. Dot-files are not special: `*` matches `.env`. As in
 * `.gitignore`, a pattern without `/` matches a file name at any depth, a leading `/` anchors it at
 * the root, and a trailing `/` matches everything below a directory.
 */
export function matchGlob(pattern: string, path: string, options: MatchGlobOptions = {}): boolean {
  const key = `${options.caseInsensitive === true ? 'i' : 's'}:${pattern}`;
  let regex = compiled.get(key);
  if (regex === undefined) {
    regex = globToRegExp(pattern, options.caseInsensitive === true);
    compiled.set(key, regex);
  }
  return regex.test(path);
}

function globToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let glob = pattern.trim();
  if (glob.endsWith('/')) glob += '**';
  if (glob.startsWith('/')) glob = glob.slice(1);
  else if (!glob.includes('/')) glob = `**/${glob}`;
  let source = '';
  let index = 0;
  while (index < glob.length) {
    const [piece, consumed] = translateAt(glob, index);
    source += piece;
    index += consumed;
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
}

function translateAt(glob: string, index: number): [string, number] {
  const char = glob[index] ?? '';
  if (char === '*' && glob[index + 1] === '*') {
    const segmentStart = index === 0 || glob[index - 1] === '/';
    const after = glob[index + 2];
    if (segmentStart && after === '/') return ['(?:[^/]*/)*', 3];
    if (segmentStart && after === undefined) return ['.*', 2];
    return ['[^/]*', 2];
  }
  if (char === '*') return ['[^/]*', 1];
  if (char === '?') return ['[^/]', 1];
  if (char === '[') {
    const end = glob.indexOf(']', index + 2);
    if (end !== -1) return [characterClass(glob.slice(index + 1, end)), end - index + 1];
  }
  return [char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 1];
}

function characterClass(body: string): string {
  const negated = body.startsWith('!') || body.startsWith('^');
  const members = (negated ? body.slice(1) : body).replace(/[\\\]^[]/g, '\\$&');
  // A class never matches `/`: it stands for one character of a file or directory name.
  return negated ? `[^/${members}]` : `(?!/)[${members}]`;
}
