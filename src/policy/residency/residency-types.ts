import type { VendorResidency } from '../../config/index.ts';
import type { ProviderName } from '../../config/provider-name.ts';

/** The two switches of `configs/vendor_residency.yaml` that turn a finding into a refusal. */
export interface ResidencyEnforcement {
  enforce_eu_residency: boolean;
  block_non_eu_requests: boolean;
}

/** What `decideResidency` decides on. */
export interface ResidencyInput {
  provider: ProviderName;
  /** The vendor's entry in `configs/vendor_residency.yaml`, after environment overrides. */
  vendor: VendorResidency;
  /** The base URL really called (after OPENAI_BASE_URL, ANTHROPIC_BASE_URL, AOS_LOCAL_LLM_URL). */
  endpoint: string;
  /** The model id sent to the vendor; Bedrock inference-profile prefixes decide where it runs. */
  model?: string;
  enforcement: ResidencyEnforcement;
}

/**
 * A residency decision. `allow: true` may still be `compliant: false` when enforcement is off or
 * in warn mode; `reason` is a sentence for the maintainer who reads it on GitHub or in the CLI.
 */
export type ResidencyDecision =
  | { allow: true; provider: ProviderName; host: string; reason: string; compliant: boolean }
  | { allow: false; provider: ProviderName; host: string; reason: string };

/** What one check found: problems (empty when it passed) and, when it passed, the evidence. */
export interface ResidencyFinding {
  problems: string[];
  /** Why the host counts as EU or on-premise, for the reason of a compliant decision. */
  evidence: string;
}

/** What a cloud-specific rule (Azure, Bedrock, Vertex) says about a host that matched a pattern. */
export type CloudHostCheck = { ok: true; evidence: string } | { ok: false; problem: string };
