// Endpoint patterns of client permissions, matched as Hazelcast's AddressUtil.matchInterface does
// (DefaultPermissionPolicy calls it through SecurityUtil.addressMatches). Rules, in our words:
// - A pattern with two or more ':' is IPv6 (8 hex groups, '::' expands to zero groups, a '%scope'
//   is dropped); if it also contains dots it is an IPv4-mapped IPv6 address and only the dotted
//   tail is used, as IPv4.
// - A pattern with at least two dots and no ':' is IPv4 (exactly 4 decimal parts).
// - Each part is '*', a number, or a range 'a-b' (inclusive, one dash, not at the end); IPv4 parts
//   are at most 255, IPv6 parts at most 0xffff.
// - The address is parsed by the same rules and compared part by part; IPv4 never matches IPv6.
// - A pattern that does not parse never matches (the member silently ignores it); our configuration
//   reader rejects such patterns at start-up instead (see isValidEndpointPattern).

interface ParsedAddress {
  family: 4 | 6;
  parts: string[];
}

function validPart(part: string, ipv6: boolean): boolean {
  if (part === '*') return true;
  const dash = part.indexOf('-');
  if (dash > -1 && (dash !== part.lastIndexOf('-') || dash === part.length - 1)) return false;
  const subParts = dash > -1 ? part.split('-') : [part];
  for (const sub of subParts) {
    const re = ipv6 ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/;
    // Java's Integer.parseInt also accepts a leading '+' or '-'; an empty first part ("-5") fails.
    if (!re.test(sub)) return false;
    const n = parseInt(sub, ipv6 ? 16 : 10);
    if (n > (ipv6 ? 0xffff : 255)) return false;
  }
  return true;
}

function parseIpv4(text: string): ParsedAddress | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => validPart(p, false))) return undefined;
  return { family: 4, parts };
}

function parseIpv6(text: string): ParsedAddress | undefined {
  const address = text.split('%')[0] ?? '';
  // Tokenise into groups and ':' separators, as the Java code's look-around split does.
  const tokens = address.split(/(?<=:)|(?=:)/);
  const groups: string[] = [];
  let mark = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const next = tokens[i + 1];
    if (token === '' || token === undefined) continue;
    if (token === ':' && next === ':') {
      if (mark !== -1) return undefined;
      mark = groups.length;
    } else if (token !== ':') {
      groups.push(token);
    }
  }
  if (mark > -1) {
    const missing = 8 - groups.length;
    groups.splice(mark, 0, ...Array<string>(Math.max(missing, 0)).fill('0'));
  }
  if (groups.length !== 8 || !groups.every((g) => validPart(g, true))) return undefined;
  return { family: 6, parts: groups };
}

/** AddressUtil.getAddressMatcher: undefined where Java throws InvalidAddressException. */
export function parseAddressPattern(text: string): ParsedAddress | undefined {
  const firstColon = text.indexOf(':');
  const lastColon = text.lastIndexOf(':');
  const firstDot = text.indexOf('.');
  const lastDot = text.lastIndexOf('.');
  if (firstColon > -1 && lastColon > firstColon) {
    if (firstDot === -1) return parseIpv6(text);
    if (firstDot >= lastDot) return undefined;
    return parseIpv4(text.substring(lastColon + 1));
  }
  if (firstDot > -1 && lastDot > firstDot && firstColon === -1) return parseIpv4(text);
  return undefined;
}

function partMatches(mask: string, input: string, radix: number): boolean {
  const value = parseInt(input, radix);
  if (mask === '*') return true;
  const dash = mask.indexOf('-');
  if (dash !== -1) {
    const start = parseInt(mask.substring(0, dash).trim(), radix);
    const end = parseInt(mask.substring(dash + 1).trim(), radix);
    return value >= start && value <= end;
  }
  return parseInt(mask, radix) === value;
}

/** AddressUtil.matchInterface(address, pattern). */
export function addressMatches(address: string, pattern: string): boolean {
  const mask = parseAddressPattern(pattern);
  const input = parseAddressPattern(address);
  if (!mask || !input || mask.family !== input.family) return false;
  // An address with '*' or ranges in it is not a real address; Java would compare it anyway, but
  // parseInt('*') is NaN there too and fails, so reject such inputs the same way.
  const radix = mask.family === 6 ? 16 : 10;
  return mask.parts.every((m, i) => {
    const part = input.parts[i] ?? '';
    if (!/^[0-9a-fA-F]+$/.test(part)) return false;
    return partMatches(m, part, radix);
  });
}

/** Whether the member would be able to use this endpoint pattern at all. */
export function isValidEndpointPattern(pattern: string): boolean {
  return parseAddressPattern(pattern) !== undefined;
}
