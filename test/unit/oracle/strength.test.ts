// Issue 14's oracle changes, with expectations written by hand from the seed documents (never
// computed with the oracle): the negotiated version and suite of connected cells, near misses of
// every comparison, default-configuration cells, and judging / classifying what both sides saw.
import { describe, expect, it } from 'vitest';
import { classifyAttempt } from '../../../harness/core/drive/classify.ts';
import { OPENSSL_TLS_ERRORS } from '../../../harness/core/drive/openssl-errors.ts';
import { judge, judgeNegotiated } from '../../../harness/core/oracle/judge.ts';
import { expandMatrices } from '../../../harness/hazelcast/plan/expand.ts';
import type { ExpectedOutcome } from '../../../harness/core/plan/cell.ts';
import type { HazelcastCell as Cell } from '../../../harness/hazelcast/model.ts';
import { toEvidenceEvent } from '../../../harness/hazelcast/targets/member-evidence.ts';

const cells = new Map<string, Cell>(expandMatrices().map((c) => [c.id, c]));
function cell(id: string): Cell {
  const c = cells.get(id);
  if (!c) throw new Error(`no cell ${id}`);
  return c;
}

const AES128 = 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256';
const AES256 = 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384';
const CHACHA = 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256';

describe('negotiated version and suite (python-client-tls §Setting the Protocol, §Setting Cipher Suites)', () => {
  // [cell, version, suite or undefined when the documents do not determine it, why]
  const CASES: [string, string, string | undefined, string][] = [
    ['HZ-TLS-001/memberProtocol=TLSv1.2,clientVersion=default', 'TLSv1.2', undefined, 'the pin is the only version; default lists on both sides'],
    ['HZ-TLS-001/memberProtocol=TLS,clientVersion=TLSv1.2', 'TLSv1.2', undefined, 'the client pins 1.2'],
    ['HZ-TLS-003/memberCiphers=rsa-aes256-aes128,clientCiphers=rsa-aes128-chacha', 'TLSv1.2', AES128, 'AES128 is the only shared suite'],
    ['HZ-TLS-003/memberCiphers=rsa-aes256-aes128,clientCiphers=rsa-aes128-aes256', 'TLSv1.2', AES256, "both shared: the member's order (AES256 first) decides"],
    ['HZ-TLS-003/memberCiphers=rsa-aes128,clientCiphers=default', 'TLSv1.2', AES128, "the member's only suite"],
    ['HZ-TLS-003/memberCiphers=default,clientCiphers=rsa-chacha', 'TLSv1.2', CHACHA, "the client's only suite"],
    [
      'HZ-TLS-003/memberProtocol=TLSv1.3,clientVersion=TLSv1.3,memberCiphers=tls13-aes128-aes256,clientCiphers=tls13-aes256',
      'TLSv1.3',
      'TLS_AES_256_GCM_SHA384',
      'the one shared TLSv1.3 suite',
    ],
  ];
  for (const [id, version, suite, why] of CASES) {
    it(`${id}: ${version}${suite ? ` ${suite}` : ''} (${why})`, () => {
      const e = cell(id).expected;
      expect(e.kind).toBe('connected');
      expect((e as Extract<ExpectedOutcome, { kind: 'connected' }>).negotiated).toEqual(suite ? { version, suite } : { version });
    });
  }
  it("a client on its default versions and a member enabling several: the client's own default decides, so no version is expected", () => {
    // Node's default offers TLS 1.3, the Python client's documented default ssl_protocol is TLSv1_2.
    const e = cell('HZ-TLS-001/memberProtocol=TLS,clientVersion=default').expected as Extract<ExpectedOutcome, { kind: 'connected' }>;
    expect(e.kind).toBe('connected');
    expect(e.negotiated).toBeUndefined();
  });
  it('plain TCP cells expect no negotiated TLS', () => {
    const e = cell('HZ-AUTH-001/clientIdentity=password-right').expected as Extract<ExpectedOutcome, { kind: 'connected' }>;
    expect(e.negotiated).toBeUndefined();
  });
});

