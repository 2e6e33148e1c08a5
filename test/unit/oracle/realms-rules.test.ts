// The oracle's ldap and kerberos rules (hazelcast-security-realms.txt) on hand-built directories
// and setups, so each documented option is exercised alone — including defaults the matrix does
// not spell out (role-recursion-max-depth 1, user-filter (uid={login}), user-name-attribute uid).
import { describe, expect, it } from 'vitest';
import { authenticateRealm, kerberosPreconnect, ldapRoles } from '../../../harness/hazelcast/oracle/realms.ts';
import { expectOutcome } from '../../../harness/hazelcast/oracle/oracle.ts';
import { loadMatrices } from '../../../harness/hazelcast/plan/load.ts';
import type { Catalogue, DirectoryFacts } from '../../../harness/hazelcast/plan/catalogue.ts';
import type { ClientCredentials, ClientSetup } from '../../../harness/core/plan/cell.ts';
import type { LdapRealmSetup, MemberAuthentication } from '../../../harness/hazelcast/model.ts';

const base = loadMatrices().catalogue;

// A directory of its own: a chain a ⊂ b ⊂ c ⊂ d (four levels) and a cycle x ⇄ y.
const dir: DirectoryFacts = {
  baseDn: 'dc=example,dc=test',
  admin: { dn: 'cn=admin,dc=example,dc=test', password: 'admin-pw' },
  users: {
    ann: { password: 'ann-pw', altPassword: 'ann-alt', roles: ['r1', 'r2'], roleDns: ['cn=a,ou=Roles,dc=example,dc=test', 'cn=x,ou=Roles,dc=example,dc=test'], mail: 'ann@EXAMPLE' },
    bob: { password: 'bob-pw', roles: [], roleDns: [] },
  },
  groups: {
    a: { members: ['ann'], roleDns: ['cn=b,ou=Roles,dc=example,dc=test'] },
    b: { members: ['a'], roleDns: ['cn=c,ou=Roles,dc=example,dc=test'] },
    c: { members: ['b'], roleDns: ['cn=d,ou=Roles,dc=example,dc=test'] },
    d: { members: ['c'], roleDns: [] },
    x: { members: ['ann', 'y'], roleDns: ['cn=y,ou=Roles,dc=example,dc=test'] },
    y: { members: ['x'], roleDns: ['cn=x,ou=Roles,dc=example,dc=test'] },
  },
};
const catalogue: Catalogue = { ...base, directory: dir };
const sorted = (xs: string[]) => [...xs].sort();

const client = (credentials: ClientCredentials): ClientSetup => ({ clusterName: 'c', tls: null, credentials, requiredCapabilities: [] });
const pw = (username: string, password: string) => client({ kind: 'password', username, password });
const ldap = (options: Record<string, string>, more: Partial<LdapRealmSetup> = {}): MemberAuthentication => ({ kind: 'ldap', servers: ['primary'], options, jvmTrustStore: 'root-ca', ...more });
const ANN_DN = 'uid=ann,ou=Users,dc=example,dc=test';

