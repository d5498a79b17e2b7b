import { z } from 'zod';
import { builtInVendor } from './built-in-vendors.ts';
import { providerNameSchema } from './config-names.ts';
import { hostPatternSchema } from './host-pattern-schema.ts';

/**
 * What aos knows and asserts about one model vendor's data handling. The output adds
 * `endpoint_env`: null here, set by loadConfig to the variable name when the environment
 * overrides `endpoint`.
 */
const vendorSchema = z
  .strictObject({
    region: z
      .string()
      .min(1)
      .describe(
        'Where the vendor says the configured endpoint processes data (eu-west-1, global, on-premise). Not evidence on its own: residency is decided on the endpoint host.',
      ),
    endpoint: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .describe(
        'Base URL of the API; OPENAI_BASE_URL, ANTHROPIC_BASE_URL or AOS_LOCAL_LLM_URL override it. Residency is checked on the endpoint actually used.',
      ),
    data_retention: z
      .union([z.boolean(), z.int().min(0)], { error: 'must be true, false or a whole number of days' })
      .describe(
        'Whether the vendor keeps prompts and completions: false (not kept), true (kept, for a time not stated) or a number of days.',
      ),
    training_data_opt_out: z
      .boolean()
      .describe('The vendor does not train on data sent through this account, by contract or setting. Residency requires true.'),
    logging_enabled: z
      .boolean()
      .describe(
        'Request and response bodies to this vendor are logged by aos or a gateway in between; residency requires false, except on-premise.',
      ),
    compliance: z
      .array(z.string().min(1))
      .default([])
      .describe('Compliance frameworks the vendor attests for this service, as written: GDPR, EU AI Act, SOC 2.'),
    on_premise: z
      .boolean()
      .optional()
      .describe(
        'aos: runs on infrastructure the operator controls; residency then requires a loopback or private address. Default: true for region on-premise and for local.',
      ),
    eu_host_patterns: z
      .array(hostPatternSchema)
      .optional()
      .describe(
        "aos: hosts that process data in the EU for this vendor; the endpoint actually used must match one. Default: aos's built-in EU hosts for openai and anthropic, none for others.",
      ),
  })
  .transform((vendor) => ({ ...vendor, endpoint_env: null as string | null }));

/**
 * A vendor's entry with aos's built-in knowledge where the file is silent: EU host patterns of a
 * vendor aos knows, and on-premise for `region: on-premise` and for `local`.
 */
function withBuiltIns(name: string, vendor: z.output<typeof vendorSchema>) {
  const known = builtInVendor(name);
  const onPremise = vendor.on_premise ?? (vendor.region.trim().toLowerCase() === 'on-premise' || known?.onPremise === true);
  return { ...vendor, on_premise: onPremise, eu_host_patterns: vendor.eu_host_patterns ?? [...(known?.euHostPatterns ?? [])] };
}

/** The enforcement switches. */
const enforcementSchema = z.strictObject({
  block_non_eu_requests: z
    .boolean()
    .default(true)
    .describe('Refuse a call to a non-compliant vendor before any network traffic; false only warns.'),
  alert_on_violation: z
    .boolean()
    .default(true)
    .describe('Send a residency.violation notification when a model call is refused for residency.'),
  log_all_requests: z
    .boolean()
    .default(true)
    .describe("Record every provider's residency decision with every model call in the ledger; false records only the refused ones."),
  enforce_eu_residency: z
    .boolean()
    .default(true)
    .describe('aos: false turns residency into an audit only: nothing is refused or warned about, decisions are still recorded.'),
});

/** `configs/vendor_residency.yaml`: per-vendor data handling and the enforcement switches. */
export const residencySchema = z.strictObject({
  vendors: z
    .record(providerNameSchema, vendorSchema)
    .transform((vendors) => Object.fromEntries(Object.entries(vendors).map(([name, vendor]) => [name, withBuiltIns(name, vendor)])))
    .describe('Per-vendor data handling, by provider name.'),
  enforcement: enforcementSchema
    .default({ block_non_eu_requests: true, alert_on_violation: true, log_all_requests: true, enforce_eu_residency: true })
    .describe('What a residency finding does.'),
});

/** The validated `configs/vendor_residency.yaml`. */
export type ResidencyConfig = z.output<typeof residencySchema>;

/** One vendor's validated residency entry, built-in knowledge filled in. */
export type VendorResidency = ResidencyConfig['vendors'][string];
