import type { CliCommand } from '../cli-command.ts';

/** `aos check-residency [--json] [--output <csv path>]`. */
export const checkResidencyCommand: CliCommand = {
  name: 'check-residency',
  summary: 'check every vendor endpoint against the EU residency policy',
  help: `Usage: aos check-residency [--json] [--output <csv path>]

Decides EU data residency for every vendor in configs/vendor_residency.yaml on the endpoint
actually used (OPENAI_BASE_URL, ANTHROPIC_BASE_URL and AOS_LOCAL_LLM_URL override the file), with
each model configs/model_routing.yaml prices or routes to it. Prints one line per vendor; writes
no file unless --output names one. Needs no database.
  --json             print the result as JSON on stdout
  --output <path>    also write the result as CSV to this file (columns timestamp, vendor,
                     endpoint_host, declared_region, decision, compliant, reason)
Exit codes: 0 every vendor compliant, 1 a vendor is not compliant, 2 bad usage or configuration.`,
  options: { json: { type: 'boolean' }, output: { type: 'string' } },
  run: async (invocation) => (await import('./check-residency.ts')).checkResidency(invocation),
};
