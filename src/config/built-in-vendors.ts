/** What aos knows about a vendor without being told, used when its residency entry is silent. */
export interface BuiltInVendor {
  /** The vendor's name as people write it, for messages. */
  label: string;
  /** Hosts that process data in the EU for this vendor (the `eu_host_patterns` default). */
  euHostPatterns: readonly string[];
  /** The vendor's global API hosts: requests there may be processed anywhere, whatever `region` says. */
  globalHosts: readonly string[];
  /** The vendor bills output tokens at a different rate than input tokens, so one rate misstates cost. */
  billsOutputSeparately: boolean;
  /** Runs on the operator's own machines unless the entry says otherwise. */
  onPremise: boolean;
}

/**
 * aos's built-in EU host knowledge per vendor name. OpenAI processes data in Europe only for
 * projects with data residency "Europe", called on eu.api.openai.com. Anthropic's own API offers
 * no EU-only processing; Claude runs in the EU through AWS Bedrock in an EU region or Google
 * Vertex AI in a europe-* region (the cloud rules in src/policy check which region exactly).
 * `local` is on-premise: a loopback or private address, no host pattern.
 */
export const BUILT_IN_VENDORS: Readonly<Record<string, BuiltInVendor>> = {
  openai: {
    label: 'OpenAI',
    euHostPatterns: ['eu.api.openai.com'],
    globalHosts: ['api.openai.com'],
    billsOutputSeparately: true,
    onPremise: false,
  },
  anthropic: {
    label: 'Anthropic',
    euHostPatterns: ['bedrock-runtime.eu-*.amazonaws.com', 'europe-*-aiplatform.googleapis.com'],
    globalHosts: ['api.anthropic.com'],
    billsOutputSeparately: true,
    onPremise: false,
  },
  local: { label: 'the local server', euHostPatterns: [], globalHosts: [], billsOutputSeparately: false, onPremise: true },
};

/** The built-in knowledge of `vendor`, or undefined for a vendor aos does not know. */
export function builtInVendor(vendor: string): BuiltInVendor | undefined {
  return Object.hasOwn(BUILT_IN_VENDORS, vendor) ? BUILT_IN_VENDORS[vendor] : undefined;
}
