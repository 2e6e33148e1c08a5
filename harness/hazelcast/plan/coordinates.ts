// The coordinate vocabulary of the matrices: every key a matrix may set, and which values it takes.
// A cell is a full assignment of these coordinates; harness/plan/setups.ts turns it into setups.
import type { Catalogue } from './catalogue.ts';

type Domain =
  | { kind: 'enum'; values: readonly string[] }
  /** A name that must exist in one of the catalogue's tables. */
  | { kind: 'ref'; table: (c: Catalogue) => Record<string, unknown>; what: string; extra?: readonly string[] }
  | { kind: 'free' }
  /** Like free, but the empty string is a value too (action of a type without actions). */
  | { kind: 'free-or-empty' }
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
  userCodeDeployment: { domain: { kind: 'enum', values: ON_OFF }, describes: 'user code deployment on the member' },
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
  clientKeyUnlockForm: { domain: { kind: 'enum', values: ['string', 'bytes', 'callable', 'callable-bytes'] }, describes: 'how the key password is given' },
  clientIdentity: { domain: { kind: 'ref', table: (c) => c.clientIdentities, what: 'client identity' }, describes: "client's credentials" },
  clientClusterName: { domain: { kind: 'free' }, describes: "client's cluster name" },
  check: { domain: { kind: 'check' }, describes: "operations after connecting: none, OP@OBJECT[;OP@OBJECT...] (e.g. map.put@orders), or pair (the permission pair's operations)" },
  permission: {
    domain: { kind: 'ref', table: (c) => c.permissionCatalogue?.types ?? {}, what: 'permission element (permission-catalogue.yaml)' },
    describes: 'client permission element under test, e.g. map-permission',
  },
  action: { domain: { kind: 'free-or-empty' }, describes: 'action under test ("" for types without actions)' },
  side: { domain: { kind: 'enum', values: ['granted', 'withheld'] }, describes: 'whether the principal holds the action under test' },
  mode: { domain: { kind: 'free' }, describes: 'label of a verification mode (CQL seed)' },
};

const ONE_CHECK = /^([a-z]+\.[A-Za-z]+)@([A-Za-z0-9._*-]+)$/;
const CHECK = { test: (v: string) => v.split(';').every((part) => ONE_CHECK.test(part)) };

/** Parses a `check` coordinate: 'none' → []; 'pair' is resolved by setups (it needs the catalogue). */
export function parseChecks(value: string): { operation: string; objectName: string }[] {
  if (value === 'none') return [];
  return value.split(';').map((part) => {
    const m = ONE_CHECK.exec(part);
    if (!m) throw new Error(`not a check: ${part}`);
    return { operation: m[1]!, objectName: m[2]! };
  });
}

/** The first check of a `check` coordinate ('none' → undefined). */
export function parseCheck(value: string): { operation: string; objectName: string } | undefined {
  return parseChecks(value)[0];
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
    case 'check': {
      if (value === 'none' || value === 'pair' || CHECK.test(value)) {
        const unknown = value === 'none' || value === 'pair' || !catalogue.permissionCatalogue ? [] : parseChecks(value).filter((c) => !catalogue.permissionCatalogue!.operations[c.operation]);
        return unknown.length === 0 ? undefined : `unknown operation ${unknown.map((c) => c.operation).join(', ')} (operations of permission-catalogue.yaml)`;
      }
      return `"${value}" is not a check (none, pair, or OP@NAME[;OP@NAME...], e.g. map.put@orders)`;
    }
    case 'free':
      return value.length > 0 ? undefined : `coordinate "${key}" must not be empty`;
    case 'free-or-empty':
      return undefined;
  }
}
