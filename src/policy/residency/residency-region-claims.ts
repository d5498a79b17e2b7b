import { builtInVendor } from '../../config/index.ts';

/**
 * One line for every vendor whose entry declares a specific region while its endpoint is the
 * vendor's global host (the phase-1 specification's sample declares `region: eu-west-1` on
 * api.openai.com): a region field does not move where a global host processes data. Null when no
 * vendor does that.
 */
export function describeRegionClaims(vendors: ReadonlyArray<{ vendor: string; region: string; host: string }>): string | null {
  const claims = vendors.filter(
    ({ vendor, region, host }) => builtInVendor(vendor)?.globalHosts.includes(host) && !/^(global|any|worldwide)$/i.test(region.trim()),
  );
  if (claims.length === 0) return null;
  const list = claims.map(({ vendor, region, host }) => `${region} for ${vendor} (${host})`).join(' and ');
  const plural = claims.length > 1;
  return `note: declaring region ${list} is a mistake: ${plural ? 'those are global hosts' : 'that is a global host'}, and a region setting does not make a global host process data in the EU; point the endpoint${plural ? 's' : ''} at EU hosts instead`;
}
