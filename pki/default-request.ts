// The default PKI set: everything the suites reference by these stable ids.
import { isIP } from 'node:net';
import type { CertRequest, PkiRequest, SubjectAltNames } from './types.ts';

/** Stable ids of the default set. */
export const DEFAULT_IDS = {
  cas: ['root-ca', 'intermediate-ca', 'untrusted-ca'],
  bundles: ['ca-bundle'],
  goodMembers: ['member-rsa', 'member-ec'],
  goodClients: ['client-rsa', 'client-ec', 'client-admin', 'client-dev'],
  badMembers: [
    'member-expired',
    'member-not-yet-valid',
    'member-untrusted-ca',
    'member-wrong-san',
    'member-cn-only',
    'member-no-serverauth',
    'member-self-signed',
    'member-ca-as-leaf',
  ],
  badClients: ['client-expired', 'client-not-yet-valid', 'client-untrusted-ca', 'client-no-clientauth', 'client-self-signed'],
} as const;

/** The host clients of the suite connect to; hostname expectations are stated for it. */
export const MEMBER_HOST = '127.0.0.1';

function memberSans(extra: readonly string[]): SubjectAltNames {
  const sans: SubjectAltNames = { dns: ['localhost'], ip: ['127.0.0.1'] };
  for (const name of extra) {
    const list = isIP(name) ? sans.ip : sans.dns;
    if (!list.includes(name)) list.push(name);
  }
  return sans;
}

/**
 * The default request. `extraMemberNames` (container host names, other addresses) are added as SANs
 * to every member certificate that is meant to match the member's names.
 */
