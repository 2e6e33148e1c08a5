// The coordinate vocabulary of the matrices: every key a matrix may set, and which values it takes.
// A cell is a full assignment of these coordinates; harness/plan/setups.ts turns it into setups.
import type { Catalogue } from './catalogue.ts';

type Domain =
  | { kind: 'enum'; values: readonly string[] }
  /** A name that must exist in one of the catalogue's tables. */
  | { kind: 'ref'; table: (c: Catalogue) => Record<string, unknown>; what: string; extra?: readonly string[] }
  | { kind: 'free' }
  | { kind: 'check' };

const ON_OFF = ['on', 'off'] as const;
const MEMBER_PROTOCOLS = ['TLS', 'SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
const CLIENT_VERSIONS = ['default', 'SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;

const certificates = (c: Catalogue) => c.pki.certificates;
const cipherLists = (c: Catalogue) => c.cipherLists;

export const COORDINATES: Record<string, { domain: Domain; describes: string }> = {
  memberTls: { domain: { kind: 'enum', values: ON_OFF }, describes: 'TLS on the member' },
  memberProtocol: { domain: { kind: 'enum', values: MEMBER_PROTOCOLS }, describes: "member's `protocol` property" },
  memberCiphers: { domain: { kind: 'ref', table: cipherLists, what: 'cipher list', extra: ['default'] }, describes: "member's `ciphersuites`" },
  memberKey: { domain: { kind: 'ref', table: certificates, what: 'certificate' }, describes: "member's key store (PKI artifact)" },
  mutualAuth: { domain: { kind: 'enum', values: ['off', 'OPTIONAL', 'REQUIRED'] }, describes: 'mutualAuthentication' },
  memberTrust: { domain: { kind: 'ref', table: (c) => c.pki.trust, what: 'trust choice' }, describes: "member's trust store" },
  realm: { domain: { kind: 'ref', table: (c) => c.realms, what: 'realm', extra: ['none'] }, describes: 'client realm (none = security off)' },
  permissions: { domain: { kind: 'ref', table: (c) => c.permissionSets, what: 'permission set', extra: ['none'] }, describes: 'client permissions' },
  memberClusterName: { domain: { kind: 'free' }, describes: "member's cluster name" },
  clientTls: { domain: { kind: 'enum', values: ON_OFF }, describes: 'TLS on the client' },
  clientVersion: { domain: { kind: 'enum', values: CLIENT_VERSIONS }, describes: 'version pinned by the client (default = its defaults)' },
  clientCiphers: { domain: { kind: 'ref', table: cipherLists, what: 'cipher list', extra: ['default'] }, describes: "client's cipher list" },
  verify: { domain: { kind: 'enum', values: ON_OFF }, describes: 'client verifies the member certificate' },
  clientCa: { domain: { kind: 'ref', table: (c) => c.pki.trust, what: 'trust choice' }, describes: "client's CA file (system = default CAs)" },
  hostnameVerification: { domain: { kind: 'enum', values: ON_OFF }, describes: 'client checks the host name' },
  connectHost: { domain: { kind: 'free' }, describes: 'address the client dials' },
  clientCert: { domain: { kind: 'ref', table: certificates, what: 'certificate', extra: ['none'] }, describes: "client's certificate" },
  keyFormat: { domain: { kind: 'enum', values: ['separate', 'combined', 'encrypted'] }, describes: "how the client's key is given" },
  clientKeyUnlock: { domain: { kind: 'enum', values: ['correct', 'wrong'] }, describes: 'key password given (encrypted keys)' },
  clientKeyUnlockForm: { domain: { kind: 'enum', values: ['string', 'callable'] }, describes: 'how the key password is given' },
  clientIdentity: { domain: { kind: 'ref', table: (c) => c.clientIdentities, what: 'client identity' }, describes: "client's credentials" },
  clientClusterName: { domain: { kind: 'free' }, describes: "client's cluster name" },
  check: { domain: { kind: 'check' }, describes: 'operation after connecting: none or OP@MAP (map.put, map.get)' },
  mode: { domain: { kind: 'free' }, describes: 'label of a verification mode (CQL seed)' },
};

const CHECK = /^(map\.put|map\.get)@([A-Za-z0-9._*-]+)$/;

/** Parses a `check` coordinate: 'none' → undefined. */
export function parseCheck(value: string): { operation: 'map.put' | 'map.get'; mapName: string } | undefined {
  if (value === 'none') return undefined;
  const m = CHECK.exec(value);
  if (!m) throw new Error(`not a check: ${value}`);
  return { operation: m[1] as 'map.put' | 'map.get', mapName: m[2]! };
}

/** Why a coordinate value is unusable, or undefined when it is fine. */
export function coordinateProblem(catalogue: Catalogue, key: string, value: unknown): string | undefined {
  const def = COORDINATES[key];
  if (!def) return `unknown coordinate "${key}" (known: ${Object.keys(COORDINATES).join(', ')})`;
  if (typeof value !== 'string') return `coordinate "${key}" must be a string, got ${JSON.stringify(value)} (quote on/off in YAML)`;
  const d = def.domain;
  switch (d.kind) {
    case 'enum':
      return d.values.includes(value) ? undefined : `"${value}" is not a value of ${key} (one of: ${d.values.join(', ')})`;
    case 'ref': {
      const known = [...(d.extra ?? []), ...Object.keys(d.table(catalogue))];
      return known.includes(value) ? undefined : `"${value}" is not a known ${d.what} for ${key} (known: ${known.join(', ')})`;
    }
    case 'check':
      return value === 'none' || CHECK.test(value) ? undefined : `"${value}" is not a check (none, or map.put@NAME / map.get@NAME)`;
    case 'free':
      return value.length > 0 ? undefined : `coordinate "${key}" must not be empty`;
  }
}
