import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
const digits = (problem: string) => z.string().regex(/^\d+$/, problem).transform(Number);

/**
 * Every environment variable aos reads, after empty values have been removed. Probot's own names
 * are kept. Error messages never contain the value, since many of these are secrets or URLs with
 * credentials in them.
 */
export const envSchema = z.object({
  /** GitHub App id (Probot). */
  APP_ID: digits('must be the numeric GitHub App id').optional().describe('GitHub App id (Probot).'),
  /** GitHub App private key in PEM form (Probot); secret. */
  PRIVATE_KEY: z.string().optional().describe('GitHub App private key, PEM (Probot). Secret.'),
  /** Path of the GitHub App private key file, used when PRIVATE_KEY is unset (Probot). */
  PRIVATE_KEY_PATH: z.string().optional().describe('Path of the GitHub App private key file, used when PRIVATE_KEY is unset (Probot).'),
  /** Secret that signs webhook deliveries (Probot); secret. */
  WEBHOOK_SECRET: z.string().optional().describe('Secret that signs webhook deliveries (Probot). Secret.'),
  /** Path webhooks are received on (Probot). */
  WEBHOOK_PATH: z
    .string()
    .startsWith('/', 'must start with /')
    .default('/api/github/webhooks')
    .describe('Path webhooks are received on (Probot).'),
  /** TCP port of the app server (Probot). Probot treats 0 as unset, so 0 is refused rather than silently becoming 3000. */
  PORT: digits('must be a port number (1-65535)')
    .refine((port) => port >= 1 && port <= 65535, 'must be a port number (1-65535)')
    .default(3000)
    .describe('TCP port of the app server (Probot), 1-65535.'),
  /** Address the app server binds to (Probot); all interfaces when unset. */
  HOST: z.string().optional().describe('Address the app server binds to (Probot); all interfaces when unset.'),
  /** Log level (Probot, pino). */
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info').describe('Log level (Probot, pino).'),
  /** Log format (Probot): JSON lines or human-readable. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional().describe('Log format (Probot): json lines or pretty.'),
  /** GitHub Enterprise or GitHub-compatible API host, with optional port, no scheme (Probot). */
  GHE_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.-]+(:\d+)?$/, 'must be a host name with an optional :port and no scheme (set GHE_PROTOCOL for the scheme)')
    .optional()
    .describe('GitHub Enterprise or GitHub-compatible API host, optional :port, no scheme (Probot).'),
  /** Scheme for GHE_HOST (Probot). */
  GHE_PROTOCOL: z.enum(['http', 'https']).optional().describe('Scheme for GHE_HOST (Probot).'),
  /**
   * Least time in milliseconds between two writes to GitHub from one process. Unset keeps GitHub's advice, which
   * Probot's throttling follows: writes start 1 s apart, 3 s for writes that notify people. Lower it only
   * for a GitHub-compatible server without secondary rate limits, such as a test double.
   */
  AOS_GITHUB_WRITE_INTERVAL_MS: digits('must be a whole number of milliseconds')
    .optional()
    .describe(
      "Least time in ms between two writes to GitHub from one process; unset keeps GitHub's advice (1 s, 3 s for writes that notify). Lower it only for a GitHub-compatible test server.",
    ),
  /**
   * GitHub API requests of an installation's hourly rate limit that aos leaves to everything else: a new run waits
   * (with a status comment saying so) while fewer remain. 0 turns the wait off.
   */
  AOS_GITHUB_RATE_LIMIT_FLOOR: digits('must be a whole number of requests')
    .default(500)
    .describe(
      "GitHub API requests of an installation's hourly rate limit left to everything else: a new run waits (status comment says so) while fewer remain; 0 turns the wait off.",
    ),
  /** PostgreSQL URL; unset means embedded PGlite under AOS_DATA_DIR. May hold a password. */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .optional()
    .describe('PostgreSQL URL; unset means embedded PGlite under AOS_DATA_DIR. May hold a password.'),
  /** Redis URL (redis:// or rediss:// for TLS); unset means no cache and an in-process queue. */
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
    .optional()
    .describe('Redis URL (redis://, or rediss:// for TLS); unset means no cache and an in-process queue.'),
  /** Folder for local data (PGlite, caches). */
  AOS_DATA_DIR: z.string().default('.aos').describe('Folder for local data such as the embedded database.'),
  /**
   * Size cap in MB of `AOS_DATA_DIR/repo-cache`, the repositories' trees unpacked by commit: the least recently used
   * ones are removed past it. Workers on one machine may share the folder.
   */
  AOS_REPO_CACHE_MAX_MB: digits('must be a whole number of megabytes')
    .refine((mb) => mb >= 1, 'must be at least 1 (MB)')
    .default(2048)
    .describe('Size cap in MB of AOS_DATA_DIR/repo-cache (unpacked repository trees by commit); least recently used go first.'),
  /** Folder holding policies/ and configs/; the working directory (project root) when unset. */
  AOS_CONFIG_DIR: z
    .string()
    .default(() => process.cwd())
    .describe('Folder holding policies/ and configs/; the working directory when unset.'),
  /** OpenAI API key; secret. */
  OPENAI_API_KEY: z.string().optional().describe('OpenAI API key. Secret.'),
  /** Anthropic API key; secret. */
  ANTHROPIC_API_KEY: z.string().optional().describe('Anthropic API key. Secret.'),
  /** Overrides the OpenAI endpoint of configs/vendor_residency.yaml; residency is checked on it. */
  OPENAI_BASE_URL: httpUrl
    .optional()
    .describe('Overrides the OpenAI endpoint of configs/vendor_residency.yaml; residency is checked on it.'),
  /** Overrides the Anthropic endpoint of configs/vendor_residency.yaml; residency is checked on it. */
  ANTHROPIC_BASE_URL: httpUrl
    .optional()
    .describe('Overrides the Anthropic endpoint of configs/vendor_residency.yaml; residency is checked on it.'),
  /** Overrides the local (OpenAI-compatible) endpoint of configs/vendor_residency.yaml. */
  AOS_LOCAL_LLM_URL: httpUrl.optional().describe('Overrides the local OpenAI-compatible endpoint of configs/vendor_residency.yaml.'),
  /** Public base URL of this server, for links to run pages. */
  AOS_PUBLIC_URL: httpUrl.optional().describe('Public base URL of this server, for links to run pages.'),
  /** Slack incoming-webhook URL for notifications; secret (the URL is the credential). */
  AOS_SLACK_WEBHOOK_URL: httpUrl.optional().describe('Slack incoming-webhook URL for notifications. Secret: the URL is the credential.'),
  /** Comma-separated webhook URLs that receive signed notifications. */
  AOS_NOTIFY_WEBHOOK_URLS: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((url) => url.trim())
        .filter((url) => url !== ''),
    )
    .pipe(z.array(httpUrl))
    .default([])
    .describe('Comma-separated webhook URLs that receive signed notifications.'),
  /** HMAC key signing outgoing notification webhooks; secret. */
  AOS_NOTIFY_SIGNING_SECRET: z.string().optional().describe('HMAC key signing outgoing notification webhooks. Secret.'),
  /** SMTP server for e-mail alerts (smtp:// or smtps://); may hold a password. */
  AOS_SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })
    .optional()
    .describe('SMTP server for e-mail alerts (smtp:// or smtps://). May hold a password.'),
  /** Recipient of e-mail alerts. */
  AOS_ALERT_EMAIL: z.email({ error: 'must be an e-mail address' }).optional().describe('Recipient of e-mail alerts.'),
  /** npm registry for package reality; unset means the user's own npm configuration. */
  AOS_NPM_REGISTRY: httpUrl.optional().describe("npm registry for package reality; unset means the user's own npm configuration."),
  /** PyPI base URL for package reality. */
  AOS_PYPI_URL: httpUrl.optional().describe('PyPI base URL for package reality.'),
  /** OSV API base URL for vulnerability and malware lookups. */
  AOS_OSV_URL: httpUrl.optional().describe('OSV API base URL for vulnerability and malware lookups.'),
  /** HMAC key signing the expiring links to run pages; secret, at least 32 bytes (HMAC-SHA256 needs that much key to be as strong as its hash). */
  AOS_RUN_LINK_SECRET: z
    .string()
    .refine(
      (secret) => Buffer.byteLength(secret, 'utf8') >= 32,
      'must be at least 32 bytes (it signs the links to run pages; make one with `openssl rand -hex 32`)',
    )
    .optional()
    .describe('HMAC key signing the expiring links to run pages, at least 32 bytes. Secret.'),
  /** OTLP/HTTP base URL (OpenTelemetry's own variable): set, aos exports traces to `<url>/v1/traces`. Unset, tracing is off. */
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl
    .optional()
    .describe('OTLP/HTTP base URL; traces go to <url>/v1/traces. Unset (and no OTEL_TRACES_EXPORTER), tracing is off.'),
  /** Full OTLP/HTTP URL for traces, used as it is (OpenTelemetry's own variable); wins over OTEL_EXPORTER_OTLP_ENDPOINT. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl
    .optional()
    .describe('Full OTLP/HTTP traces URL, used as it is; wins over OTEL_EXPORTER_OTLP_ENDPOINT.'),
  /** Headers sent with every export, `key=value` pairs separated by commas (OpenTelemetry's own variable); may hold a token. */
  OTEL_EXPORTER_OTLP_HEADERS: z
    .string()
    .transform((list, ctx) => {
      const headers: Record<string, string> = {};
      for (const pair of list.split(',')) {
        if (pair.trim() === '') continue;
        const at = pair.indexOf('=');
        if (at <= 0) {
          ctx.addIssue({ code: 'custom', message: 'must be key=value pairs separated by commas' });
          return z.NEVER;
        }
        headers[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
      }
      return headers;
    })
    .optional()
    .describe('Headers sent with every trace export, key=value pairs separated by commas. May hold a token.'),
  /** Which trace exporter (OpenTelemetry's own variable): `otlp` (OTLP/HTTP, default URL http://localhost:4318), `console`, or `none`. */
  OTEL_TRACES_EXPORTER: z
    .enum(['otlp', 'console', 'none'], { error: 'must be otlp, console or none' })
    .optional()
    .describe('Trace exporter: otlp (OTLP/HTTP; http://localhost:4318 unless an endpoint is set), console or none.'),
  /** service.name of the exported spans (OpenTelemetry's own variable). */
  OTEL_SERVICE_NAME: z.string().optional().describe('service.name of the exported spans; aos when unset.'),
  /** True turns tracing off whatever else is set (OpenTelemetry's own variable). */
  OTEL_SDK_DISABLED: z
    .string()
    .transform((value) => /^true$/i.test(value))
    .default(false)
    .describe('true turns tracing off whatever else is set.'),
  /** True adds prompts and completions (redacted like logs) to model-call spans; off, spans carry no content. */
  AOS_TRACE_CONTENT: z
    .string()
    .transform((value) => /^(true|1)$/i.test(value))
    .default(false)
    .describe('true adds prompts and completions (redacted like logs) to model-call spans; off, spans carry no content.'),
  /** Node environment name (development, production, test). */
  NODE_ENV: z.string().optional().describe('Node environment name: development, production, test.'),
  /** True on CI (`true` or `1`); integration tests must then reach PostgreSQL and Redis. */
  CI: z
    .string()
    .transform((value) => /^(true|1)$/i.test(value))
    .default(false)
    .describe('True on CI (true or 1); integration tests must then reach PostgreSQL and Redis.'),
});

/** The typed environment. */
export type AosEnv = z.output<typeof envSchema>;
