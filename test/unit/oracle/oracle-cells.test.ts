// Expectations written by hand from the seed documents (never computed with the oracle), checked
// against what the oracle says for the matrix's cells. A wrong rule in the oracle fails here.
import { describe, expect, it } from 'vitest';
import { expandMatrices } from '../../../harness/hazelcast/plan/expand.ts';
import type { Cell } from '../../../harness/core/plan/cell.ts';

const cells = new Map<string, Cell>(expandMatrices().map((c) => [c.id, c]));

function outcome(id: string): string {
  const c = cells.get(id);
  if (!c) throw new Error(`no cell ${id}`);
  const e = c.expected;
  switch (e.kind) {
    case 'tls-refused':
      return `tls-refused/${e.side}/${e.reason}`;
    case 'auth-refused':
      return `auth-refused/${e.status}`;
    case 'access-denied':
      return `access-denied/${e.check}`;
    case 'connected':
      return 'connected';
    case 'no-credentials':
      return `no-credentials/${e.reason}`;
  }
}

// [cell id, expected outcome, why (document)]
const HAND_WRITTEN: [string, string, string][] = [
  // Versions (python-client-tls "Setting the Protocol" + JDK 17 / OpenSSL 3 effective defaults).
  ['HZ-TLS-001/memberProtocol=TLS,clientVersion=default', 'connected', 'TLS enables 1.2+1.3, client offers 1.2+1.3'],
  ['HZ-TLS-001/memberProtocol=TLSv1.2,clientVersion=TLSv1.2', 'connected', 'same pinned version'],
  ['HZ-TLS-001/memberProtocol=TLSv1.3,clientVersion=TLSv1.3', 'connected', 'same pinned version'],
  ['HZ-TLS-001/memberProtocol=TLSv1.2,clientVersion=TLSv1.3', 'tls-refused/member/PROTOCOL_VERSION', 'protocol mismatch is refused'],
  ['HZ-TLS-001/memberProtocol=TLSv1.3,clientVersion=TLSv1.2', 'tls-refused/member/PROTOCOL_VERSION', 'protocol mismatch is refused'],
  ['HZ-TLS-001/memberProtocol=TLSv1,clientVersion=TLSv1', 'tls-refused/member/PROTOCOL_VERSION', 'JDK 17 disables TLSv1 even when pinned'],
  ['HZ-TLS-001/memberProtocol=TLSv1.1,clientVersion=TLSv1.1', 'tls-refused/member/PROTOCOL_VERSION', 'JDK 17 disables TLSv1.1 even when pinned'],
  ['HZ-TLS-001/memberProtocol=TLS,clientVersion=TLSv1', 'tls-refused/member/PROTOCOL_VERSION', 'TLS on JDK 17 is 1.2+1.3 only'],
  ['HZ-TLS-001/memberProtocol=TLSv1.3,clientVersion=default', 'connected', 'client default includes 1.3'],
  ['HZ-TLS-002/memberProtocol=TLS,clientVersion=SSLv2', 'tls-refused/client/PROTOCOL_VERSION', 'RFC 6176 prohibits SSLv2'],
  ['HZ-TLS-002/memberProtocol=TLS,clientVersion=SSLv3', 'tls-refused/client/PROTOCOL_VERSION', 'RFC 7568 prohibits SSLv3'],
  // Ciphers ("Setting Cipher Suites").
  ['HZ-TLS-003/memberCiphers=rsa-aes256-aes128,clientCiphers=rsa-aes128-chacha', 'connected', 'AES128-GCM is in both lists'],
  ['HZ-TLS-003/memberCiphers=rsa-aes128,clientCiphers=rsa-chacha', 'tls-refused/member/NO_SHARED_CIPHER', 'disjoint lists'],
  ['HZ-TLS-003/memberCiphers=rsa-aes256-aes128,clientCiphers=rsa-aes128-aes256', 'connected', 'order differs, suites shared'],
  ['HZ-TLS-003/memberKey=member-rsa,memberCiphers=ecdsa-aes128,clientCiphers=ecdsa-aes128', 'tls-refused/member/NO_SHARED_CIPHER', 'an ECDSA suite cannot be served with an RSA key'],
  ['HZ-TLS-003/memberKey=member-ec,memberCiphers=ecdsa-aes128,clientCiphers=ecdsa-aes128', 'connected', 'EC key serves ECDSA suite'],
  ['HZ-TLS-003/memberKey=member-ec,memberCiphers=rsa-aes128,clientCiphers=rsa-aes128', 'tls-refused/member/NO_SHARED_CIPHER', 'an RSA suite cannot be served with an EC key'],
  ['HZ-TLS-003/memberProtocol=TLSv1.3,clientVersion=TLSv1.3,memberCiphers=tls13-aes128,clientCiphers=tls13-aes256', 'tls-refused/member/NO_SHARED_CIPHER', 'disjoint TLSv1.3 suites'],
  // Trust ("Setting CA File").
  ['HZ-TLS-004/clientCa=root-ca', 'connected', 'member chain leads to the trusted root'],
  ['HZ-TLS-004/clientCa=untrusted-ca', 'tls-refused/client/CERT_UNTRUSTED', 'another CA'],
  ['HZ-TLS-004/clientCa=system', 'tls-refused/client/CERT_UNTRUSTED', 'default CAs do not hold our private CA'],
  ['HZ-TLS-005/clientCa=ca-bundle', 'connected', 'bundle holds the root'],
  // Hostname (CQL seed "Client verifies server").
  ['HZ-TLS-006/memberKey=member-wrong-san,hostnameVerification=on', 'tls-refused/client/HOSTNAME_MISMATCH', 'SAN names another host'],
  ['HZ-TLS-006/memberKey=member-wrong-san,hostnameVerification=off', 'connected', 'names not checked'],
  ['HZ-TLS-006/memberKey=member-cn-only,hostnameVerification=on', 'tls-refused/client/HOSTNAME_MISMATCH', '127.0.0.1 needs an IP SAN, CN not used'],
  ['HZ-TLS-006/memberKey=member-rsa,hostnameVerification=on', 'connected', 'IP SAN 127.0.0.1'],
  // Bad member certificates.
  ['HZ-TLS-007/memberKey=member-expired,verify=on', 'tls-refused/client/CERT_EXPIRED', 'validity ended'],
  ['HZ-TLS-007/memberKey=member-not-yet-valid,verify=on', 'tls-refused/client/CERT_NOT_YET_VALID', 'validity not started'],
  ['HZ-TLS-007/memberKey=member-self-signed,verify=on', 'tls-refused/client/CERT_UNTRUSTED', 'no CA vouches'],
  ['HZ-TLS-007/memberKey=member-ca-as-leaf,verify=on', 'tls-refused/client/CERT_BAD_USAGE', 'CA key usage does not allow TLS'],
  ['HZ-TLS-007/memberKey=member-no-serverauth,verify=on', 'tls-refused/client/CERT_BAD_USAGE', 'EKU lacks serverAuth'],
  ['HZ-TLS-007/memberKey=member-expired,verify=off', 'connected', 'CQL seed: no identity verification'],
  // CQL seed's four modes.
  ['HZ-TLS-008/mode=no-verification,verify=off,hostnameVerification=off,mutualAuth=off,clientCert=none', 'connected', 'no verification'],
  ['HZ-TLS-008/mode=client-verifies-server,verify=on,mutualAuth=off,clientCert=none', 'connected', 'client verifies server'],
  ['HZ-TLS-008/mode=server-verifies-client,verify=off,hostnameVerification=off,mutualAuth=REQUIRED,clientCert=none', 'tls-refused/member/CLIENT_CERT_REQUIRED', 'server requires a client cert'],
  ['HZ-TLS-008/mode=both,verify=on,mutualAuth=REQUIRED,clientCert=client-rsa', 'connected', 'both verify'],
  // Mutual authentication (JSSE semantics).
  ['HZ-MTLS-001/mutualAuth=off,clientCert=client-untrusted-ca', 'connected', 'member does not ask'],
  ['HZ-MTLS-001/mutualAuth=OPTIONAL,clientCert=none', 'connected', 'OPTIONAL accepts no certificate'],
  ['HZ-MTLS-001/mutualAuth=OPTIONAL,clientCert=client-expired', 'tls-refused/member/BAD_CLIENT_CERT', 'a presented certificate must be valid'],
  ['HZ-MTLS-001/mutualAuth=OPTIONAL,clientCert=client-untrusted-ca', 'tls-refused/member/BAD_CLIENT_CERT', 'a presented certificate must be trusted'],
  ['HZ-MTLS-001/mutualAuth=REQUIRED,clientCert=none', 'tls-refused/member/CLIENT_CERT_REQUIRED', 'REQUIRED'],
  ['HZ-MTLS-001/mutualAuth=REQUIRED,clientCert=client-rsa', 'connected', 'valid client cert'],
  ['HZ-MTLS-001/mutualAuth=REQUIRED,clientCert=client-no-clientauth', 'tls-refused/member/BAD_CLIENT_CERT', 'EKU lacks clientAuth'],
  ['HZ-MTLS-002/clientCert=client-self-signed', 'tls-refused/member/BAD_CLIENT_CERT', 'not under the trusted root'],
  ['HZ-MTLS-002/clientCert=client-ec', 'connected', 'EC client cert under the root'],
  ['HZ-MTLS-003/mutualAuth=REQUIRED,keyFormat=combined', 'connected', 'key and cert in one file'],
  ['HZ-MTLS-003/mutualAuth=REQUIRED,keyFormat=encrypted,clientKeyUnlock=correct', 'connected', 'right key password'],
  ['HZ-MTLS-003/mutualAuth=REQUIRED,keyFormat=encrypted,clientKeyUnlock=wrong', 'tls-refused/client/KEY_PASSWORD', 'wrong key password'],
  ['HZ-MTLS-003/mutualAuth=off,keyFormat=encrypted,clientKeyUnlock=wrong', 'tls-refused/client/KEY_PASSWORD', 'the key is loaded even if never asked for'],
  // Credentials.
  ['HZ-AUTH-001/clientIdentity=password-right', 'connected', 'matching username-password'],
  ['HZ-AUTH-001/clientIdentity=password-wrong', 'auth-refused/CREDENTIALS_FAILED', 'wrong password'],
  ['HZ-AUTH-001/clientIdentity=password-unknown-user', 'auth-refused/CREDENTIALS_FAILED', 'wrong username'],
  ['HZ-AUTH-001/clientIdentity=none', 'auth-refused/CREDENTIALS_FAILED', 'missing credentials'],
  ['HZ-AUTH-002/realm=token-none,clientIdentity=token-right-none', 'connected', 'same token'],
  ['HZ-AUTH-002/realm=token-base64,clientIdentity=token-right-none', 'connected', 'base64 realm decodes to the same bytes'],
  ['HZ-AUTH-002/realm=token-none,clientIdentity=token-right-base64', 'connected', 'client base64 decodes to the same bytes'],
  ['HZ-AUTH-002/realm=token-base64,clientIdentity=token-base64-text-as-plain', 'auth-refused/CREDENTIALS_FAILED', 'base64 text is not the decoded bytes'],
  ['HZ-AUTH-002/realm=token-none,clientIdentity=token-wrong-none', 'auth-refused/CREDENTIALS_FAILED', 'wrong token'],
  ['HZ-AUTH-003/realm=password,clientIdentity=token-right-none', 'auth-refused/CREDENTIALS_FAILED', 'token against a password realm'],
  ['HZ-AUTH-004/mutualAuth=REQUIRED,clientCert=client-rsa', 'connected', 'identity from the certificate'],
  ['HZ-AUTH-004/mutualAuth=OPTIONAL,clientCert=none', 'auth-refused/CREDENTIALS_FAILED', 'tls realm needs a verified certificate'],
  ['HZ-AUTH-004/mutualAuth=REQUIRED,clientCert=none', 'tls-refused/member/CLIENT_CERT_REQUIRED', 'refused in the handshake first'],
  ['HZ-AUTH-005/clientCert=client-admin,check=map.put@admin-map', 'connected', 'role admin has all on admin-map'],
  ['HZ-AUTH-005/clientCert=client-admin,check=map.put@client-map', 'access-denied/map.put@client-map', 'role admin has nothing on client-map'],
  ['HZ-AUTH-005/clientCert=client-rsa,check=map.put@client-map', 'access-denied/map.put@client-map', 'role client may create/read only'],
  ['HZ-AUTH-005/clientCert=client-rsa,check=map.get@client-map', 'connected', 'role client may read'],
  ['HZ-AUTH-005/clientCert=client-rsa,check=map.put@admin-map', 'access-denied/map.put@admin-map', 'role client has nothing on admin-map'],
  ['HZ-AUTH-006/realm=none,clientIdentity=none', 'auth-refused/CREDENTIALS_FAILED', 'wrong cluster name'],
  ['HZ-AUTH-006/realm=password,clientIdentity=password-right', 'auth-refused/CREDENTIALS_FAILED', 'wrong cluster name despite right password'],
];

