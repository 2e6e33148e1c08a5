// Authentication semantics of the reference member, each expectation from the documents (realms
// seed: TLS realm principals; python client seed: password and token against member-authentication)
// and the real member's classes as summarised in harness/member/security/authenticate.ts.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMemberConfig } from '../../../harness/hazelcast/reference-member/config/parse.ts';
import type { ClientCredentials, ConnectionFacts } from '../../../harness/hazelcast/reference-member/security/api.ts';
import { authenticate } from '../../../harness/hazelcast/reference-member/security/authenticate.ts';
import { javaHostAddress } from '../../../harness/hazelcast/reference-member/security/endpoint.ts';

const dir = mkdtempSync(join(tmpdir(), 'secmatrix-member-security-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A self-signed certificate with the given openssl -subj (RDNs in encoding order). */
function cert(subj: string, extra: string[] = []): X509Certificate {
  const out = join(dir, `c${Math.random().toString(36).slice(2)}.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${out}.key`, '-out', out, '-days', '2', '-subj', subj, ...extra], { stdio: 'pipe' });
  return new X509Certificate(readFileSync(out));
}

const xml = (body: string) => parseMemberConfig(`<hazelcast><cluster-name>dev</cluster-name>${body}</hazelcast>`, 'member.xml');
const facts = (over: Partial<ConnectionFacts> = {}): ConnectionFacts => ({ remoteAddress: '127.0.0.1', remotePort: 50000, peerCertificate: undefined, ...over });
const pw = (username: string | null, password: string | null): ClientCredentials => ({ kind: 'password', username, password });
const token = (t: string): ClientCredentials => ({ kind: 'token', token: Buffer.from(t) });

describe('security disabled', () => {
  const c = xml('');
  it('a client without credentials and the right cluster name is authenticated', async () => {
    const r = await authenticate(c, pw(null, null), facts(), 'dev');
    expect(r.status).toBe('AUTHENTICATED');
  });
  it('a wrong cluster name is CREDENTIALS_FAILED (not NOT_ALLOWED_IN_CLUSTER)', async () => {
    expect((await authenticate(c, pw(null, null), facts(), 'other')).status).toBe('CREDENTIALS_FAILED');
  });
  it('a username or password is refused when security is off', async () => {
    expect((await authenticate(c, pw('u', 'p'), facts(), 'dev')).status).toBe('CREDENTIALS_FAILED');
  });
  it('token credentials are refused when security is off', async () => {
    expect((await authenticate(c, token('t'), facts(), 'dev')).status).toBe('CREDENTIALS_FAILED');
  });
});

describe('password identity on the member realm (python client seed: member-authentication realm)', () => {
  const c = xml(`<security enabled="true">
      <member-authentication realm="passwordRealm"/>
      <realms><realm name="passwordRealm"><identity><username-password username="MY-USERNAME" password="MY-PASSWORD"/></identity></realm></realms>
    </security>`);
  it('matching username and password: identity and role are the username, endpoint the remote address', async () => {
    const r = await authenticate(c, pw('MY-USERNAME', 'MY-PASSWORD'), facts({ remoteAddress: '::ffff:10.0.0.7' }), 'dev');
    expect(r).toMatchObject({ status: 'AUTHENTICATED', subject: { identity: 'MY-USERNAME', roles: ['MY-USERNAME'], endpoint: '10.0.0.7' } });
  });
  it('wrong password is CREDENTIALS_FAILED', async () => {
    expect((await authenticate(c, pw('MY-USERNAME', 'nope'), facts(), 'dev')).status).toBe('CREDENTIALS_FAILED');
  });
  it('missing credentials are CREDENTIALS_FAILED', async () => {
    expect((await authenticate(c, pw(null, null), facts(), 'dev')).status).toBe('CREDENTIALS_FAILED');
  });
  it('a token is CREDENTIALS_FAILED against a password identity', async () => {
    expect((await authenticate(c, token('MY-PASSWORD'), facts(), 'dev')).status).toBe('CREDENTIALS_FAILED');
  });
  it('a wrong cluster name is CREDENTIALS_FAILED even with the right password', async () => {
    expect((await authenticate(c, pw('MY-USERNAME', 'MY-PASSWORD'), facts(), 'prod')).status).toBe('CREDENTIALS_FAILED');
  });
  it('a client-authentication realm with only an identity still uses the default login against the member realm', async () => {
    const c2 = xml(`<security enabled="true">
        <member-authentication realm="m"/><client-authentication realm="c"/>
        <realms>
          <realm name="m"><identity><username-password username="member" password="mpw"/></identity></realm>
          <realm name="c"><identity><username-password username="client" password="cpw"/></identity></realm>
        </realms></security>`);
    expect((await authenticate(c2, pw('member', 'mpw'), facts(), 'dev')).status).toBe('AUTHENTICATED');
    expect((await authenticate(c2, pw('client', 'cpw'), facts(), 'dev')).status).toBe('CREDENTIALS_FAILED');
  });
});

describe('token identity on the member realm (python-client-security.rst, Token-Based Authentication)', () => {
  const c = xml(`<security enabled="true"><member-authentication realm="tokenRealm"/>
        <realms><realm name="tokenRealm"><identity><token>MY-SECRET</token></identity></realm></realms></security>`);
  it('the configured token gets in', async () => {
    expect(await authenticate(c, token('MY-SECRET'), facts(), 'dev')).toMatchObject({ status: 'AUTHENTICATED' });
  });
  it('another token or password credentials are refused', async () => {
    for (const creds of [token('anything'), pw('x', 'y')]) expect((await authenticate(c, creds, facts(), 'dev')).status).toBe('CREDENTIALS_FAILED');
  });
});

describe('no identity on the member realm: only cluster names are compared', () => {
  it('no realms at all: cluster name decides', async () => {
    const c = xml('<security enabled="true"/>');
    expect((await authenticate(c, pw('a', 'b'), facts(), 'dev'))).toMatchObject({ status: 'AUTHENTICATED', subject: { identity: 'dev', roles: ['dev'] } });
    expect((await authenticate(c, pw('a', 'b'), facts(), 'x')).status).toBe('CREDENTIALS_FAILED');
  });
});

describe('TLS realm (realms seed, "TLS Authentication Type")', () => {
  const c = xml(`<security enabled="true"><client-authentication realm="tlsRealm"/>
      <realms><realm name="tlsRealm"><authentication><tls roleAttribute="cn"/></authentication></realm></realms></security>`);
  it('identity is the subject DN as Java prints it, role the CN, endpoint the remote address', async () => {
    const r = await authenticate(c, pw(null, null), facts({ peerCertificate: cert('/O=Hazelcast/OU=Devs/CN=admin'), remoteAddress: '10.1.2.3' }), 'dev');
    expect(r).toMatchObject({ status: 'AUTHENTICATED', subject: { identity: 'CN=admin,OU=Devs,O=Hazelcast', roles: ['admin'], endpoint: '10.1.2.3' } });
  });
  it('credentials are not looked at', async () => {
    const r = await authenticate(c, token('whatever'), facts({ peerCertificate: cert('/CN=admin') }), 'dev');
    expect(r).toMatchObject({ status: 'AUTHENTICATED', subject: { identity: 'CN=admin', roles: ['admin'] } });
  });
  it('without a client certificate the login fails', async () => {
    expect((await authenticate(c, pw(null, null), facts(), 'dev')).status).toBe('CREDENTIALS_FAILED');
  });
  it('roleAttribute O gives the organisation as role; an absent attribute gives no role', async () => {
    const co = xml(`<security enabled="true"><client-authentication realm="t"/><realms><realm name="t"><authentication><tls roleAttribute="O"/></authentication></realm></realms></security>`);
    const r = await authenticate(co, pw(null, null), facts({ peerCertificate: cert('/C=US/O=Hazelcast/CN=server') }), 'dev');
    expect(r).toMatchObject({ status: 'AUTHENTICATED', subject: { identity: 'CN=server,O=Hazelcast,C=US', roles: ['Hazelcast'] } });
    const cs = xml(`<security enabled="true"><client-authentication realm="t"/><realms><realm name="t"><authentication><tls roleAttribute="SN"/></authentication></realm></realms></security>`);
    expect(await authenticate(cs, pw(null, null), facts({ peerCertificate: cert('/O=Hazelcast/CN=server') }), 'dev')).toMatchObject({ subject: { roles: [] } });
  });
  it('default roleAttribute is cn; every cn value is a role', async () => {
    const cd = xml(`<security enabled="true"><client-authentication realm="t"/><realms><realm name="t"><authentication><tls/></authentication></realm></realms></security>`);
    const r = await authenticate(cd, pw(null, null), facts({ peerCertificate: cert('/C=CZ/O=ACME/OU=Engineering/CN=Z/CN=Y/CN=X') }), 'dev');
    expect(r.status).toBe('AUTHENTICATED');
    if (r.status === 'AUTHENTICATED') {
      expect(r.subject.identity).toBe('CN=X,CN=Y,CN=Z,OU=Engineering,O=ACME,C=CZ');
      expect([...r.subject.roles].sort()).toEqual(['X', 'Y', 'Z']);
    }
  });
  it('special characters are escaped in the identity and unescaped in the role; other attributes print as OID=#hex', async () => {
    const r = await authenticate(c, pw(null, null), facts({ peerCertificate: cert('/O=Acme\\, Inc./CN= lead #1;<>/emailAddress=a@b.c') }), 'dev');
    expect(r).toMatchObject({
      status: 'AUTHENTICATED',
      subject: { identity: '1.2.840.113549.1.9.1=#16056140622e63,CN=\\ lead \\#1\\;\\<\\>,O=Acme\\, Inc.', roles: [' lead #1;<>'] },
    });
  });
});

describe('endpoint principal', () => {
  it('prints addresses as Java getHostAddress does', () => {
    expect(javaHostAddress('127.0.0.1')).toBe('127.0.0.1');
    expect(javaHostAddress('::ffff:192.168.1.5')).toBe('192.168.1.5');
    expect(javaHostAddress('::1')).toBe('0:0:0:0:0:0:0:1');
    expect(javaHostAddress('fe80::1%eth0')).toBe('fe80:0:0:0:0:0:0:1');
    expect(javaHostAddress('2001:db8:0:0:0:0:2:1')).toBe('2001:db8:0:0:0:0:2:1');
  });
});
