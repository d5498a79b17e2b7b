import type { CliCommand } from '../cli-command.ts';

/** `aos config check [--json]`; the work is imported only when it runs. */
export const configCommand: CliCommand = {
  name: 'config',
  summary: 'check the configuration: every setting and where it came from, residency, routing',
  help: `Usage: aos config check [--json]

Loads everything aos reads (policies/finops.yaml, configs/model_routing.yaml,
configs/vendor_residency.yaml, configs/notifications.yaml, configs/package_reality.yaml under
AOS_CONFIG_DIR, and the environment) and prints each effective setting with where it came from
(file:line, environment variable or default), the warnings (deprecated names, misleading
settings), the residency decision per vendor and the effective routing per task type. Secrets are
never printed. Needs no database.
  --json             print the report as JSON on stdout
Exit codes: 0 valid, 1 valid with warnings or vendors that are not EU-compliant, 2 invalid or bad usage.`,
  options: { json: { type: 'boolean' } },
  run: async (invocation) => (await import('./run-config-check.ts')).runConfigCheck(invocation),
};