export function defaultPkiRequest(extraMemberNames: readonly string[] = []): PkiRequest {
  const sans = () => memberSans(extraMemberNames);
  const member = (id: string, over: Partial<CertRequest> & Pick<CertRequest, 'description'>): CertRequest => ({
    id,
    kind: 'member',
    keyType: 'rsa2048',
    subject: `CN=${id},OU=Members,O=Hazelcast`,
    issuer: 'intermediate-ca',
    sans: sans(),
    ...over,
  });
  const client = (id: string, over: Partial<CertRequest> & Pick<CertRequest, 'description'>): CertRequest => ({
    id,
    kind: 'client',
    keyType: 'rsa2048',
    subject: `CN=${id},OU=Devs,O=Hazelcast`,
    issuer: 'intermediate-ca',
    ...over,
  });

  const certs: CertRequest[] = [
    { id: 'root-ca', kind: 'ca', description: 'Trusted root CA (self-signed). Its trust store is the member trust store for verifying client certificates.', keyType: 'rsa2048', subject: 'CN=secmatrix Root CA,O=Hazelcast', issuer: 'self' },
    { id: 'intermediate-ca', kind: 'ca', description: 'Intermediate CA under root-ca; issues every good leaf.', keyType: 'rsa2048', subject: 'CN=secmatrix Intermediate CA,O=Hazelcast', issuer: 'root-ca' },
    { id: 'untrusted-ca', kind: 'ca', description: 'A second, unrelated root CA that neither side trusts.', keyType: 'rsa2048', subject: 'CN=secmatrix Untrusted CA,O=Elsewhere', issuer: 'self' },

    member('member-rsa', { description: 'Member certificate, RSA 2048, issued by intermediate-ca.' }),
    member('member-ec', { description: 'Member certificate, ECDSA P-256, issued by intermediate-ca.', keyType: 'ec-p256' }),
    client('client-rsa', { description: 'Client certificate CN=client, RSA 2048.', subject: 'CN=client,OU=Devs,O=Hazelcast' }),
    client('client-ec', { description: 'Client certificate CN=client-ec, ECDSA P-256.', keyType: 'ec-p256', subject: 'CN=client-ec,OU=Devs,O=Hazelcast' }),
    client('client-admin', { description: 'Client certificate CN=admin (a role name for the TLS realm).', subject: 'CN=admin,OU=Devs,O=Hazelcast' }),
    client('client-dev', { description: 'Client certificate CN=dev (a role name for the TLS realm).', subject: 'CN=dev,OU=Devs,O=Hazelcast' }),
    // Near miss of the TLS realm's role attribute: the subject's first RDN (as printed) is not the CN.
    client('client-ou-first', { description: 'Client certificate OU=Devs,CN=dev,O=Hazelcast: its first RDN is the OU, its CN is dev.', subject: 'OU=Devs,CN=dev,O=Hazelcast' }),

    member('member-expired', {
      description: 'Member certificate whose validity ended a year ago.',
      validity: 'expired',
      bad: { why: 'notAfter is in the past', expectedFailure: 'CERT_HAS_EXPIRED', verifier: 'client' },
    }),
    member('member-not-yet-valid', {
      description: 'Member certificate whose validity starts in ten years.',
      validity: 'not-yet-valid',
      bad: { why: 'notBefore is in the future', expectedFailure: 'CERT_NOT_YET_VALID', verifier: 'client' },
    }),
    member('member-untrusted-ca', {
      description: 'Member certificate issued by untrusted-ca.',
      issuer: 'untrusted-ca',
      bad: { why: 'signed by a CA the client does not trust (untrusted-ca, not under root-ca)', expectedFailure: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', verifier: 'client' },
    }),
    member('member-wrong-san', {
      description: 'Member certificate whose SANs name another host.',
      sans: { dns: ['other-host.example'], ip: ['10.255.255.1'] },
      bad: { why: 'SANs name other-host.example / 10.255.255.1, not the host the client connects to', expectedFailure: 'ERR_TLS_CERT_ALTNAME_INVALID', verifier: 'client', host: MEMBER_HOST },
    }),
    member('member-cn-only', {
      description: 'Member certificate with CN=localhost and no subjectAltName extension.',
      subject: 'CN=localhost,OU=Members,O=Hazelcast',
      sans: { dns: [], ip: [] },
      bad: {
        why: 'no subjectAltName: an IP address is only matched against IP SANs, never the CN (Node still falls back to the CN for the DNS name "localhost")',
        expectedFailure: 'ERR_TLS_CERT_ALTNAME_INVALID',
        verifier: 'client',
        host: MEMBER_HOST,
      },
    }),
    member('member-no-serverauth', {
      description: 'Member certificate whose extended key usage is clientAuth only.',
      ekus: ['clientAuth'],
      bad: { why: 'extended key usage lacks serverAuth, so it may not identify a TLS server', expectedFailure: 'INVALID_PURPOSE', verifier: 'client' },
    }),
    member('member-self-signed', {
      description: 'Self-signed member certificate (not a CA).',
      issuer: 'self',
      bad: { why: 'self-signed leaf: no trusted CA vouches for it', expectedFailure: 'DEPTH_ZERO_SELF_SIGNED_CERT', verifier: 'client' },
    }),
    member('member-ca-as-leaf', {
      description: 'A CA certificate (CA:TRUE, keyCertSign/cRLSign, no EKU) with the member SANs, used as the member certificate.',
      caCertificate: true,
      ekus: [],
      bad: { why: 'a CA certificate used as a leaf: its key usage (keyCertSign, cRLSign) does not allow TLS', expectedFailure: 'INVALID_PURPOSE', verifier: 'client' },
    }),

    client('client-expired', {
      description: 'Client certificate whose validity ended a year ago.',
      validity: 'expired',
      bad: { why: 'notAfter is in the past', expectedFailure: 'CERT_HAS_EXPIRED', verifier: 'member' },
    }),
    client('client-not-yet-valid', {
      description: 'Client certificate whose validity starts in ten years.',
      validity: 'not-yet-valid',
      bad: { why: 'notBefore is in the future', expectedFailure: 'CERT_NOT_YET_VALID', verifier: 'member' },
    }),
    client('client-untrusted-ca', {
      description: 'Client certificate issued by untrusted-ca.',
      issuer: 'untrusted-ca',
      bad: { why: 'signed by a CA the member does not trust (untrusted-ca, not under root-ca)', expectedFailure: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', verifier: 'member' },
    }),
    client('client-no-clientauth', {
      description: 'Client certificate whose extended key usage is serverAuth only.',
      ekus: ['serverAuth'],
      bad: { why: 'extended key usage lacks clientAuth, so it may not identify a TLS client', expectedFailure: 'INVALID_PURPOSE', verifier: 'member' },
    }),
    client('client-self-signed', {
      description: 'Self-signed client certificate (not a CA).',
      issuer: 'self',
      bad: { why: 'self-signed leaf: no trusted CA vouches for it', expectedFailure: 'DEPTH_ZERO_SELF_SIGNED_CERT', verifier: 'member' },
    }),
  ];

  return {
    certs,
    bundles: [{ id: 'ca-bundle', description: 'CA file with root-ca and intermediate-ca concatenated.', cas: ['root-ca', 'intermediate-ca'] }],
  };
}
