// What each artifact of the default set is supposed to be, written down here from the issue's
// requirements, independently of pki/ (the code under test): a test compares what tools read back
// from the files against this table, never against values pki/ computed.

export type Side = 'member' | 'client';

export interface Expected {
  side: Side;
  keyAlgorithm: 'rsa' | 'ec';
  /** Subject as OpenSSL prints it with -nameopt RFC2253 (and Java's X500Principal.getName()). */
  subject: string;
  /** Id of the CA that signed it, or `self`. */
  signedBy: 'intermediate-ca' | 'untrusted-ca' | 'self';
  /** SANs as `openssl x509 -ext subjectAltName` prints them; [] = no SAN extension. */
  sans: string[];
  /** EKUs as OpenSSL names them; [] = no EKU extension. */
  ekus: string[];
  validity: 'now' | 'past' | 'future';
  isCa: boolean;
  /** For the bad ones: the error code the verifying side reports in a Node TLS handshake. */
  failure?: string;
}

/** The extra member name every integration test passes, to prove caller names reach the SANs. */
export const EXTRA_MEMBER_NAME = 'hz-member-1.test';

const DEFAULT_MEMBER_SANS = ['DNS:localhost', `DNS:${EXTRA_MEMBER_NAME}`, 'IP Address:127.0.0.1'];

const member = (over: Partial<Expected> & { subject: string }): Expected => ({
  side: 'member',
  keyAlgorithm: 'rsa',
  signedBy: 'intermediate-ca',
  sans: DEFAULT_MEMBER_SANS,
  ekus: ['TLS Web Server Authentication'],
  validity: 'now',
  isCa: false,
  ...over,
});
const client = (over: Partial<Expected> & { subject: string }): Expected => ({
  side: 'client',
  keyAlgorithm: 'rsa',
  signedBy: 'intermediate-ca',
  sans: [],
  ekus: ['TLS Web Client Authentication'],
  validity: 'now',
  isCa: false,
  ...over,
});

export const EXPECTED: Record<string, Expected> = {
  'member-rsa': member({ subject: 'CN=member-rsa,OU=Members,O=Hazelcast' }),
  'member-ec': member({ subject: 'CN=member-ec,OU=Members,O=Hazelcast', keyAlgorithm: 'ec' }),
  'client-rsa': client({ subject: 'CN=client,OU=Devs,O=Hazelcast' }),
  'client-ec': client({ subject: 'CN=client-ec,OU=Devs,O=Hazelcast', keyAlgorithm: 'ec' }),
  'client-admin': client({ subject: 'CN=admin,OU=Devs,O=Hazelcast' }),
  'client-dev': client({ subject: 'CN=dev,OU=Devs,O=Hazelcast' }),

  'member-expired': member({ subject: 'CN=member-expired,OU=Members,O=Hazelcast', validity: 'past', failure: 'CERT_HAS_EXPIRED' }),
  'member-not-yet-valid': member({ subject: 'CN=member-not-yet-valid,OU=Members,O=Hazelcast', validity: 'future', failure: 'CERT_NOT_YET_VALID' }),
  'member-untrusted-ca': member({ subject: 'CN=member-untrusted-ca,OU=Members,O=Hazelcast', signedBy: 'untrusted-ca', failure: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }),
  'member-wrong-san': member({ subject: 'CN=member-wrong-san,OU=Members,O=Hazelcast', sans: ['DNS:other-host.example', 'IP Address:10.255.255.1'], failure: 'ERR_TLS_CERT_ALTNAME_INVALID' }),
  'member-cn-only': member({ subject: 'CN=localhost,OU=Members,O=Hazelcast', sans: [], failure: 'ERR_TLS_CERT_ALTNAME_INVALID' }),
  'member-no-serverauth': member({ subject: 'CN=member-no-serverauth,OU=Members,O=Hazelcast', ekus: ['TLS Web Client Authentication'], failure: 'INVALID_PURPOSE' }),
  'member-self-signed': member({ subject: 'CN=member-self-signed,OU=Members,O=Hazelcast', signedBy: 'self', failure: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
  'member-ca-as-leaf': member({ subject: 'CN=member-ca-as-leaf,OU=Members,O=Hazelcast', ekus: [], isCa: true, failure: 'INVALID_PURPOSE' }),

  'client-expired': client({ subject: 'CN=client-expired,OU=Devs,O=Hazelcast', validity: 'past', failure: 'CERT_HAS_EXPIRED' }),
  'client-not-yet-valid': client({ subject: 'CN=client-not-yet-valid,OU=Devs,O=Hazelcast', validity: 'future', failure: 'CERT_NOT_YET_VALID' }),
  'client-untrusted-ca': client({ subject: 'CN=client-untrusted-ca,OU=Devs,O=Hazelcast', signedBy: 'untrusted-ca', failure: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }),
  'client-no-clientauth': client({ subject: 'CN=client-no-clientauth,OU=Devs,O=Hazelcast', ekus: ['TLS Web Server Authentication'], failure: 'INVALID_PURPOSE' }),
  'client-self-signed': client({ subject: 'CN=client-self-signed,OU=Devs,O=Hazelcast', signedBy: 'self', failure: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
};

export const LEAF_IDS = Object.keys(EXPECTED);
export const GOOD_IDS = LEAF_IDS.filter((id) => !EXPECTED[id]!.failure);
export const BAD_IDS = LEAF_IDS.filter((id) => EXPECTED[id]!.failure);
export const CA_IDS = ['root-ca', 'intermediate-ca', 'untrusted-ca'];