describe('oracle: ldap role mapping (role-mapping-mode, role-recursion-max-depth)', () => {
  it('attribute mode (the default) takes the attribute values as they are', () => {
    expect(sorted(ldapRoles(dir, 'ann', { 'role-mapping-attribute': 'employeeType' }))).toEqual(['r1', 'r2']);
    expect(ldapRoles(dir, 'ann', {})).toEqual([]);
  });
  it('parse-dn takes the role-name-attribute part of a DN value; off keeps the whole DN', () => {
    expect(sorted(ldapRoles(dir, 'ann', { 'role-mapping-attribute': 'seeAlso', 'parse-dn': 'true', 'role-name-attribute': 'cn' }))).toEqual(['a', 'x']);
    expect(sorted(ldapRoles(dir, 'ann', { 'role-mapping-attribute': 'seeAlso', 'parse-dn': 'false', 'role-name-attribute': 'cn' }))).toEqual(['cn=a,ou=Roles,dc=example,dc=test', 'cn=x,ou=Roles,dc=example,dc=test']);
  });
  it('direct mode: the default depth 1 disables recursion; depth n follows n levels', () => {
    const o = { 'role-mapping-mode': 'direct', 'role-mapping-attribute': 'seeAlso', 'role-name-attribute': 'cn' };
    expect(sorted(ldapRoles(dir, 'ann', o))).toEqual(['a', 'x']);
    expect(sorted(ldapRoles(dir, 'ann', { ...o, 'role-recursion-max-depth': '2' }))).toEqual(['a', 'b', 'x', 'y']);
    expect(sorted(ldapRoles(dir, 'ann', { ...o, 'role-recursion-max-depth': '3' }))).toEqual(['a', 'b', 'c', 'x', 'y']);
    expect(sorted(ldapRoles(dir, 'ann', { ...o, 'role-recursion-max-depth': '99' }))).toEqual(['a', 'b', 'c', 'd', 'x', 'y']);
  });
  it('reverse mode: role-filter in role-context, recursing with role DNs; a cycle ends', () => {
    const o = { 'role-mapping-mode': 'reverse', 'role-context': 'ou=Roles,dc=example,dc=test', 'role-filter': '(member={MEMBERDN})', 'role-name-attribute': 'cn' };
    expect(sorted(ldapRoles(dir, 'ann', o))).toEqual(['a', 'x']);
    expect(sorted(ldapRoles(dir, 'ann', { ...o, 'role-recursion-max-depth': '2' }))).toEqual(['a', 'b', 'x', 'y']);
    expect(sorted(ldapRoles(dir, 'ann', { ...o, 'role-recursion-max-depth': '10' }))).toEqual(['a', 'b', 'c', 'd', 'x', 'y']);
  });
  it('reverse mode: the default role-filter is (role-mapping-attribute={MEMBERDN})', () => {
    const o = { 'role-mapping-mode': 'reverse', 'role-context': 'ou=Roles,dc=example,dc=test', 'role-mapping-attribute': 'member', 'role-name-attribute': 'cn' };
    expect(sorted(ldapRoles(dir, 'ann', o))).toEqual(['a', 'x']);
  });
  it('reverse mode: role-search-scope object searches the context object only, one-level its children', () => {
    const o = { 'role-mapping-mode': 'reverse', 'role-filter': '(member={MEMBERDN})', 'role-name-attribute': 'cn' };
    expect(ldapRoles(dir, 'ann', { ...o, 'role-context': 'cn=x,ou=Roles,dc=example,dc=test', 'role-search-scope': 'object' })).toEqual(['x']);
    expect(ldapRoles(dir, 'ann', { ...o, 'role-context': 'dc=example,dc=test', 'role-search-scope': 'one-level' })).toEqual([]);
    expect(sorted(ldapRoles(dir, 'ann', { ...o, 'role-context': 'ou=Roles,dc=example,dc=test', 'role-search-scope': 'one-level' }))).toEqual(['a', 'x']);
  });
});

