import type { ProviderName } from '../../config/provider-name.ts';
import { EU_REGIONS } from './residency-eu-regions.ts';
import type { CloudHostCheck } from './residency-types.ts';

/** Azure OpenAI / AI Foundry resource hosts; the resource name, not the region, is in the host. */
const AZURE_HOST = /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/;

/** The EU Azure region `region` names: exactly, or followed by a separator (`swedencentral (data zone eu)`). */
function euAzureRegion(region: string): string | undefined {
  const declared = region.trim().toLowerCase();
  return EU_REGIONS.azure.find(
    (name) => declared === name || (declared.startsWith(name) && /[^a-z0-9]/.test(declared.charAt(name.length))),
  );
}

/**
 * Azure OpenAI hosts (`<resource>.openai.azure.com`) say nothing about where the resource runs,
 * and the schema has no dedicated field for it, so such a host counts as EU only when it is listed
 * in `eu_host_patterns` (checked by the caller) AND the vendor's `region` names an EU Azure region.
 * The operator asserts that with `region`; declare it only for a Standard (regional) or Data Zone
 * EU deployment, never a Global one. Undefined when `host` is not an Azure host.
 */
export function checkAzureHost(provider: ProviderName, host: string, region: string): CloudHostCheck | undefined {
  if (!AZURE_HOST.test(host)) return undefined;
  const eu = euAzureRegion(region);
  if (eu !== undefined) return { ok: true, evidence: `Azure resource declared in EU region ${eu}` };
  return {
    ok: false,
    problem: `${provider} endpoint ${host} is an Azure OpenAI resource, whose host name does not say where it runs; aos counts it as EU only when vendors.${provider}.region names its EU Azure region (${EU_REGIONS.azure.join(', ')}), but region is '${region}'`,
  };
}
