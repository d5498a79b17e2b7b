/** A Python distribution name in its PEP 503 normalized form: runs of `-`, `_`, `.` become `-`, lower case. */
export function normalizePythonName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}
