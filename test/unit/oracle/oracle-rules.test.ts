// The oracle's rules on hand-built setups (not from the matrix), so each rule is exercised alone.
import { describe, expect, it } from 'vitest';
import { loadMatrices } from '../../../harness/hazelcast/plan/load.ts';
import { expectOutcome, OracleError } from '../../../harness/hazelcast/oracle/oracle.ts';
import { judge } from '../../../harness/core/oracle/judge.ts';
import type { ClientSetup, ExpectedOutcome } from '../../../harness/core/plan/cell.ts';
import type { MemberSetup } from '../../../harness/hazelcast/model.ts';

const { catalogue } = loadMatrices();

const member = (over: Partial<MemberSetup['ssl'] & object> = {}, security: MemberSetup['security'] = { enabled: false, clientPermissions: [] }): MemberSetup => ({
  clusterName: 'c',
  ssl: { protocol: 'TLS', keyStore: 'member-rsa', ...over },
  security,
});
const client = (over: Partial<NonNullable<ClientSetup['tls']>> = {}, rest: Partial<ClientSetup> = {}): ClientSetup => ({
  clusterName: 'c',
  tls: { enabled: true, verifyMember: true, ca: 'root-ca', hostnameVerification: true, connectHost: '127.0.0.1', ...over },
  credentials: { kind: 'none' },
  requiredCapabilities: [],
  ...rest,
});
const run = (m: MemberSetup, c: ClientSetup) => expectOutcome({ member: m, client: c, checks: [] }, catalogue).expected;

describe('oracle rules', () => {
  it('a client range TLSv1.2..TLSv1.3 meets a TLSv1.3-only member', () => {
    expect(run(member({ protocol: 'TLSv1.3' }), client({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' })).kind).toBe('connected');
  });
  it('a member cipher list without TLSv1.3 suites leaves TLSv1.2 (JSSE drops versions without suites)', () => {
    const e = run(member({ cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'] }), client());
    expect(e.kind).toBe('connected');
  });
  it('verification off ignores names and trust', () => {
    expect(run(member({ keyStore: 'member-wrong-san' }), client({ verifyMember: false, ca: 'system' })).kind).toBe('connected');
  });
  it('chain problems are reported before hostname problems', () => {
    expect(run(member({ keyStore: 'member-wrong-san' }), client({ ca: 'untrusted-ca' }))).toMatchObject({ kind: 'tls-refused', reason: 'CERT_UNTRUSTED' });
  });
  it('a DNS name matches a DNS SAN', () => {
    expect(run(member(), client({ connectHost: 'localhost' })).kind).toBe('connected');
    expect(run(member(), client({ connectHost: 'other.example' }))).toMatchObject({ reason: 'HOSTNAME_MISMATCH' });
  });
  it('TLS on one side only is a matrix error, not an outcome', () => {
    expect(() => run(member(), client({}, { tls: null }))).toThrow(OracleError);
  });
  it('security off accepts any credentials but still checks the cluster name', () => {
    expect(run(member(), client({}, { credentials: { kind: 'password', username: 'x', password: 'y' } })).kind).toBe('connected');
    expect(run(member(), client({}, { clusterName: 'other' }))).toMatchObject({ kind: 'auth-refused', status: 'CREDENTIALS_FAILED' });
  });
  it('principal lists are comma separated and wildcards match', () => {
    const sec: MemberSetup['security'] = {
      enabled: true,
      clientRealm: { name: 'r', authentication: { kind: 'tls', roleAttribute: 'cn' } },
      clientPermissions: [{ name: 'orders-*', principal: 'root,adm*', actions: ['put', 'create'] }],
    };
    const m = member({ mutualAuthentication: 'REQUIRED', trustStore: 'root-ca' }, sec);
    const c = client({ cert: { artifact: 'client-admin', format: 'separate' } });
    const v = expectOutcome({ member: m, client: c, checks: [{ id: 'p', operation: 'map.put', objectName: 'orders-1' }, { id: 'g', operation: 'map.get', objectName: 'orders-1' }] }, catalogue);
    expect(v.checkExpectations).toEqual({ p: 'granted', g: 'denied' });
    expect(v.expected).toMatchObject({ kind: 'access-denied', check: 'g' });
    // DefaultPermissionPolicy splits on ',' and does not trim: " admin" names nobody.
    const spaced = member({ mutualAuthentication: 'REQUIRED', trustStore: 'root-ca' }, { ...sec, clientPermissions: [{ name: 'orders-*', principal: 'root, admin', actions: ['put', 'create'] }] });
    const w = expectOutcome({ member: spaced, client: c, checks: [{ id: 'p', operation: 'map.put', objectName: 'orders-1' }] }, catalogue);
    expect(w.checkExpectations).toEqual({ p: 'denied' });
  });
});

describe('judge', () => {
  const expected = { kind: 'tls-refused', side: 'client', reason: 'CERT_UNTRUSTED', because: 'x' } as const;
  it('passes only on the same side and reason', () => {
    expect(judge(expected, { kind: 'tls-refused', side: 'client', reason: 'CERT_UNTRUSTED' }).status).toBe('passed');
    expect(judge(expected, { kind: 'tls-refused', side: 'member', reason: 'CERT_UNTRUSTED' }).status).toBe('failed');
    expect(judge(expected, { kind: 'connected' }).status).toBe('failed');
  });
  it('not applicable stays not applicable', () => {
    expect(judge(expected, { kind: 'not-applicable', reason: 'no SSLv3' })).toEqual({ status: 'not-applicable', reason: 'no SSLv3' });
  });
  it('compares the subject, and an expected subject must be observed', () => {
    const e: ExpectedOutcome = { kind: 'connected', subject: { identity: 'CN=admin,OU=Devs,O=Hazelcast', roles: ['admin'] }, because: 'x' };
    expect(judge(e, { kind: 'connected', subject: { identity: 'cn=admin, ou=Devs, o=Hazelcast', roles: ['admin'] } }).status).toBe('passed');
    expect(judge(e, { kind: 'connected', subject: { identity: 'CN=client,OU=Devs,O=Hazelcast', roles: ['client'] } }).status).toBe('failed');
    // No evidence of who connected proves nothing about the identity rule.
    expect(judge(e, { kind: 'connected' }).status).toBe('failed');
    expect(judge({ kind: 'connected', because: 'x' }, { kind: 'connected' }).status).toBe('passed');
  });
});