describe('judging what was negotiated against both sides', () => {
  const expected = { version: 'TLSv1.2', suite: AES256 };
  it('passes when every side that reports agrees', () => {
    expect(judgeNegotiated(expected, { member: { version: 'TLSv1.2', suite: AES256 }, client: { version: 'TLSv1.2', suite: AES256 } }).status).toBe('passed');
    expect(judgeNegotiated(expected, { client: { version: 'TLSv1.2', suite: AES256 } }).status).toBe('passed'); // external target: the client's word only
  });
  it('fails on a member that ignored its order, or a side that disagrees', () => {
    expect(judgeNegotiated(expected, { member: { version: 'TLSv1.2', suite: AES128 }, client: { version: 'TLSv1.2', suite: AES128 } })).toMatchObject({
      status: 'failed',
    });
    expect(judgeNegotiated(expected, { member: { version: 'TLSv1.3', suite: AES256 } })).toMatchObject({ status: 'failed' });
  });
  it('fails when nobody reported it', () => {
    expect(judgeNegotiated(expected, undefined)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/neither side/) });
  });
  it('a version-only expectation ignores the suite', () => {
    expect(judgeNegotiated({ version: 'TLSv1.3' }, { member: { version: 'TLSv1.3', suite: 'TLS_AES_128_GCM_SHA256' } }).status).toBe('passed');
  });
  it('judge() applies it to connected cells', () => {
    const e: ExpectedOutcome = { kind: 'connected', negotiated: { version: 'TLSv1.2' }, because: '' };
    expect(judge(e, { kind: 'connected', seen: { client: { version: 'TLSv1.3' } } }).status).toBe('failed');
    expect(judge(e, { kind: 'connected', seen: { client: { version: 'TLSv1.2' } } }).status).toBe('passed');
  });
  it('a side that reports the version only is judged on the version; the suite must come from some side', () => {
    const e: ExpectedOutcome = { kind: 'connected', negotiated: { version: 'TLSv1.2', suite: AES256 }, because: '' };
    const clientVersionOnly = { version: 'TLSv1.2' };
    expect(judge(e, { kind: 'connected', seen: { member: { version: 'TLSv1.2', suite: AES256 }, client: clientVersionOnly } }).status).toBe('passed');
    expect(judge(e, { kind: 'connected', seen: { client: clientVersionOnly } }).status).toBe('failed');
    expect(judge(e, { kind: 'connected', seen: { member: { version: 'TLSv1.2', suite: 'TLS_OTHER' }, client: clientVersionOnly } }).status).toBe('failed');
    expect(judge(e, { kind: 'connected', seen: { member: { version: 'TLSv1.2', suite: AES256 }, client: { version: 'TLSv1.3' } } }).status).toBe('failed');
  });
  it('classifyAttempt collects the member log and the client report', () => {
    const o = classifyAttempt(
      {
        connected: true,
        clientErrors: [],
        memberEvents: [{ kind: 'tls-accepted', protocol: 'TLSv1.2', cipher: AES256, detail: '' }],
        clientTls: { version: 'TLSv1.2', suite: AES256 },
      },
      { tls: OPENSSL_TLS_ERRORS },
    );
    expect(o).toEqual({ kind: 'connected', seen: { member: { version: 'TLSv1.2', suite: AES256 }, client: { version: 'TLSv1.2', suite: AES256 } } });
  });
});

