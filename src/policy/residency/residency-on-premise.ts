import type { VendorResidency } from '../../config/index.ts';
import type { ProviderName } from '../../config/provider-name.ts';
import { classifyHostAddress, type HostAddressKind } from './residency-address.ts';
import { endpointLabel, endpointVariable } from './residency-endpoint-text.ts';
import type { ResidencyFinding } from './residency-types.ts';

const ON_PREMISE: Partial<Record<HostAddressKind, string>> = {
  localhost: 'localhost',
  loopback: 'a loopback address',
  private: 'a private address',
  'link-local': 'a link-local address',
};

const RANGES = 'loopback (127.0.0.0/8, ::1, localhost) or private (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7, fe80::/10)';

/**
 * An on-premise vendor must be reached on `localhost` or a loopback, private or link-local IP
 * written literally in the URL. A DNS name is refused: proving where it points would need a
 * lookup, which policy does not do, and a name can be re-pointed at a public host later.
 */
export function checkOnPremise(provider: ProviderName, vendor: VendorResidency, url: URL, host: string): ResidencyFinding {
  const kind = classifyHostAddress(host);
  const label = endpointLabel(provider, vendor, host);
  const onPremise = ON_PREMISE[kind];
  if (onPremise !== undefined) return { problems: [], evidence: `${label} is on-premise (${onPremise})` };
  const variable = endpointVariable(provider, vendor);
  if (kind === 'name') {
    const example = `${url.protocol}//<its IP address>${url.port === '' ? '' : `:${url.port}`}${url.pathname === '/' ? '' : url.pathname}`;
    return {
      problems: [
        `${label} is a host name, and aos cannot prove it is on-premise without a DNS lookup; use the server's ${RANGES} IP address instead: set ${variable}=${example}`,
      ],
      evidence: '',
    };
  }
  return {
    problems: [
      `${label} is a public IP address, not a ${RANGES} address, so it is not on-premise; set ${variable} to the address of a server on your own network`,
    ],
    evidence: '',
  };
}
