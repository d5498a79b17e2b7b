import path from 'node:path';
import {
  ConfigError,
  NOTIFICATIONS_FILE,
  PACKAGE_REALITY_FILE,
  environmentSettings,
  formatConfigProblem,
  inspectConfig,
  inspectYamlFile,
  loadEnv,
  notificationsSchema,
  packageRealitySchema,
  type ConfigProblem,
} from '../../config/index.ts';
import { decideRoute, routeOrder } from '../../llm/decide-route.ts';
import { createProviders, missingProviderHint } from '../../llm/providers/create-providers.ts';
import type { ProviderName, TaskType } from '../../llm/types.ts';
import { decideConfiguredVendors, describeRegionClaims } from '../../policy/residency/index.ts';
import type { CliInvocation } from '../cli-command.ts';
import { UsageError } from '../usage-error.ts';
import { renderConfigReport, type ConfigReport } from './render-config-report.ts';

const TASKS: readonly TaskType[] = ['planning', 'coding', 'review', 'qa'];

/** The report of a configuration that could not be loaded. */
const invalid = (configDir: string, problems: readonly ConfigProblem[], warnings: readonly ConfigProblem[] = []): ConfigReport => ({
  config_dir: configDir,
  valid: false,
  problems: problems.map(formatConfigProblem),
  warnings: warnings.map(formatConfigProblem),
  settings: [],
  residency: [],
  residency_note: null,
  routing: {},
});

/** Builds the report of `aos config check`: pure reading, no network, no database. */
function buildReport(): ConfigReport {
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof ConfigError) return invalid('(unknown)', error.problems);
    throw error;
  }
  const configDir = env.AOS_CONFIG_DIR;
  const inspection = inspectConfig({ configDir, env });
  const extra = [
    inspectYamlFile(path.join(configDir, NOTIFICATIONS_FILE), notificationsSchema),
    inspectYamlFile(path.join(configDir, PACKAGE_REALITY_FILE), packageRealitySchema),
  ];
  const problems = [...inspection.problems, ...extra.flatMap((file) => file.problems)];
  const { config } = inspection;
  if (!config || problems.length > 0) return invalid(configDir, problems, inspection.warnings);

  const vendors = decideConfiguredVendors(config);
  const residency = vendors.map(({ vendor, entry, decision }) => ({
    vendor,
    endpoint_host: decision.host,
    endpoint_env: entry.endpoint_env,
    declared_region: entry.region,
    decision: !decision.allow ? ('blocked' as const) : decision.compliant ? ('allowed' as const) : ('non_compliant_allowed' as const),
    reason: decision.reason,
  }));
  const note = describeRegionClaims(
    vendors
      .filter(({ decision }) => !(decision.allow && decision.compliant))
      .map(({ vendor, entry, decision }) => ({ vendor, region: entry.region, host: decision.host })),
  );
  // The same providers the server would build: a vendor without its API key is not configured.
  const providers = createProviders({
    residency: config.residency,
    keys: { openai: env.OPENAI_API_KEY, anthropic: env.ANTHROPIC_API_KEY },
  });
  const decisions = new Map(vendors.map(({ vendor, decision }) => [vendor, decision]));
  const health = Object.fromEntries(
    Object.keys(config.routing.providers).map((name) => {
      const decision = decisions.get(name);
      return [
        name,
        {
          configured: providers.has(name as ProviderName),
          residency: decision
            ? { allow: decision.allow, reason: decision.reason }
            : { allow: false, reason: `${name} has no residency entry` },
          circuit: 'closed' as const,
        },
      ];
    }),
  );
  const routing = Object.fromEntries(
    TASKS.map((task) => {
      const decision = decideRoute(task, config.routing, config.finops, health);
      const skipped = decision.skipped.map((skip) => {
        const model = config.routing.providers[skip.provider]?.models[task] ?? null;
        if (skip.cause !== 'unconfigured') return { ...skip, model };
        // Without a key the router never gets to residency; say both, so a key alone is not mistaken for the fix.
        const residencyDecision = decisions.get(skip.provider);
        const blocked = residencyDecision && !residencyDecision.allow ? `; residency would block it too: ${residencyDecision.reason}` : '';
        return { ...skip, model, reason: `${skip.reason} (${missingProviderHint(skip.provider)})${blocked}` };
      });
      return [
        task,
        {
          max_tokens: config.routing.task_types[task].max_tokens ?? null,
          order: routeOrder(task, config.routing),
          candidates: decision.candidates,
          skipped,
        },
      ];
    }),
  );
  return {
    config_dir: configDir,
    valid: true,
    problems: [],
    warnings: inspection.warnings.map(formatConfigProblem),
    settings: [...inspection.settings, ...extra.flatMap((file) => file.settings), ...environmentSettings(env)],
    residency,
    residency_note: note,
    routing,
  };
}

/** Runs `aos config check`: prints the report, returns 0 valid, 1 valid with warnings or violations, 2 invalid. */
export async function runConfigCheck({ positionals, values, out }: CliInvocation): Promise<number> {
  const [subcommand, ...rest] = positionals;
  if (subcommand !== 'check')
    throw new UsageError(subcommand === undefined ? 'missing subcommand: check' : `unknown subcommand "${subcommand}"`);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const report = buildReport();
  if (values.json) out(JSON.stringify(report, (_key, value: unknown) => (value === undefined ? null : value), 2));
  else for (const line of renderConfigReport(report)) out(line);
  if (!report.valid) return 2;
  return report.warnings.length > 0 || report.residency.some((row) => row.decision !== 'allowed') ? 1 : 0;
}
