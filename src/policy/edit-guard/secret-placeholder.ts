// Interpolations of the languages and tools code is written in: `${x}` (JS, shell), `${{ x }}`
// and `{{ x }}` (Actions, Jinja, Helm), `#{x}` (Ruby), `$(x)` (shell), `<x>` (documentation),
// `%s` and `%(x)s` (printf, Python), `{x}` (format strings), `$NAME` and `$name` (shell, PHP,
// Perl). `$` followed by mixed case (`$ecr3tPass`) is not an interpolation but a password that
// starts with a dollar sign. Each alternative scans a negated class up to its closing character.
const INTERPOLATION =
  /\$?\{\{[^{}]*\}\}|[$#]\{[^{}]*\}|\$\([^()]*\)|<[^<>]*>|%\([A-Za-z_][A-Za-z0-9_]*\)[sd]|%[sd]|\{[A-Za-z_][A-Za-z0-9_.]*\}|\$(?:[A-Z_][A-Z0-9_]*|[a-z_][a-z0-9_]*)(?![A-Za-z0-9_])/g;

// Values that documentation, examples and the default credentials of database images use; compared
// lower-cased without `-`, `_`, `.` and spaces, after dropping a leading your/my/example/… and a
// trailing here/goeshere.
const DUMMY_VALUES = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'token',
  'apikey',
  'key',
  'changeme',
  'changeit',
  'example',
  'dummy',
  'placeholder',
  'redacted',
  'test',
  'testing',
  'user',
  'username',
  'admin',
  'root',
  'guest',
  'postgres',
  'mysql',
  'redis',
  'default',
  'none',
  'null',
  'empty',
  'foo',
  'bar',
  'foobar',
]);
const DUMMY_PREFIXES = ['your', 'my', 'the', 'some', 'example', 'sample', 'fake', 'dummy', 'test'];
const DUMMY_SUFFIXES = ['goeshere', 'here'];
// With an interpolation in it, a value needs this many literal letters and digits to be taken for
// a secret (`prefix${suffix}` builds a value; it does not hold one).
const MIN_LITERAL_WITH_INTERPOLATION = 8;

/**
 * True when `value`, the secret part of a match of `SECRET_PATTERNS`, is a placeholder rather than
 * a credential: made only of interpolations and punctuation (`${PASSWORD}`, `{{ token }}`, `<token>`,
 * `%s`, `$DB_PASS`, `********`), an interpolation with fewer than 8 literal letters and digits
 * beside it, one character repeated (`xxxxxxxx`), or a dummy word (`password`, `changeme`,
 * `your-token-here`, `postgres`). Anything else is real-looking: `Xk9#mQ2$vL8pW`, `%40Xk9mQ2`
 * (URL-encoded) and `$ecr3tPassw0rd` are secrets.
 */
export function isSecretPlaceholder(value: string): boolean {
  const literal = value.replace(INTERPOLATION, '');
  const literalAlnum = literal.replace(/[^A-Za-z0-9]/g, '');
  if (literalAlnum === '') return true;
  if (literal !== value && literalAlnum.length < MIN_LITERAL_WITH_INTERPOLATION) return true;
  if (new Set(value).size === 1) return true;
  const word = value.toLowerCase().replace(/[-_. ]/g, '');
  return DUMMY_VALUES.has(word) || DUMMY_VALUES.has(withoutDummyAffixes(word));
}

function withoutDummyAffixes(word: string): string {
  let result = word;
  const prefix = DUMMY_PREFIXES.find((candidate) => result.startsWith(candidate) && result.length > candidate.length);
  if (prefix !== undefined) result = result.slice(prefix.length);
  const suffix = DUMMY_SUFFIXES.find((candidate) => result.endsWith(candidate) && result.length > candidate.length);
  if (suffix !== undefined) result = result.slice(0, -suffix.length);
  return result;
}
