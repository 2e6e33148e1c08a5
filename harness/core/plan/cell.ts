// The unit of the conformance run: one cell = one server (member) setup + one client setup + the
// checks run after connecting + the outcome the oracle expects. Drivers, targets, suites and
// reports all speak these types; keep them stable (add optional fields rather than change existing
// ones). The server side is the family's own type (harness/<family>/model.ts): Cell<M>.

/** An area of a system family (e.g. 'tls', 'realms'); each family lists its own (SystemFamily.areas). */
export type Area = string;

/** Allure severities. */
export type Severity = 'blocker' | 'critical' | 'normal' | 'minor' | 'trivial';

/** Where a requirement comes from: a seed document in ../shared/seeds and its section. */
export interface SourceRef {
  document: string;
  section: string;
}

/** Protocol names as Java (member) and the client configurations spell them. */
export type TlsVersion = 'SSLv2' | 'SSLv3' | 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

// ---------------------------------------------------------------------------------------------
// Client side (abstract; a driver turns it into its client's configuration)
// ---------------------------------------------------------------------------------------------

/**
 * How the client's certificate and key are given:
 * separate = cert chain PEM + key PEM; combined = key and certificate in one PEM file;
 * encrypted = cert PEM + password-protected key PEM.
 */
export type ClientKeyFormat = 'separate' | 'combined' | 'encrypted';

export interface ClientCertSetup {
  /** PKI artifact id, e.g. 'client-rsa', 'client-expired'. */
  artifact: string;
  format: ClientKeyFormat;
  /** Only for 'encrypted': give the PKI's real key password or a wrong one. */
  keyPassword?: 'correct' | 'wrong';
  /**
   * Only for 'encrypted': how the password is handed over — a string, bytes, or (the Python client's
   * ssl_password) a callable returning a string ('callable') or bytes ('callable-bytes').
   */
  keyPasswordForm?: 'string' | 'bytes' | 'callable' | 'callable-bytes';
}

export interface ClientTls {
  enabled: true;
  /** Lowest / highest version the client offers; both equal = pinned; absent = the client's defaults. */
  minVersion?: TlsVersion;
  maxVersion?: TlsVersion;
  /** OpenSSL cipher names in the client's order; absent = the client's defaults. */
  ciphers?: string[];
  /** Whether the client verifies the member's certificate at all (false = CQL seed's CERT_NONE). */
  verifyMember: boolean;
  /** CA the client trusts: a PKI artifact id ('root-ca', 'ca-bundle', 'untrusted-ca') or the system store. */
  ca: string | 'system';
  /** Client certificate for mutual authentication; absent = none presented. */
  cert?: ClientCertSetup;
  /** Whether the member's certificate must match connectHost (checked only when verifyMember). */
  hostnameVerification: boolean;
  /** The address the client dials; the suite uses 127.0.0.1 (an IP must match an IP SAN). */
  connectHost: string;
}

export type ClientCredentials =
  | { kind: 'none' }
  | { kind: 'password'; username: string; password: string }
  /** token as the client is configured with it (base64 text when encoding is base64). */
  | { kind: 'token'; encoding: 'none' | 'base64'; token: string }
  /**
   * A GSSAPI (Kerberos) token sent as token credentials, obtained after a password or keytab login
   * of `principal` at the run's KDC. service: ticket for the member's service principal or another
   * one; ticket: fresh, expired (used after its lifetime) or replayed (already accepted once);
   * kdc: 'down' = the client's krb5.conf names a KDC that does not answer.
   */
  | {
      kind: 'kerberos';
      principal: string;
      login: 'password' | 'keytab';
      password?: string;
      service?: 'member' | 'other';
      ticket?: 'fresh' | 'expired' | 'replayed';
      kdc?: 'up' | 'down';
      /** GSS flags asked for beyond sequence: mutual = GSS_C_MUTUAL_FLAG (AP-REQ mutual-required). */
      mutual?: boolean;
    };

export interface ClientSetup {
  clusterName: string;
  /** null = plain TCP. */
  tls: ClientTls | null;
  credentials: ClientCredentials;
  /** Capability names a driver must declare to express this client; otherwise the cell is not applicable. */
  requiredCapabilities: string[];
}

/** Capability names used by the matrices (a driver declares the ones it supports). */
export const CAPABILITIES = {
  tls: 'tls',
  pinTlsVersion: 'tls-pin-version',
  pinSslv2: 'tls-pin-sslv2',
  pinSslv3: 'tls-pin-sslv3',
  cipherList: 'tls-cipher-list',
  disableVerification: 'tls-no-verification',
  systemCa: 'tls-system-ca',
  hostnameVerificationToggle: 'tls-hostname-verification-toggle',
  clientCert: 'tls-client-cert',
  combinedKeyCert: 'tls-combined-key-cert',
  encryptedKey: 'tls-encrypted-key',
  keyPasswordCallable: 'tls-key-password-callable',
  keyPasswordBytes: 'tls-key-password-bytes',
  passwordCredentials: 'credentials-password',
  tokenCredentials: 'credentials-token',
  kerberosCredentials: 'credentials-kerberos',
  mapOperations: 'map-operations',
  // Operations after connecting are capabilities of their own: `op:<operation>` (operationCapability).
} as const;
export type Capability = (typeof CAPABILITIES)[keyof typeof CAPABILITIES];

