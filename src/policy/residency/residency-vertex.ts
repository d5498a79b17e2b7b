import type { ProviderName } from '../../config/provider-name.ts';
import { EU_REGIONS, isEuRegion } from './residency-eu-regions.ts';
import type { CloudHostCheck } from './residency-types.ts';

const REGIONAL_HOST = /^([a-z0-9-]+)-aiplatform\.googleapis\.com$/;
const REP_HOST = /^aiplatform\.([a-z0-9-]+)\.rep\.googleapis\.com$/;
const SUGGESTION =
  'use a europe-* regional host such as europe-west4-aiplatform.googleapis.com or the EU multi-region host aiplatform.eu.rep.googleapis.com';

/**
 * Google Vertex AI: `<location>-aiplatform.googleapis.com` or `aiplatform.<location>.rep.googleapis.com`
 * must name an EU region, or the EU multi-region (`aiplatform.eu.rep.googleapis.com`). The global
 * host and `us-*`, `asia-*` or non-EU `europe-*` locations are refused. Undefined when `host` is
 * not a Vertex AI host.
 */
export function checkVertexHost(provider: ProviderName, host: string): CloudHostCheck | undefined {
  if (host === 'aiplatform.googleapis.com') {
    return {
      ok: false,
      problem: `${provider} endpoint ${host} is the global Vertex AI endpoint, which may process data in any region; ${SUGGESTION}`,
    };
  }
  const rep = REP_HOST.exec(host)?.[1];
  if (rep === 'eu') return { ok: true, evidence: 'Vertex AI EU multi-region' };
  const location = rep ?? REGIONAL_HOST.exec(host)?.[1];
  if (location === undefined) return undefined;
  if (isEuRegion(EU_REGIONS.gcp, location)) return { ok: true, evidence: `Vertex AI in EU region ${location}` };
  return { ok: false, problem: `${provider} endpoint ${host} is Vertex AI in ${location}, which is not an EU region; ${SUGGESTION}` };
}
