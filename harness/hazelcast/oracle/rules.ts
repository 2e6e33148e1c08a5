// The documented rules the oracle applies, each with where it comes from. `because` texts of
// expectations are built from these, so a report reader can go straight to the document.
export interface Rule {
  id: string;
  says: string;
  source: string;
}

const PY_TLS = 'hazelcast-python-client-tls.txt';
const REALMS = 'hazelcast-security-realms.txt';
const CQL = 'cassandra-python-driver-security.txt';
const PY_SEC = 'hazelcast-python-client-security.rst';
const PERMS = 'hazelcast-client-security-permissions.txt';

export const RULES = {
  keyPassword: { id: 'key-password', says: 'an encrypted client key is decrypted with the given password; a wrong one fails before connecting', source: `${PY_TLS} §Setting Password of the Private Key` },
  sslProhibited: { id: 'ssl-prohibited', says: 'SSLv2 and SSLv3 are prohibited (RFC 6176, RFC 7568) and absent from OpenSSL 3: a client pinning them cannot connect', source: `${PY_TLS} §Setting the Protocol` },
  memberDisabled: { id: 'member-disabled-versions', says: 'a JDK 17 member disables SSLv3, TLSv1 and TLSv1.1 (jdk.tls.disabledAlgorithms) even when `protocol` pins them', source: `${PY_TLS} §Setting the Protocol (effective defaults: matrices/defaults.yaml)` },
  versionMismatch: { id: 'version-mismatch', says: 'client and member must share a protocol version, otherwise the connection is refused', source: `${PY_TLS} §Setting the Protocol` },
  versionAgreed: { id: 'version-agreed', says: 'both sides enable a common protocol version', source: `${PY_TLS} §Setting the Protocol` },
  noSharedCipher: { id: 'no-shared-cipher', says: 'the member picks a suite both lists hold and its key type can serve; none → handshake refused', source: `${PY_TLS} §Setting Cipher Suites` },
  untrusted: { id: 'untrusted', says: "the member's chain must lead to a CA in the client's CA file (without one, default CAs, which do not hold a private CA)", source: `${PY_TLS} §Setting CA File` },
  badUsage: { id: 'bad-usage', says: "the member's certificate must be usable for a TLS server (serverAuth EKU, not a CA key)", source: `${PY_TLS} §Setting CA File; ${CQL} §Client verifies server` },
  expired: { id: 'validity', says: "the member's certificate must be within its validity period", source: `${PY_TLS} §Setting CA File` },
  hostname: { id: 'hostname', says: 'with hostname verification the certificate must name the address dialled (an IP needs an IP SAN; CN is not used for IPs)', source: `${CQL} §Client verifies server` },
  noVerification: { id: 'no-verification', says: "a client that does not verify accepts any member certificate", source: `${CQL} §No identity verification` },
  clientCertRequired: { id: 'client-cert-required', says: 'mutual authentication REQUIRED: a client without a certificate is refused', source: `${PY_TLS} §Mutual Authentication` },
  clientCertOptional: { id: 'client-cert-optional', says: 'mutual authentication OPTIONAL: a client without a certificate is accepted, a presented one must be valid (JSSE want-client-auth)', source: `${PY_TLS} §Mutual Authentication` },
  badClientCert: { id: 'bad-client-cert', says: "a presented client certificate must chain to the member's trust store, be valid now and allow clientAuth", source: `${PY_TLS} §Mutual Authentication` },
  mutualOff: { id: 'mutual-off', says: 'without mutual authentication the member does not ask for a client certificate', source: `${PY_TLS} §Mutual Authentication` },
  clusterName: { id: 'cluster-name', says: "the client's cluster name must equal the member's; a mismatch fails authentication (CREDENTIALS_FAILED)", source: `${PERMS} §Authentication` },
  securityOff: { id: 'security-off', says: 'with security disabled the member does not check credentials', source: `${PY_SEC} §Username/Password Authentication` },
  passwordIdentity: { id: 'password-identity', says: "a username-password realm accepts the client only with the realm's username and password", source: `${PY_SEC} §Username/Password Authentication; ${REALMS} §Password Credentials` },
  tokenIdentity: { id: 'token-identity', says: "a token realm accepts the client only with the realm's token bytes (encoding base64 decoded, none taken as is)", source: `${REALMS} §Token Credentials; ${PY_SEC} §Token-Based Authentication` },
  tlsRealm: { id: 'tls-realm', says: 'a tls realm needs a client certificate verified in the handshake; identity = subject DN, role = the roleAttribute part of the DN (cn when not configured, as Hazelcast\'s TLS login module does)', source: `${REALMS} §TLS Authentication Type` },
  permissions: { id: 'permissions', says: "an operation is allowed only if, for every permission it needs, a client permission of that type (or all-permissions) whose name pattern matches the object, whose principal list names one of the client's roles (or is absent / '*'), whose endpoints match the client's address and whose actions include the action (or all) applies; entries add up, none → denied", source: `${PERMS} §Authorization, §Permissions` },
} as const satisfies Record<string, Rule>;

/** "rule says (source)", the shape of a `because` line. */
export function cite(rule: Rule, detail?: string): string {
  return `${detail ? `${detail}: ` : ''}${rule.says} (${rule.source})`;
}