/** The capability a driver declares to run an operation after connecting, e.g. 'op:queue.offer'. */
export function operationCapability(operation: string): string {
  return `op:${operation}`;
}

// ---------------------------------------------------------------------------------------------
// Checks and outcomes
// ---------------------------------------------------------------------------------------------

/** An operation run once connected, to show a role / permission took effect. */
export interface Check {
  /** Unique within the cell, e.g. 'put-granted'. */
  id: string;
  /** Operation name of the permission catalogue, e.g. 'map.put', 'queue.offer', 'atomiclong.get'. */
  operation: string;
  /** The distributed object it works on. */
  objectName: string;
  /** What the oracle expects of this check (redundant with ExpectedOutcome, handy for drivers). */
  expect: 'granted' | 'denied';
}

export type TlsRefusalReason =
  | 'CERT_UNTRUSTED' // chain does not lead to a trusted anchor (incl. self-signed)
  | 'HOSTNAME_MISMATCH' // certificate does not name the host dialled
  | 'CERT_EXPIRED'
  | 'CERT_NOT_YET_VALID'
  | 'CERT_BAD_USAGE' // EKU / key usage / basic constraints do not allow the use
  | 'NO_SHARED_CIPHER'
  | 'PROTOCOL_VERSION' // no common protocol version, or a version the side refuses
  | 'CLIENT_CERT_REQUIRED' // mutual auth REQUIRED and the client presented none
  | 'BAD_CLIENT_CERT' // the member rejected a presented client certificate
  | 'KEY_PASSWORD'; // the client could not decrypt its own private key

/** Why a client got no Kerberos token: KDC unreachable, principal unknown to the KDC, password / key refused. */
export type NoCredentialsReason = 'KDC_UNREACHABLE' | 'CLIENT_UNKNOWN' | 'LOGIN_FAILED';

export type AuthRefusalStatus = 'CREDENTIALS_FAILED' | 'NOT_ALLOWED_IN_CLUSTER';

export type Outcome =
  /**
   * Connected, authenticated, and every check was granted. subject: who the member says the client
   * is (identity + roles), when known; compared only when both expected and observed carry it.
   */
  | { kind: 'connected'; subject?: { identity: string; roles: string[] } }
  | { kind: 'tls-refused'; side: 'client' | 'member'; reason: TlsRefusalReason }
  | { kind: 'auth-refused'; status: AuthRefusalStatus }
  /** Connected and authenticated, but this check (its id) was denied. */
  | { kind: 'access-denied'; check: string }
  /** The client could not obtain credentials to send (e.g. no Kerberos ticket): the member was never asked. */
  | { kind: 'no-credentials'; reason: NoCredentialsReason }
  | { kind: 'not-applicable'; reason: string }
  | { kind: 'error'; message: string };
export type OutcomeKind = Outcome['kind'];

/** What the oracle expects: never not-applicable or error, always with the rule it follows. */
export type ExpectedOutcome = Exclude<Outcome, { kind: 'not-applicable' } | { kind: 'error' }> & {
  /** Short explanation citing the rule and document, e.g. "JDK 17 disables TLSv1 (hazelcast-python-client-tls.txt §...)". */
  because: string;
};

export interface Cell<M = unknown> {
  /** Stable, readable, unique; derived from the coordinates, e.g. 'HZ-TLS-001/memberProtocol=TLSv1.2,clientVersion=TLSv1.3'. */
  id: string;
  requirementId: string;
  /** Title of the requirement (reports group cells under it). */
  requirementTitle: string;
  area: Area;
  /** Readable name, e.g. 'member TLSv1.2 × client TLSv1.3'. */
  name: string;
  source: SourceRef;
  /** The cell's coordinates, flat; become Allure and certification parameters. */
  parameters: Record<string, string>;
  severity: Severity;
  /** The server side, in the family's own model (Hazelcast: MemberSetup). */
  member: M;
  client: ClientSetup;
  checks: Check[];
  expected: ExpectedOutcome;
}

/** A requirement as the matrices declare it. */
export interface Requirement {
  id: string;
  area: Area;
  title: string;
  source: SourceRef;
}

// ---------------------------------------------------------------------------------------------
// Results (driver + judge → reports)
// ---------------------------------------------------------------------------------------------

/** deviation: failed as a declared deviation says (never counted passed; see harness/core/suite/deviations.ts). */
export type CellStatus = 'passed' | 'failed' | 'not-applicable' | 'skipped' | 'deviation';

/** Secrets in the setups use field names redactObject recognises (password, token): keep it so. */

/** Named pieces of evidence: client log, member log, rendered configuration... (redacted on output). */
export type Evidence = Record<string, string>;

export interface CellResult<M = unknown> {
  cell: Cell<M>;
  observed: Outcome;
  status: CellStatus;
  reason?: string;
  durationMs: number;
  evidence?: Evidence;
  /** The declared deviation that covers this cell ("file#index: reason"); on a passed cell it is stale. */
  deviation?: string;
}
