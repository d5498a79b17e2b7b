const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs', 'testing', '__mocks__', 'fixtures', 'e2e']);

/**
 * Whether a path is a test, by the conventions of JavaScript, TypeScript and Python projects: a
 * folder named `test`, `tests`, `__tests__`, `spec`, `fixtures`, `e2e` …, or a file named
 * `*.test.*`, `*.spec.*`, `*-test.*`, `test_*.py`, `*_test.py` or `conftest.py`.
 */
export function isTestPath(path: string): boolean {
  const segments = path.toLowerCase().split('/');
  const name = segments.at(-1) ?? '';
  if (segments.slice(0, -1).some((segment) => TEST_DIRS.has(segment))) return true;
  if (/[.-](?:test|spec|tests)\.[a-z0-9]+$/.test(name)) return true;
  return name.endsWith('.py') && (name.startsWith('test_') || name.endsWith('_test.py') || name === 'conftest.py');
}
