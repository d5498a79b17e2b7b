import { loadEnv, type AosEnv } from '../config/index.ts';
import { createLogger, type Logger } from '../observability/logger.ts';
import { openBackends, type Backends } from '../store/open-backends.ts';

/** What most commands need: the environment, a logger on stderr, and open backends. */
export interface CliContext {
  env: AosEnv;
  logger: Logger;
  backends: Backends;
}

/** Opens the database (and Redis when configured) the way the server does, logging to stderr only when asked. */
export async function openCliContext(options: { migrate?: boolean } = {}): Promise<CliContext> {
  const env = loadEnv();
  const logger = createLogger({ level: env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL, format: 'json', destination: process.stderr });
  const backends = await openBackends({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.AOS_DATA_DIR,
    redisUrl: undefined,
    logger,
    migrate: options.migrate ?? true,
  });
  return { env, logger, backends };
}
