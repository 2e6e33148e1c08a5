// The TLS part of the CQL oracle, written from the seed (cassandra-python-driver-security.txt: the
// four modes "No identity verification", "Client verifies server", "Server verifies client", "Server
// verifies client and client verifies server"), Cassandra's client_encryption_options documentation,
// and each driver's documented defaults (a client profile) — independent of the server.
import type { CqlOutcome } from './outcome.ts';

/** Facts about a certificate that verification depends on (from the PKI manifest, not the server). */
export interface CertFacts {
  /** Chains to the CA the verifier trusts. */
  trusted: boolean;
  /** Inside its validity window now. */
  current: boolean;
  dns: string[];
  ip: string[];
  /** spiffe:// URI SANs. */
  uri: string[];
}

/** A driver's documented TLS defaults. */
export interface ClientProfile {
  name: string;
  /** Verifies the server certificate when nothing is said (python PROTOCOL_TLS: CERT_NONE; node driver: rejectUnauthorized false). */
  verifyPeerByDefault: boolean;
  /** Checks the host name when verifying and nothing is said (python: check_hostname False with PROTOCOL_TLS; node: yes). */
  hostnameByDefault: boolean;
  /** Turning the host name check on also turns verification on (python's check_hostname sets CERT_REQUIRED). */
  hostnameForcesVerify: boolean;
  /** Can be configured with the pre-3.17 `ssl_options` dict (a Python driver form). */
  legacySslOptions: boolean;
  /** Has the seed's SaslAuthProvider (a Python driver class). */
  saslAuthProvider: boolean;
}

/** The keys a vendor adapter's client-profile.yaml gives (the documented defaults of its client). */
export const PROFILE_KEYS = ['verifyPeerByDefault', 'hostnameByDefault', 'hostnameForcesVerify', 'legacySslOptions', 'saslAuthProvider'] as const;

export const CLIENT_PROFILES: Record<string, ClientProfile> = {
  // Seed, "No identity verification": SSLContext(PROTOCOL_TLS) alone verifies nothing; "it's very
  // important to set ssl_context.verify_mode to CERT_REQUIRED"; check_hostname is opt-in.
  'cassandra-python': {
    name: 'cassandra-python',
    verifyPeerByDefault: false,
    hostnameByDefault: false,
    hostnameForcesVerify: true,
    legacySslOptions: true,
    saslAuthProvider: true,
  },
  // Node driver docs (ClientOptions.sslOptions): tls.connect defaults except rejectUnauthorized false;
  // Node checks the server identity whenever it verifies.
  'cassandra-node': {
    name: 'cassandra-node',
    verifyPeerByDefault: false,
    hostnameByDefault: true,
    hostnameForcesVerify: false,
    legacySslOptions: false,
    saslAuthProvider: false,
  },
  // gocql 1.7.0 (github.com/gocql/gocql): conn.go's SslOptions documentation table ("Config is nil |
  // EnableHostVerification false | do not verify host") and connectionpool.go setupTLSConfig
  // (`InsecureSkipVerify: !sslOpts.EnableHostVerification`): no verification by default, CaPath
  // or not. Verifying is crypto/tls's, which always checks the name (tls.Config.InsecureSkipVerify
  // documentation), against ServerName, which dial.go tlsConfigForAddr sets to the host's address
  // when verifying; EnableHostVerification is the one switch for both ("verify the hostname and
  // server cert"), so asking for the host name check turns verification on.
  'cassandra-go': {
    name: 'cassandra-go',
    verifyPeerByDefault: false,
    hostnameByDefault: true,
    hostnameForcesVerify: true,
    legacySslOptions: false,
    saslAuthProvider: false,
  },
};

export interface ServerTlsFacts {
  requireClientAuth: boolean;
  optional: boolean;
  cert: CertFacts;
  /** Versions the server accepts (accepted_protocols; default TLSv1.2 and TLSv1.3 in 5.0). */
  protocols: string[];
  /** cipher_suites (IANA names, TLS 1.2); undefined = the server's defaults. */
  cipherSuites?: string[];
}

export interface ClientTlsFacts {
  verifyPeer: boolean | null;
  verifyHostname: boolean | null;
  /** The name checked: server_hostname / servername, else the address connected to. */
  serverHostname?: string;
  /** Client certificate, if one is loaded; `trustedByServer` = chains to the server's truststore. */
  cert?: CertFacts;
  protocols: string[];
  cipherSuites?: string[];
}

const ALL_VERSIONS = ['TLSv1.2', 'TLSv1.3'];

export function versionsBetween(min?: string, max?: string): string[] {
  const order = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
  const lo = min ? order.indexOf(min) : order.indexOf('TLSv1.2');
  const hi = max ? order.indexOf(max) : order.indexOf('TLSv1.3');
  return order.filter((_, i) => i >= lo && i <= hi).filter((v) => ALL_VERSIONS.includes(v));
}

function nameMatches(cert: CertFacts, name: string): boolean {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name) || name.includes(':')) return cert.ip.includes(name);
  return cert.dns.some((d) => d.toLowerCase() === name.toLowerCase());
}

/**
 * The outcome of the TLS part of a connection. `host` is the address the driver connects to (both
 * drivers check the resolved IP unless a server host name is given).
 */
export function tlsOutcome(server: ServerTlsFacts | null, client: ClientTlsFacts | null, profile: ClientProfile, host: string): CqlOutcome {
  if (!server) return client ? { kind: 'tls-refused', by: 'client', reason: 'plaintext' } : { kind: 'ok' };
  if (!client) return server.optional ? { kind: 'ok' } : { kind: 'tls-refused', by: 'server', reason: 'plaintext' };
  // Negotiation first: a common version, then (TLS 1.2 only) a common suite.
  const versions = client.protocols.filter((v) => server.protocols.includes(v));
  if (versions.length === 0) return { kind: 'tls-refused', by: 'server', reason: 'protocol' };
  const tls13 = versions.includes('TLSv1.3') && !(client.cipherSuites && !server.cipherSuites);
  if (!tls13 && server.cipherSuites && client.cipherSuites && !client.cipherSuites.some((c) => server.cipherSuites!.includes(c)))
    return { kind: 'tls-refused', by: 'server', reason: 'cipher' };
  // The client checks the server's certificate before it sends its own.
  const hostnameOn = client.verifyHostname ?? profile.hostnameByDefault;
  const verify = (client.verifyPeer ?? profile.verifyPeerByDefault) || (client.verifyHostname === true && profile.hostnameForcesVerify);
  if (verify) {
    if (!server.cert.trusted) return { kind: 'tls-refused', by: 'client', reason: 'untrusted' };
    if (!server.cert.current) return { kind: 'tls-refused', by: 'client', reason: 'expired' };
    if (hostnameOn && !nameMatches(server.cert, client.serverHostname ?? host)) return { kind: 'tls-refused', by: 'client', reason: 'hostname' };
  }
  if (server.requireClientAuth) {
    if (!client.cert) return { kind: 'tls-refused', by: 'server', reason: 'no-client-cert' };
    if (!client.cert.trusted) return { kind: 'tls-refused', by: 'server', reason: 'untrusted' };
    if (!client.cert.current) return { kind: 'tls-refused', by: 'server', reason: 'expired' };
  }
  return { kind: 'ok' };
}