describe("OPTIONAL mutual authentication: the member's own decision, not OpenSSL's flag", () => {
  const base = { time: '', text: 'TLS …', connectionId: 1, remote: '127.0.0.1:1', protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' };
  it('a handshake that completed with an unverified client certificate is not a refusal by itself', () => {
    const ev = toEvidenceEvent({ ...base, kind: 'tls-established', peerSubject: 'CN=client-expired', peerVerified: false, peerError: 'CERT_HAS_EXPIRED' });
    expect(ev.kind).toBe('tls-accepted');
  });
  it("the member's refusal after the handshake is", () => {
    const ev = toEvidenceEvent({
      time: '',
      text: '',
      kind: 'tls-failed',
      connectionId: 1,
      remote: '127.0.0.1:1',
      error: 'client certificate not trusted: CERT_HAS_EXPIRED',
    });
    expect(ev).toMatchObject({ kind: 'tls-refused', decidedBy: 'member', reason: 'BAD_CLIENT_CERT' });
  });
  it('the oracle: OPTIONAL refuses an expired or untrusted presented certificate (JSSE want-client-auth)', () => {
    expect(cell('HZ-MTLS-001/mutualAuth=OPTIONAL,clientCert=client-expired').expected).toMatchObject({
      kind: 'tls-refused',
      side: 'member',
      reason: 'BAD_CLIENT_CERT',
    });
    expect(cell('HZ-MTLS-001/mutualAuth=OPTIONAL,clientCert=client-untrusted-ca').expected).toMatchObject({
      kind: 'tls-refused',
      side: 'member',
      reason: 'BAD_CLIENT_CERT',
    });
    expect(cell('HZ-MTLS-001/mutualAuth=OPTIONAL,clientCert=none').expected).toMatchObject({ kind: 'connected' });
  });
});

describe('near misses (every comparison, one small step away)', () => {
  const refused = (id: string) => expect(cell(id).expected, id).toMatchObject({ kind: 'auth-refused', status: 'CREDENTIALS_FAILED' });
  it('password identity: username case, password case, prefix, extension (python-client-security §Username/Password)', () => {
    for (const v of ['password-username-case', 'password-case', 'password-prefix', 'password-extension']) refused(`HZ-AUTH-007/clientIdentity=${v}`);
  });
  it('token identity: prefix, extension, case, prefix given as base64 (realms §Token Credentials)', () => {
    for (const realm of ['token-none', 'token-base64'])
      for (const v of ['token-prefix-none', 'token-extension-none', 'token-case-none', 'token-prefix-base64'])
        refused(`HZ-AUTH-008/realm=${realm},clientIdentity=${v}`);
  });
  it('tls realm role: the roleAttribute value wherever it stands (realms §TLS Authentication Type)', () => {
    expect(cell('HZ-AUTH-009/realm=tls-role-ou,clientCert=client-dev').expected).toMatchObject({
      kind: 'connected',
      subject: { identity: 'CN=dev,OU=Devs,O=Hazelcast', roles: ['Devs'] },
    });
    expect(cell('HZ-AUTH-009/realm=tls-role-cn,clientCert=client-ou-first').expected).toMatchObject({
      kind: 'connected',
      subject: { identity: 'OU=Devs,CN=dev,O=Hazelcast', roles: ['dev'] },
    });
    expect(cell('HZ-AUTH-009/realm=tls-role-ou,clientCert=client-ou-first').expected).toMatchObject({ kind: 'connected', subject: { roles: ['Devs'] } });
  });
  it('permissions: names, wildcard dots, principals and endpoints (permissions §Authorization)', () => {
    const denied = ['SEM.PSTAR', 'sem.plist.okay', 'comXfoo.entity.order', 'com.foo.entityXorder', 'sem.pcase', 'sem.ep.below', 'sem.ep.longer'];
    for (const o of denied) expect(cell(`HZ-PERM-035/check=map.put@${o}`).expected.kind, o).toBe('access-denied');
    expect(cell('HZ-PERM-035/check=map.put@sem.ep.edge').expected.kind).toBe('connected');
  });
  it('LDAP recursion: hdev (devs ⊂ readers ⊂ everyone) gets two roles at depth 2, three at 3 and at 5', () => {
    const roles = (depth: number) =>
      (cell(`HZ-LDAP-008/realm=ldap-direct-depth-${depth},clientIdentity=ldap-hdev-dn`).expected as { subject?: { roles: string[] } }).subject?.roles.sort();
    expect(roles(2)).toEqual(['devs', 'readers']);
    expect(roles(3)).toEqual(['devs', 'everyone', 'readers']);
    expect(roles(5)).toEqual(['devs', 'everyone', 'readers']);
  });
});

describe('default-configuration cells (python-client-tls §Setting CA File: default CAs)', () => {
  it('a client given only TLS on refuses a member certificate from a private CA', () => {
    for (const id of [
      'HZ-TLS-009/memberKey=member-rsa',
      'HZ-TLS-009/memberKey=member-self-signed',
      'HZ-TLS-009/memberKey=member-wrong-san',
      'HZ-TLS-009/memberKey=member-rsa,mutualAuth=REQUIRED',
    ]) {
      expect(cell(id).expected, id).toMatchObject({ kind: 'tls-refused', side: 'client', reason: 'CERT_UNTRUSTED' });
      expect(cell(id).client.tls?.defaults).toBe(true);
    }
  });
});
