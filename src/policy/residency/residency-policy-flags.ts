import type { VendorResidency } from '../../config/index.ts';
import type { ProviderName } from '../../config/provider-name.ts';

/**
 * The vendor's data-handling flags: bodies must not be logged (an on-premise vendor is exempt,
 * its logs stay on the operator's own machines) and the vendor must not train on the data.
 */
export function checkPolicyFlags(provider: ProviderName, vendor: VendorResidency): string[] {
  const problems: string[] = [];
  if (vendor.logging_enabled && !vendor.on_premise) {
    problems.push(
      `${provider} has logging_enabled: true in configs/vendor_residency.yaml; request and response bodies sent to a cloud vendor must not be logged by aos or a gateway in between, so turn that logging off and set it to false`,
    );
  }
  if (!vendor.training_data_opt_out) {
    problems.push(
      `${provider} has training_data_opt_out: false in configs/vendor_residency.yaml; the vendor may train on the prompts, so opt out (by contract or account setting) and set it to true`,
    );
  }
  return problems;
}
