/**
 * Composition root of the app server (`npm start`): configuration → storage → Probot server.
 * Configuration errors end the process with exit code 2 and one message that names the file,
 * the path inside it and the problem.
 */
import { run } from 'probot';
import type { ApplicationFunctionOptions, Probot } from 'probot';
import { createHealthHandler } from './app/health-handler.ts';
import { ConfigError, loadConfig, loadEnv, probotEnv } from './config/index.ts';
import { createLogger } from './observability/logger.ts';
import { openBackends } from './store/open-backends.ts';

async function main(): Promise<void> {
  const env = loadEnv();
  loadConfig({ configDir: env.AOS_CONFIG_DIR, env });
  const logger = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT ?? 'pretty' });
  const backends = await openBackends({ databaseUrl: env.DATABASE_URL, dataDir: env.AOS_DATA_DIR, redisUrl: env.REDIS_URL, logger });
  logger.info(`aos storage: ${backends.describe}`);

  const health = createHealthHandler([
    { name: 'database', check: () => backends.db.knex.raw('select 1') },
    ...(backends.redis ? [{ name: 'redis', check: () => backends.redis!.ping() }] : []),
  ]);
  const app = (_app: Probot, { addHandler }: ApplicationFunctionOptions) => {
    addHandler?.(health);
  };
  if (!env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH)) {
    logger.info(`no GitHub App credentials (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH): starting Probot's setup flow, open http://localhost:${env.PORT} to register aos from app.yml`);
  }
  const server = await run(app, { env: probotEnv(env), log: logger as never });

  const shutdown = async (signal: string) => {
    logger.info(`${signal}: shutting down`);
    await server.stop().catch(() => undefined);
    await backends.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
