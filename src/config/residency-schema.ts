import { z } from 'zod';
import { providerNameSchema } from './config-names.ts';
import { hostPatternSchema } from './host-pattern-schema.ts';

/**
 * What aos knows and asserts about one model vendor's data handling. The output adds
 * `endpoint_env`: null here, set by loadConfig to the variable name when the environment
 * overrides `endpoint`.
 */
const vendorSchema = z.strictObject({
  /** Where the configured endpoint processes data, as the vendor states it (`eu`, `global`, `on-premise`). */
  region: z.string().min(1).describe('Where the configured endpoint processes data, as the vendor states it: eu, global, on-premise.'),
  /** Runs on infrastructure the operator controls; the residency check then requires a loopback or private address. */
  on_premise: z
    .boolean()
    .default(false)
    .describe('Runs on infrastructure the operator controls; residency then requires a loopback or private address.'),
  /** Base URL of the API; overridable by the vendor's *_BASE_URL / AOS_LOCAL_LLM_URL variable. */
  endpoint: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .describe("Base URL of the API; OPENAI_BASE_URL, ANTHROPIC_BASE_URL or AOS_LOCAL_LLM_URL override it."),
  /** Hosts that process data in the EU for this vendor; the endpoint actually used must match one under enforcement. */
  eu_host_patterns: z
    .array(hostPatternSchema)
    .describe('Hosts that process data in the EU for this vendor; under enforcement the endpoint actually used must match one.'),
  /** Days the vendor keeps prompts and completions (e.g. abuse-monitoring logs), or `none`. */
  data_retention: z
    .union([z.int().min(0), z.literal('none')], { error: "must be a whole number of days or 'none'" })
    .describe("Days the vendor keeps prompts and completions (e.g. abuse-monitoring logs), or 'none'."),
  /** The vendor does not train on data sent through this account (by contract or setting). */
  training_data_opt_out: z.boolean().describe('The vendor does not train on data sent through this account, by contract or setting.'),
  /** aos (or a gateway in between) logs request and response bodies for this vendor; residency requires false. */
  logging_enabled: z
    .boolean()
    .describe('Request and response bodies to this vendor are logged by aos or a gateway in between; residency requires false.'),
  /** Compliance frameworks the vendor attests for this service, lower-case (gdpr, soc2, iso27001). */
  compliance: z
    .array(z.string().regex(/^[a-z0-9_-]+$/, 'compliance entries are lower-case identifiers like gdpr'))
    .describe('Compliance frameworks the vendor attests for this service, lower-case: gdpr, soc2, iso27001.'),
}).transform((vendor) => ({ ...vendor, endpoint_env: null as string | null }));

/** `configs/vendor_residency.yaml`: enforcement switches and per-vendor data handling. */
export const residencySchema = z.strictObject({
  /** Only providers whose endpoint host is EU (or on-premise) and whose policy flags hold may be routed to. */
  enforce_eu_residency: z
    .boolean()
    .describe('Only providers whose endpoint host is EU (or on-premise) and whose policy flags hold may be routed to.'),
  /** Refuse a call outright when no compliant provider is left, instead of only reporting it. */
  block_non_eu_requests: z
    .boolean()
    .describe('Refuse a call before any network traffic when no compliant provider is left, instead of only reporting it.'),
  /** Write every residency decision, allowed or not, to the ledger. */
  audit_all_requests: z.boolean().describe('Write every residency decision, allowed or not, to the ledger.'),
  /** Per-vendor data handling, by provider name. */
  vendors: z.record(providerNameSchema, vendorSchema).describe('Per-vendor data handling, by provider name.'),
});

/** One vendor's validated residency entry. */
export type VendorResidency = z.output<typeof vendorSchema>;

/** The validated `configs/vendor_residency.yaml`. */
export type ResidencyConfig = z.output<typeof residencySchema>;
