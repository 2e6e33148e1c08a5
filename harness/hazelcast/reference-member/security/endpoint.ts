// The ClusterEndpointPrincipal name: the remote address as Java's InetAddress.getHostAddress()
// prints it. IPv4 stays dotted; an IPv4-mapped IPv6 address (Node reports "::ffff:1.2.3.4" on dual
// stack sockets) is the IPv4 address, as Java gives an Inet4Address for it; other IPv6 addresses
// are eight lower-case hex groups without leading zeros and without "::" compression
// ("0:0:0:0:0:0:0:1"), and a %scope suffix is dropped here.
import { isIPv4, isIPv6 } from 'node:net';

export function javaHostAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address)) return address;
  const bare = address.split('%')[0] ?? address;
  if (!isIPv6(bare)) return address;
  const [head = '', tail] = bare.split('::');
  const parse = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  // An embedded dotted quad at the end counts as two groups.
  const expandDotted = (groups: string[]): string[] =>
    groups.flatMap((g) => {
      if (!g.includes('.')) return [g];
      const b = g.split('.').map(Number);
      return [(((b[0] ?? 0) << 8) | (b[1] ?? 0)).toString(16), (((b[2] ?? 0) << 8) | (b[3] ?? 0)).toString(16)];
    });
  const l = expandDotted(left);
  const r = expandDotted(right);
  const zeros = tail === undefined ? [] : Array<string>(8 - l.length - r.length).fill('0');
  return [...l, ...zeros, ...r].map((g) => parseInt(g, 16).toString(16)).join(':');
}