describe('oracle: ldap password verification', () => {
  it('bind mode: user DN + its password; wrong, empty and unknown DN fail', () => {
    const a = ldap({ 'role-mapping-attribute': 'employeeType' });
    expect(authenticateRealm(a as never, pw(ANN_DN, 'ann-pw'), catalogue)).toMatchObject({ ok: true, subject: { identity: 'ann' } });
    expect(authenticateRealm(a as never, pw(ANN_DN, 'nope'), catalogue).ok).toBe(false);
    expect(authenticateRealm(a as never, pw(ANN_DN, ''), catalogue).ok).toBe(false);
    expect(authenticateRealm(a as never, pw('uid=zed,ou=Users,dc=example,dc=test', 'ann-pw'), catalogue).ok).toBe(false);
    // Without an admin connection the plain name is not a DN: nothing binds.
    expect(authenticateRealm(a as never, pw('ann', 'ann-pw'), catalogue).ok).toBe(false);
  });
  it('bind mode ignores the admin-only options (password-attribute, skip-authentication)', () => {
    const a = ldap({ 'password-attribute': 'description', 'skip-authentication': 'true' });
    expect(authenticateRealm(a as never, pw(ANN_DN, 'ann-alt'), catalogue).ok).toBe(false);
    expect(authenticateRealm(a as never, pw(ANN_DN, 'ann-pw'), catalogue).ok).toBe(true);
  });
  it('admin connection: default user-filter (uid={login}); bind, password-attribute or skip-authentication', () => {
    const admin = (o: Record<string, string>) => ldap({ 'user-context': 'ou=Users,dc=example,dc=test', ...o }, { systemUser: true });
    expect(authenticateRealm(admin({}) as never, pw('ann', 'ann-pw'), catalogue).ok).toBe(true);
    expect(authenticateRealm(admin({}) as never, pw(ANN_DN, 'ann-pw'), catalogue).ok).toBe(false);
    expect(authenticateRealm(admin({}) as never, pw('ann', 'ann-alt'), catalogue).ok).toBe(false);
    expect(authenticateRealm(admin({ 'password-attribute': 'description' }) as never, pw('ann', 'ann-alt'), catalogue).ok).toBe(true);
    expect(authenticateRealm(admin({ 'password-attribute': 'description' }) as never, pw('ann', 'ann-pw'), catalogue).ok).toBe(false);
    expect(authenticateRealm(admin({ 'skip-authentication': 'true' }) as never, pw('ann', 'anything'), catalogue).ok).toBe(true);
    expect(authenticateRealm(admin({ 'skip-authentication': 'true' }) as never, pw('zed', 'anything'), catalogue).ok).toBe(false);
    expect(authenticateRealm(admin({ 'user-filter': '(mail={login})' }) as never, pw('ann@EXAMPLE', 'ann-pw'), catalogue).ok).toBe(true);
  });
  it('user-name-attribute (default uid) names the identity', () => {
    expect(authenticateRealm(ldap({ 'user-name-attribute': 'mail' }) as never, pw(ANN_DN, 'ann-pw'), catalogue)).toMatchObject({ ok: true, subject: { identity: 'ann@EXAMPLE' } });
  });
  it('an ldap realm refuses token and Kerberos credentials', () => {
    expect(authenticateRealm(ldap({}) as never, client({ kind: 'token', encoding: 'none', token: 't' }), catalogue).ok).toBe(false);
  });
});

describe('oracle: ldap servers (url failover, ldaps trust)', () => {
  const jduke = pw('uid=jduke,ou=Users,dc=hazelcast,dc=test', base.directory!.users['jduke']!.password);
  const at = (servers: string[], jvmTrustStore = 'root-ca') => authenticateRealm({ kind: 'ldap', servers, options: {}, jvmTrustStore }, jduke, base);
  it('the first answering server serves', () => {
    expect(at(['down', 'primary']).ok).toBe(true);
    expect(at(['down', 'down-2']).ok).toBe(false);
  });
  it('an ldaps server must be trusted by the JVM trust store', () => {
    expect(at(['primary-ldaps']).ok).toBe(true);
    expect(at(['primary-ldaps'], 'untrusted-ca').ok).toBe(false);
    expect(at(['primary-ldaps'], 'system').ok).toBe(false);
    expect(at(['secondary-ldaps-untrusted']).ok).toBe(false);
    // An untrusted server is skipped like a down one: the next URL serves.
    expect(at(['secondary-ldaps-untrusted', 'primary']).ok).toBe(true);
  });
});