describe('oracle expectations match hand-written expectations from the documents', () => {
  it.each(HAND_WRITTEN)('%s → %s (%s)', (id, expected) => {
    expect(outcome(id)).toBe(expected);
  });

  it('every expectation cites a seed document', () => {
    for (const c of cells.values()) expect(c.expected.because, c.id).toMatch(/\.(txt|rst)/);
  });

  it('the TLS realm expectation carries the subject DN and the cn role (realms §TLS Authentication Type)', () => {
    const admin = cells.get('HZ-AUTH-005/clientCert=client-admin,check=map.put@admin-map')!.expected;
    expect(admin).toMatchObject({ kind: 'connected', subject: { identity: 'CN=admin,OU=Devs,O=Hazelcast', roles: ['admin'] } });
    // No roleAttribute configured: the documents are silent; Hazelcast's TLS login module reads cn.
    const plain = cells.get('HZ-AUTH-004/mutualAuth=REQUIRED,clientCert=client-rsa')!.expected;
    expect(plain).toMatchObject({ kind: 'connected', subject: { identity: 'CN=client,OU=Devs,O=Hazelcast', roles: ['client'] } });
  });

  it('checks carry the expectation a driver needs', () => {
    const c = cells.get('HZ-AUTH-005/clientCert=client-rsa,check=map.put@client-map')!;
    expect(c.checks).toEqual([{ id: 'map.put@client-map', operation: 'map.put', objectName: 'client-map', expect: 'denied' }]);
  });
});
