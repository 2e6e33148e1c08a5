// The CQL family's certificates: the default PKI set plus what Cassandra's checks need — a server
// certificate with a DNS-only SAN (drivers check the resolved IP), and client certificates with a
// spiffe:// URI SAN (the identity MutualTlsAuthenticator reads), mapped and unmapped.
import { defaultPkiRequest } from '../../pki/index.ts';
import type { CertRequest, PkiRequest } from '../../pki/types.ts';

export const SPIFFE = {
  app: 'spiffe://secmatrix.test/app',
  admin: 'spiffe://secmatrix.test/admin',
  unmapped: 'spiffe://secmatrix.test/unmapped',
} as const;

/** PKI ids the CQL matrices use. */
export const CQL_IDS = {
  rootCa: 'root-ca',
  untrustedCa: 'untrusted-ca',
  server: 'member-rsa',
  serverDnsOnly: 'cql-server-dns-only',
  serverWrongSan: 'member-wrong-san',
  serverExpired: 'member-expired',
  clientPlain: 'client-rsa',
  clientExpired: 'client-expired',
  clientUntrusted: 'client-untrusted-ca',
  clientApp: 'cql-client-spiffe-app',
  clientAdmin: 'cql-client-spiffe-admin',
  clientUnmapped: 'cql-client-spiffe-unmapped',
} as const;

function spiffeClient(id: string, uri: string, what: string): CertRequest {
  return {
    id,
    kind: 'client',
    description: `Client certificate with the URI SAN ${uri} (${what}).`,
    keyType: 'rsa2048',
    subject: `CN=${id},OU=Devs,O=Cassandra`,
    issuer: 'intermediate-ca',
    sans: { uri: [uri] },
  };
}

export function cqlPkiRequest(): PkiRequest {
  const base = defaultPkiRequest();
  return {
    ...base,
    certs: [
      ...base.certs,
      {
        id: CQL_IDS.serverDnsOnly,
        kind: 'member',
        description: 'Server certificate whose only SAN is DNS:localhost (no IP SAN).',
        keyType: 'rsa2048',
        subject: 'CN=localhost,OU=Servers,O=Cassandra',
        issuer: 'intermediate-ca',
        sans: { dns: ['localhost'], ip: [] },
        bad: {
          why: 'only DNS:localhost: a client that checks the address it connected to (127.0.0.1) finds no matching IP SAN',
          expectedFailure: 'ERR_TLS_CERT_ALTNAME_INVALID',
          verifier: 'client',
          host: '127.0.0.1',
        },
      },
      spiffeClient(CQL_IDS.clientApp, SPIFFE.app, 'mapped to role app with ADD IDENTITY'),
      spiffeClient(CQL_IDS.clientAdmin, SPIFFE.admin, 'mapped to the superuser role for administration'),
      spiffeClient(CQL_IDS.clientUnmapped, SPIFFE.unmapped, 'mapped to no role'),
    ],
  };
}