describe('oracle: kerberos', () => {
  const k = base.kerberos!;
  const krb = (over: Partial<Extract<ClientCredentials, { kind: 'kerberos' }>> = {}) => client({ kind: 'kerberos', principal: 'jduke', login: 'password', password: k.clients['jduke']!.password, ...over });
  const simple: MemberAuthentication = { kind: 'kerberos', options: {} };
  it('no ticket, no token: KDC down, principal unknown, wrong password (keytab login needs no password)', () => {
    expect(kerberosPreconnect(krb({ kdc: 'down' }), base)).toMatchObject({ kind: 'no-credentials', reason: 'KDC_UNREACHABLE' });
    expect(kerberosPreconnect(krb({ principal: 'zed' }), base)).toMatchObject({ kind: 'no-credentials', reason: 'CLIENT_UNKNOWN' });
    expect(kerberosPreconnect(krb({ password: 'nope' }), base)).toMatchObject({ kind: 'no-credentials', reason: 'LOGIN_FAILED' });
    expect(kerberosPreconnect(krb({ login: 'keytab', password: 'nope' }), base)).toBeUndefined();
  });
  it('the member accepts only a fresh, first-used token for its own principal', () => {
    expect(authenticateRealm(simple as never, krb(), base)).toMatchObject({ ok: true, subject: { identity: `jduke@${k.realm}`, roles: [`jduke@${k.realm}`] } });
    expect(authenticateRealm(simple as never, krb({ service: 'other' }), base).ok).toBe(false);
    expect(authenticateRealm(simple as never, krb({ ticket: 'expired' }), base).ok).toBe(false);
    expect(authenticateRealm(simple as never, krb({ ticket: 'replayed' }), base).ok).toBe(false);
  });
  it('use-name-without-realm strips @REALM; skip-role drops the name as role', () => {
    expect(authenticateRealm({ kind: 'kerberos', options: { 'use-name-without-realm': 'true' } } as never, krb(), base)).toMatchObject({ subject: { identity: 'jduke', roles: ['jduke'] } });
    expect(authenticateRealm({ kind: 'kerberos', options: { 'skip-role': 'true' } } as never, krb(), base)).toMatchObject({ subject: { roles: [] } });
  });
  it('with <ldap> the roles come from the user the Kerberos name finds (password not verified)', () => {
    const withLdap: MemberAuthentication = {
      kind: 'kerberos',
      options: { 'skip-role': 'true' },
      ldap: { servers: ['primary'], systemUser: true, options: { 'user-context': 'ou=Users,dc=hazelcast,dc=test', 'user-filter': '(mail={login})', 'skip-authentication': 'true', 'role-mapping-attribute': 'employeeType' } },
    };
    expect(authenticateRealm(withLdap as never, krb(), base)).toMatchObject({ ok: true, subject: { identity: `jduke@${k.realm}`, roles: ['admin'] } });
    // The directory down: no roles can be mapped, the login fails.
    const down = { ...withLdap, ldap: { ...withLdap.ldap!, servers: ['down'] } };
    expect(authenticateRealm(down as never, krb(), base).ok).toBe(false);
  });
  it('a token requiring mutual authentication passes only with relax-flags-check', () => {
    expect(authenticateRealm(simple as never, krb({ mutual: true }), base).ok).toBe(false);
    expect(authenticateRealm({ kind: 'kerberos', options: { 'relax-flags-check': 'true' } } as never, krb({ mutual: true }), base).ok).toBe(true);
    expect(authenticateRealm({ kind: 'kerberos', options: { 'relax-flags-check': 'true' } } as never, krb(), base).ok).toBe(true);
  });
  it('the security-realm form accepts what the simplified form accepts', () => {
    expect(authenticateRealm({ kind: 'kerberos', options: {}, form: 'security-realm' } as never, krb(), base)).toMatchObject({ ok: true, subject: { identity: `jduke@${k.realm}` } });
  });
  it('a kerberos realm refuses password credentials', () => {
    expect(authenticateRealm(simple as never, pw('jduke', 'x'), base).ok).toBe(false);
  });
  it('a client without a ticket is the outcome before TLS and authentication', () => {
    const member = { clusterName: 'c', ssl: null, security: { enabled: true, clientRealm: { name: 'k', authentication: simple }, clientPermissions: [] } };
    expect(expectOutcome({ member, client: krb({ kdc: 'down' }), checks: [] }, base).expected).toMatchObject({ kind: 'no-credentials' });
  });
});
