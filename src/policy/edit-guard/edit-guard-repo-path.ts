/**
 * Characters a file system drops from names or that make a name read as another: HFS+ ignores
 * zero-width joiners and direction marks (so `.g\u200Dit` is `.git` on macOS, which git itself
 * refuses), and bidi overrides make `src/\u202Egnp.ts` display as another name.
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u206A-\u206F\uFEFF]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');
/** A Windows 8.3 short name (`GIT~1`, `CODEOW~1.TXT`): it can stand for a longer name of the same directory. */
const SHORT_NAME = /^[^~]{1,6}~\d{1,6}(?:\.[^.]{0,3})?$/;

/**
 * Why a string is not a plain repository-relative POSIX path, or null when it is one. Plain means:
 * not empty, not absolute, no drive letter, no backslash, no NUL or other control character, no
 * invisible or direction-changing character, no empty, `.` or `..` segment, nothing inside `.git`
 * under any spelling (`.GIT`, `.git.`, `.git `, `git~1`, `.git::$INDEX_ALLOCATION`), and no
 * segment Windows would read as another name (trailing dots or spaces, an NTFS stream after `:`,
 * an 8.3 short name). The answer completes the sentence "the path …".
 */
export function repoPathProblem(path: string): string | null {
  if (path === '') return 'is empty';
  if (path.includes('\0')) return 'contains a NUL byte';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\x00-\x1f\x7f]/.test(path)) return 'contains a control character';
  if (path.includes('\\')) return 'contains a backslash; use / between directories';
  if (/^[A-Za-z]:/.test(path)) return 'starts with a drive letter';
  if (path.startsWith('/')) return 'is absolute; give it relative to the repository root';
  const segments = path.split('/');
  if (segments.includes('..')) return 'contains a ".." segment, which leaves the repository';
  if (segments.includes('')) return 'has an empty segment (a doubled or trailing /)';
  if (segments.includes('.')) return 'contains a "." segment';
  for (const segment of segments) {
    const problem = segmentProblem(segment);
    if (problem !== null) return problem;
  }
  return null;
}

function segmentProblem(segment: string): string | null {
  const shown = JSON.stringify(segment);
  // What Windows and macOS make of the name: invisible characters, a stream and trailing dots and spaces dropped, case folded.
  const folded = segment
    .replace(INVISIBLE_ALL, '')
    .replace(/:.*$/s, '')
    .replace(/[. ]+$/, '')
    .toLowerCase();
  if (folded === '.git' || /^git~\d+$/.test(folded))
    return segment.toLowerCase() === '.git' ? 'is inside .git' : `is inside .git: ${shown} is another spelling of .git on Windows or macOS`;
  const invisible = INVISIBLE.exec(segment);
  if (invisible !== null)
    return `contains the invisible or direction-changing character U+${(invisible[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  if (segment.includes(':')) return `has ":" in ${shown}, which NTFS reads as a stream of another file`;
  if (/[. ]$/.test(segment)) return `has ${shown}, which Windows reads without its trailing dots and spaces, as another name`;
  if (SHORT_NAME.test(segment)) return `has ${shown}, which reads as a Windows 8.3 short name and can stand for another file`;
  return null;
}
