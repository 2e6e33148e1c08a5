// The CQL family's model of a server configuration and of a client configuration. A server setup is
// rendered into a real cassandra.yaml (render.ts) — the single description of a server
// configuration, as hazelcast.xml is for Hazelcast members. Certificates are PKI ids (pki/).

export const AUTHENTICATORS = [
  'AllowAllAuthenticator',
  'PasswordAuthenticator',
  'MutualTlsAuthenticator',
  'MutualTlsWithPasswordFallbackAuthenticator',
] as const;
export type Authenticator = (typeof AUTHENTICATORS)[number];

export const AUTHORIZERS = ['AllowAllAuthorizer', 'CassandraAuthorizer'] as const;
export type Authorizer = (typeof AUTHORIZERS)[number];

/** How the server's key and trust material is given to Cassandra. */
export const STORE_FORMATS = ['pkcs12', 'jks', 'pem'] as const;
export type StoreFormat = (typeof STORE_FORMATS)[number];

/** `client_encryption_options` of cassandra.yaml (5.0). */
export interface CqlServerTls {
  /** `optional: true`: plaintext and TLS on the same native port. */
  optional?: boolean;
  /** PKI id of the server certificate (key store / PEM key and chain). */
  serverCert: string;
  storeFormat: StoreFormat;
  /** PEM only: the private key encrypted (PKCS#8, PBES2 as OpenSSL 3 writes it) with keystore_password; default unencrypted. */
  pemKeyEncrypted?: boolean;
  /** PKI id of the CA whose trust store verifies client certificates; absent = no truststore. */
  trustCa?: string;
  requireClientAuth: boolean;
  /** `protocol` (e.g. TLS, TLSv1.2). */
  protocol?: string;
  /** `accepted_protocols` (e.g. [TLSv1.2]). */
  acceptedProtocols?: string[];
  /** `cipher_suites`, Java (IANA) names. */
  cipherSuites?: string[];
}

export interface CqlServerSetup {
  /** null = client encryption disabled (plaintext native port). */
  tls: CqlServerTls | null;
  authenticator: Authenticator;
  authorizer: Authorizer;
}

/** A client's TLS settings, in the terms of the seed's four modes. */
export interface CqlClientTls {
  /** PKI id of the CA the client trusts (its CA file); absent = none loaded. */
  ca?: string;
  /** CERT_REQUIRED (python) / rejectUnauthorized (node); null = the client's default. */
  verifyPeer: boolean | null;
  /** check_hostname (python) / checkServerIdentity (node); null = the client's default. */
  verifyHostname?: boolean | null;
  /** ssl_options server_hostname (python) / servername (node). */
  serverHostname?: string;
  /** PKI id of the client certificate (load_cert_chain). */
  cert?: string;
  /** Load the certificate's key encrypted, with its password. */
  keyPassword?: boolean;
  minVersion?: string;
  maxVersion?: string;
  cipherSuites?: string[];
  /** The pre-3.17 python form: only `ssl_options` (ca_certs, cert_reqs, ssl_version), no ssl_context. */
  legacyOptionsDict?: boolean;
}

export interface CqlCredentials {
  username: string;
  password: string;
}

export interface CqlClientSetup {
  tls: CqlClientTls | null;
  /** PlainTextAuthProvider; null = no auth provider. */
  credentials: CqlCredentials | null;
  /** Python: SaslAuthProvider (PLAIN, pure-sasl) instead of PlainTextAuthProvider. */
  sasl?: boolean;
  /** Contact point host (default 127.0.0.1; `localhost` for the DNS-SAN cells). */
  host?: string;
}
