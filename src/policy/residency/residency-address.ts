/** What a host literally is, without any DNS lookup. */
export type HostAddressKind = 'localhost' | 'loopback' | 'private' | 'link-local' | 'public-ip' | 'name';

/** The four octets of a dotted-quad IPv4 address, or undefined. */
function parseIpv4(text: string): number[] | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return undefined;
  const octets = text.split('.').map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

/** The eight 16-bit groups of an IPv6 address (brackets removed), or undefined. */
function parseIpv6(text: string): number[] | undefined {
  let body = text.toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(body)?.[1];
  if (tail !== undefined) {
    const octets = parseIpv4(tail);
    if (!octets) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = octets;
    body = `${body.slice(0, -tail.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const split = (part: string | undefined): string[] => (part ? part.split(':') : []);
  const head = split(halves[0]);
  const rest = split(halves[1]);
  const fill = 8 - head.length - rest.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...rest];
  return groups.every((group) => /^[0-9a-f]{1,4}$/.test(group)) ? groups.map((group) => parseInt(group, 16)) : undefined;
}

/** Loopback 127/8 and the private ranges 10/8, 172.16/12, 192.168/16. */
function classifyIpv4([a = 0, b = 0]: number[]): HostAddressKind {
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  return 'public-ip';
}

/** ::1, unique-local fc00::/7, link-local fe80::/10, and IPv4-mapped ::ffff:0:0/96 by its IPv4 part. */
function classifyIpv6(groups: number[]): HostAddressKind {
  const [g0 = 0, , , , , g5 = 0, g6 = 0, g7 = 0] = groups;
  const zeroHead = groups.slice(0, 5).every((group) => group === 0);
  if (zeroHead && g5 === 0 && g6 === 0 && g7 === 1) return 'loopback';
  if (zeroHead && g5 === 0xffff) return classifyIpv4([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff]);
  if ((g0 & 0xfe00) === 0xfc00) return 'private';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  return 'public-ip';
}

/**
 * Classifies a URL host name as written: `localhost`, a loopback, private or link-local IP
 * literal, a public IP, or a DNS name. A name is never resolved (policy does no I/O), so it stays
 * `name` even when it would resolve to a private address.
 */
export function classifyHostAddress(host: string): HostAddressKind {
  const bare = host.toLowerCase().replace(/\.$/, '');
  if (bare === 'localhost') return 'localhost';
  const ipv4 = parseIpv4(bare);
  if (ipv4) return classifyIpv4(ipv4);
  if (bare.startsWith('[') && bare.endsWith(']')) {
    const ipv6 = parseIpv6(bare.slice(1, -1));
    return ipv6 ? classifyIpv6(ipv6) : 'name';
  }
  return 'name';
}
