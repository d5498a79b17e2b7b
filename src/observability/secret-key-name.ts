/**
 * How a property name marks its value: `always` secret whatever its type; secret `unless-count`,
 * when the value is a number or a boolean (`max_tokens: 4096`, `secretsFound: 0`, `hasToken: true`
 * are counts and flags, not credentials); or `null`, not a secret name.
 */
export type SecretKeyKind = 'always' | 'unless-count' | null;

// Compared after lower-casing and dropping `-` and `_`, so `private_key`, `privateKey` and
// `Private-Key` are one name.
const ALWAYS = new Set([
  'authorization',
  'proxyauthorization',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'secret',
  'clientsecret',
  'password',
  'passwd',
  'passphrase',
  'privatekey',
  'apikey',
  'xapikey',
  'cookie',
  'setcookie',
  'webhooksecret',
  'signingsecret',
  'credentials',
]);

// Words that make a name secret wherever they stand (`githubToken`, `refresh_token_value`,
// `clientSecretValue`, `awsCredentials`, `auth`), also as the end of a compound word
// (`clientsecret`, `authtoken`, `setcookie`).
const ANY_WORDS = new Set([
  'secret',
  'secrets',
  'token',
  'tokens',
  'credential',
  'credentials',
  'creds',
  'cookie',
  'cookies',
  'authorization',
  'auth',
  'apikey',
  'apikeys',
  'privatekey',
  'accesskey',
  'secretkey',
]);
const ANY_ENDINGS = ['secret', 'token', 'cookie', 'apikey', 'privatekey', 'credentials'];
// Words that make a name secret only at its end: `db_password`, `PGPASSWORD`, `signing_key`,
// `AccountKey`, but not `passwordPolicy`, nor a lone `key`.
const LAST_WORDS = new Set(['password', 'passwd', 'passphrase', 'key', 'keys']);
const LAST_ENDINGS = ['password', 'passwd', 'passphrase'];

/**
 * Classifies a property name of a logged object by its shape, case-insensitively: `*secret*`,
 * `*token*`, `*credential*`, `*cookie*`, `authorization`, `auth`, `apikey` anywhere in it, or
 * `*_password`, `*_key` at its end. Names are split into words at `-`, `_`, `.`, spaces and
 * camel-case humps, so `inputTokens` is the words `input tokens` and `tokenizer` is one word
 * that is not `token`.
 */
export function classifySecretKey(key: string): SecretKeyKind {
  if (ALWAYS.has(key.toLowerCase().replace(/[-_]/g, ''))) return 'always';
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  const last = words.at(-1);
  if (last === undefined) return null;
  const anywhere = words.some((word) => ANY_WORDS.has(word) || ANY_ENDINGS.some((ending) => word.endsWith(ending)));
  const loneKey = words.length === 1 && (last === 'key' || last === 'keys');
  const atEnd = (LAST_WORDS.has(last) && !loneKey) || LAST_ENDINGS.some((ending) => last.endsWith(ending));
  return anywhere || atEnd ? 'unless-count' : null;
}
