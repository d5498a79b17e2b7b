import { pino } from 'pino';
import type { DestinationStream, LoggerOptions, Logger as PinoLogger } from 'pino';
import { createPrettyStream } from './pretty-stream.ts';
import { REDACTED, redactSecrets, redactValue } from './redact.ts';
import { requestLineFields } from './request-line-fields.ts';

/** The logger every module receives through its dependencies. */
export type Logger = PinoLogger;

/** Options of `createLogger`; `config/` maps `LOG_LEVEL` and `LOG_FORMAT` onto them. */
export interface CreateLoggerOptions {
  /** pino level name; default `info`. */
  level?: string;
  /** `json` (default) writes one JSON object per line; `pretty` is for people at a terminal. */
  format?: 'json' | 'pretty';
  /** Where lines go; default stdout. */
  destination?: DestinationStream;
  /** Fields on every line; default pino's `pid` and `hostname`. */
  base?: Record<string, unknown>;
  /** Fields computed for each line: with tracing on, `trace_id` and `span_id` of the active span (startTracing's `logFields`). */
  mixin?: () => Record<string, unknown>;
}

// Cheap, exact paths for the places secrets are known to live; the key-name and pattern
// redaction below covers the places nobody thought of.
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'privateKey',
  'apiKey',
  'password',
  'token',
  '*.privateKey',
  '*.apiKey',
  '*.password',
  '*.token',
  '*.secret',
];

/**
 * Creates the pino logger. Secrets are removed in three layers: secret-named properties and
 * secret-looking strings in logged objects and bindings (`formatters`, wrapped `child()` and
 * `setBindings()`), the message and its interpolation arguments (`hooks.logMethod`), and the whole
 * serialized line (`hooks.streamWrite`), which also catches what a serializer may have put back.
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const config: LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    formatters: {
      bindings: (bindings) => redactValue(bindings) as Record<string, unknown>,
      // Probot's access lines get the request's correlation fields (see requestLineFields).
      log: (object) => redactValue(requestLineFields(object)) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        Reflect.apply(method, this, args.map(redactArgument));
      },
      streamWrite: redactSecrets,
    },
  };
  if (options.base !== undefined) config.base = options.base;
  if (options.mixin !== undefined) config.mixin = options.mixin;
  const pretty = options.format === 'pretty' ? createPrettyStream(options.destination) : undefined;
  const destination = pretty ?? options.destination;
  const logger = destination === undefined ? pino(config) : pino(config, destination);
  redactLaterBindings(logger);
  return logger;
}

// pino applies `formatters.bindings` to the root's base only, never to `child()` or
// `setBindings()` arguments. Children are created with the root as prototype, so wrapping the two
// methods on the root covers every descendant.
function redactLaterBindings(logger: Logger): void {
  for (const name of ['child', 'setBindings'] as const) {
    const original = logger[name] as (...args: unknown[]) => unknown;
    Object.defineProperty(logger, name, {
      configurable: true,
      writable: true,
      value: function (this: Logger, bindings: unknown, ...rest: unknown[]) {
        return Reflect.apply(original, this, [redactValue(bindings), ...rest]);
      },
    });
  }
}

// The first argument, when an object, is left to `formatters.log`: pino must still see Errors
// and HTTP requests as such to serialize them.
function redactArgument(argument: unknown, index: number): unknown {
  if (typeof argument === 'string') return redactSecrets(argument);
  return index === 0 ? argument : redactValue(argument);
}

/**
 * A child of `logger` whose every line carries `correlation_id` (a run id or webhook delivery id),
 * plus any `extra` bindings.
 */
export function withCorrelation(logger: Logger, correlationId: string, extra: Record<string, unknown> = {}): Logger {
  return logger.child({ ...extra, correlation_id: correlationId });
}
