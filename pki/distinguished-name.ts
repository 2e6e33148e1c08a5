// Distinguished names as callers write them (RFC 4514, most specific first), checked strictly:
// @peculiar/x509 accepts almost any string (for example "admin" becomes an empty name).
import type { JsonName } from '@peculiar/x509';

const ATTRIBUTE_TYPES = new Set(['CN', 'OU', 'O', 'L', 'ST', 'C', 'DC', 'UID']);

export type Rdn = readonly [type: string, value: string];

/** Parses `CN=admin,OU=Devs,O=Hazelcast`; throws an Error saying what is wrong. */
export function parseDn(dn: string): Rdn[] {
  if (dn.trim() === '') throw new Error('is empty');
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i]!;
    if (ch === '\\' && i + 1 < dn.length) {
      current += dn[++i]!;
    } else if (ch === ',') {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((part, index) => {
    const eq = part.indexOf('=');
    if (eq < 0) throw new Error(`component ${index + 1} ("${part.trim()}") is not TYPE=value`);
    const type = part.slice(0, eq).trim().toUpperCase();
    const value = part.slice(eq + 1).trim();
    if (part.includes('+')) throw new Error(`component ${index + 1}: multi-valued RDNs ("+") are not supported`);
    if (!ATTRIBUTE_TYPES.has(type)) {
      throw new Error(`component ${index + 1}: unknown attribute type "${part.slice(0, eq).trim()}" (known: ${[...ATTRIBUTE_TYPES].join(', ')})`);
    }
    if (value === '') throw new Error(`component ${index + 1} (${type}) has an empty value`);
    if (type === 'C' && !/^[A-Z]{2}$/.test(value)) throw new Error(`C must be a two-letter country code, got "${value}"`);
    return [type, value] as const;
  });
}

/** Canonical string form: `CN=admin,OU=Devs,O=Hazelcast`. */
export function formatDn(rdns: readonly Rdn[]): string {
  return rdns.map(([t, v]) => `${t}=${v.replace(/([,+"\\<>;])/g, '\\$1')}`).join(',');
}

/**
 * The name in ASN.1 order. RFC 4514 strings list the most specific component first, the encoded
 * sequence lists it last; reversing keeps Java's X500Principal.getName() equal to the caller's string
 * (Hazelcast's TLS realm reads roles from that principal).
 */
export function toJsonName(rdns: readonly Rdn[]): JsonName {
  return [...rdns].reverse().map(([t, v]) => ({ [t]: [v] }));
}
