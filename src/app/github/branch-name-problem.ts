/**
 * Why a branch name would be refused by git (`git check-ref-format`), or null when it is fine.
 * Checked before any GitHub call so that a bad name costs no blobs.
 */
export function branchNameProblem(branch: string): string | null {
  if (branch === '' || branch === '@') return 'is empty';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(branch)) return 'contains a space, a control character or one of ~ ^ : ? * [ \\';
  if (branch.includes('..') || branch.includes('@{') || branch.includes('//')) return 'contains "..", "@{" or "//"';
  if (branch.startsWith('/') || branch.endsWith('/') || branch.endsWith('.')) return 'starts or ends with "/" or ends with "."';
  if (branch.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock')))
    return 'has a part that starts with "." or ends with ".lock"';
  if (branch.startsWith('refs/')) return 'starts with refs/; give the branch name only';
  return null;
}
