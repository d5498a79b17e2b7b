import { builtInVendor, type VendorResidency } from '../../config/index.ts';
import type { ProviderName } from '../../config/provider-name.ts';
import { checkCloudHost } from './residency-cloud-host.ts';
import { endpointLabel, endpointVariable } from './residency-endpoint-text.ts';
import { isRegexHostPattern, matchHostPattern } from './residency-host-pattern.ts';
import type { ResidencyFinding } from './residency-types.ts';

/** The sentence for a host that matches none of the vendor's EU patterns, with the fix. */
function notEuHost(provider: ProviderName, vendor: VendorResidency, url: URL, host: string): string {
  const patterns = vendor.eu_host_patterns;
  const variable = endpointVariable(provider, vendor);
  const literal = patterns.find((pattern) => !isRegexHostPattern(pattern) && !pattern.includes('*'));
  const path = url.pathname === '/' ? '' : url.pathname;
  const hosts =
    patterns.length > 0
      ? `EU hosts for ${provider}: ${patterns.join(', ')}`
      : `no EU hosts are listed under vendors.${provider}.eu_host_patterns`;
  const fix =
    literal !== undefined
      ? `set ${variable}=https://${literal}${path}`
      : patterns.length > 0
        ? `point ${variable} at an https endpoint on one of those hosts`
        : `add the vendor's EU host to vendors.${provider}.eu_host_patterns and point ${variable} at it`;
  const known = builtInVendor(provider);
  if (known?.globalHosts.includes(host)) {
    // The declared region of a global host is said once per report (see describeRegionClaims), not in every reason.
    return `${endpointLabel(provider, vendor, host)} is not an EU host: it is ${known.label}'s global host, where requests may be processed anywhere (${hosts}); ${fix}`;
  }
  // The region field is what a misconfiguration relies on; say why it does not count.
  const region = /\beu\b|europe/i.test(vendor.region) ? `; its declared region '${vendor.region}' is not evidence on its own` : '';
  return `${endpointLabel(provider, vendor, host)} is not an EU host (${hosts})${region}; ${fix}`;
}

/**
 * A cloud vendor must be called over https on a host that matches one of its `eu_host_patterns`,
 * and that also passes the cloud-specific rule for Azure, Bedrock and Vertex hosts.
 */
export function checkEuHost(provider: ProviderName, vendor: VendorResidency, url: URL, host: string, model?: string): ResidencyFinding {
  const label = endpointLabel(provider, vendor, host);
  const problems: string[] = [];
  if (url.protocol !== 'https:') {
    problems.push(
      `${label} is called over http://; a vendor outside your own network must be called over https:// so prompts cannot be read or redirected in transit`,
    );
  }
  const pattern = vendor.eu_host_patterns.find((candidate) => matchHostPattern(host, candidate));
  if (pattern === undefined) return { problems: [...problems, notEuHost(provider, vendor, url, host)], evidence: '' };
  const cloud = checkCloudHost(provider, vendor, host, model);
  if (cloud?.ok === false) problems.push(cloud.problem);
  return { problems, evidence: `${label} is an EU host (matches ${pattern}${cloud?.ok ? `; ${cloud.evidence}` : ''})` };
}
