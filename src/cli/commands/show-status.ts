import { openStatusSources } from '../../compose/open-status-sources.ts';
import { loadConfig, loadEnv } from '../../config/index.ts';
import { createLogger } from '../../observability/logger.ts';
import { gatherSystemStatus } from '../../state/status/gather-system-status.ts';
import type { CliInvocation } from '../cli-command.ts';
import { UsageError } from '../usage-error.ts';
import { renderStatusText } from './render-status-text.ts';

/** `aos status`: gathers the status, prints it, and answers 0 when nothing is degraded, else 1. */
export async function showStatus({ positionals, values, out }: CliInvocation): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const env = loadEnv();
  const config = loadConfig({ configDir: env.AOS_CONFIG_DIR, env });
  const logger = createLogger({ level: env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL, format: 'json', destination: process.stderr });
  const { sources, close } = await openStatusSources({ env, config, logger });
  try {
    const status = await gatherSystemStatus(sources);
    out(values.json ? JSON.stringify(status, null, 2) : renderStatusText(status).join('\n'));
    return status.ok ? 0 : 1;
  } finally {
    await close();
  }
}
