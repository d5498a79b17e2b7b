// Name shapes are matched on the upper-cased name split into segments at every character that is
// not a letter or digit: `NPM_CONFIG__AUTH` is NPM, CONFIG, AUTH, and `npm_config_//host/:_authToken`
// ends in AUTHTOKEN.

/** Prefixes whose whole family is credentials or aos's own configuration. */
const PREFIXES = ['AWS_', 'AZURE_', 'GH_', 'AOS_', 'NPM_CONFIG__AUTH', 'NPM_CONFIG_//'];

/** Segments that make a variable a credential wherever they stand (`PRIVATE_KEY_PATH`, `GH_PAT`). */
const SEGMENTS = new Set([
  'TOKEN',
  'TOKENS',
  'SECRET',
  'SECRETS',
  'PASSWORD',
  'PASSWD',
  'PASS',
  'PASSPHRASE',
  'CREDENTIAL',
  'CREDENTIALS',
  'CREDS',
  'KEY',
  'KEYS',
  'APIKEY',
  'AUTH',
  'COOKIE',
  'PAT',
  'DSN',
  'WEBHOOK',
  'WEBHOOKS',
  'KUBECONFIG',
  'NETRC',
]);

/** Segment endings of compound words: AUTHTOKEN, CLIENTSECRET, PGPASSWORD, PGPASSFILE, GIT_ASKPASS. */
const SEGMENT_ENDINGS = ['TOKEN', 'SECRET', 'PASSWORD', 'PASSWD', 'PASSFILE', 'ASKPASS', 'APIKEY', 'PRIVATEKEY', 'ACCESSKEY', 'SECRETKEY'];

/** Anywhere in the name, also across segments: `*PASSWORD*`, `*SECRET*`, `*CREDENTIAL*`. */
const SUBSTRINGS = ['PASSWORD', 'SECRET', 'CREDENTIAL', 'CONNECTION_STRING', 'CONNECTIONSTRING'];

/** A URL of one of these services usually carries its password (`DATABASE_URL`, `REDIS_URL`, `AMQP_URL`). */
const URL_SERVICES = new Set([
  'DATABASE',
  'DB',
  'POSTGRES',
  'POSTGRESQL',
  'PG',
  'MYSQL',
  'MARIADB',
  'MONGO',
  'MONGODB',
  'REDIS',
  'AMQP',
  'RABBITMQ',
  'BROKER',
  'CELERY',
  'KAFKA',
  'ELASTICSEARCH',
  'SMTP',
  'MAIL',
  'SENTRY',
]);
const URL_SEGMENTS = new Set(['URL', 'URLS', 'URI', 'URIS']);

/**
 * True when an environment variable's name has the shape of a credential, so a process that runs
 * code aos did not write (the `--test-cmd` of `aos plan`) must not see it: `*_TOKEN`, `*_KEY`,
 * `*_API_KEY`, `*_SECRET`, `*PASSWORD*`, `*_CREDENTIALS`, `*_PAT`, `*_DSN`, `*WEBHOOK*`,
 * `PRIVATE_KEY_PATH`, `SSH_AUTH_SOCK`, `AWS_*`, `AZURE_*`, `GH_*`, `GITHUB_TOKEN`, `AOS_*`,
 * `NPM_CONFIG__AUTH*`, `KUBECONFIG`, and the URLs of databases, caches, brokers and mail servers
 * (`DATABASE_URL`, `REDIS_URL`). Case-insensitive. `PATH`, `HOME`, `GIT_AUTHOR_NAME`,
 * `TOKENIZERS_PARALLELISM` or `KEYBOARD_LAYOUT` are not credentials.
 */
export function isCredentialVariable(name: string): boolean {
  const upper = name.toUpperCase();
  if (PREFIXES.some((prefix) => upper.startsWith(prefix))) return true;
  if (SUBSTRINGS.some((part) => upper.includes(part))) return true;
  const segments = upper.split(/[^A-Z0-9]+/).filter((segment) => segment !== '');
  if (segments.some((segment) => SEGMENTS.has(segment) || SEGMENT_ENDINGS.some((ending) => segment.endsWith(ending)))) return true;
  return segments.some((segment) => URL_SEGMENTS.has(segment)) && segments.some((segment) => URL_SERVICES.has(segment));
}
