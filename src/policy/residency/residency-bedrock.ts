import type { ProviderName } from '../../config/provider-name.ts';
import { EU_REGIONS, isEuRegion } from './residency-eu-regions.ts';
import type { CloudHostCheck } from './residency-types.ts';

const BEDROCK_HOST = /^bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com$/;

/** Geography prefixes of Bedrock cross-region inference profiles (`eu.anthropic.claude-…`). */
const GEOGRAPHIES = ['eu', 'us', 'us-gov', 'apac', 'global', 'jp', 'au', 'ca'];

/**
 * The cross-region prefix of a Bedrock model id, or undefined for an in-region id. In-region ids
 * have two dot-separated parts (`anthropic.claude-…-v1:0`) or none (`claude-sonnet-4-…`); a known
 * geography first, or any third part, is treated as a profile prefix so an unknown one fails closed.
 */
function crossRegionPrefix(model: string): string | undefined {
  const [first = '', ...rest] = model.split('.');
  return GEOGRAPHIES.includes(first) || rest.length >= 2 ? first : undefined;
}

/**
 * AWS Bedrock: the region in the host must be an EU region, and the model must run there: an
 * in-region model id or the `eu.` inference profile. A `us.`, `apac.` or `global.` profile
 * sends the request to other regions, and an ARN hides its routing, so they are refused.
 * Undefined when `host` is not a Bedrock runtime host.
 */
export function checkBedrockHost(provider: ProviderName, host: string, model?: string): CloudHostCheck | undefined {
  const region = BEDROCK_HOST.exec(host)?.[1];
  if (region === undefined) return undefined;
  if (!isEuRegion(EU_REGIONS.aws, region)) {
    return {
      ok: false,
      problem: `${provider} endpoint ${host} is AWS Bedrock in ${region}, which is not an EU region (EU regions: ${EU_REGIONS.aws.join(', ')})`,
    };
  }
  if (model === undefined) return { ok: true, evidence: `AWS Bedrock in EU region ${region}` };
  if (model.startsWith('arn:')) {
    return {
      ok: false,
      problem: `${provider} model ${model} on ${host} is an ARN, whose routing aos cannot read; use an in-region model id or the 'eu.' inference profile id`,
    };
  }
  const prefix = crossRegionPrefix(model);
  if (prefix === undefined) return { ok: true, evidence: `AWS Bedrock in EU region ${region}, in-region model ${model}` };
  if (prefix === 'eu') return { ok: true, evidence: `AWS Bedrock in EU region ${region}, EU inference profile ${model}` };
  const base = model.slice(prefix.length + 1);
  return {
    ok: false,
    problem: `${provider} model ${model} on ${host} uses the '${prefix}.' cross-region inference profile, which may process data outside the EU; use the 'eu.' profile (eu.${base}) or an in-region model id`,
  };
}
