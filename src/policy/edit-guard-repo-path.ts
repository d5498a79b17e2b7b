/**
 * Why a string is not a plain repository-relative POSIX path, or null when it is one. Plain means:
 * not empty, not absolute, no drive letter, no backslash, no NUL or other control character, no
 * empty, `.` or `..` segment, and nothing inside `.git`. The answer completes the sentence
 * "the path …".
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
  if (segments.some((segment) => segment.toLowerCase() === '.git')) return 'is inside .git';
  return null;
}
