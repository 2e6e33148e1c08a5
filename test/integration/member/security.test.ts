// Credentials, realms and map permissions with the official client: password and token success and
// failure (classified quickly), the TLS realm's identity and role, permitted and denied operations.
import { TokenEncoding } from 'hazelcast-client';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { MemberLogEntry } from '../../../harness/hazelcast/reference-member/index.ts';
import { memberConfig, timed, Tracker } from './support.ts';
import { clientTls, defaultPki, tlsMemberConfig } from './tls-support.ts';

const tracker = new Tracker();
afterEach(() => tracker.stopAll());
afterAll(() => tracker.stopAll());

type AuthEntry = Extract<MemberLogEntry, { kind: 'authentication' }>;
type PermissionEntry = Extract<MemberLogEntry, { kind: 'permission' }>;
const authEvents = (events: readonly MemberLogEntry[]) => events.filter((e): e is AuthEntry => e.kind === 'authentication');
const permissionEvents = (events: readonly MemberLogEntry[]) => events.filter((e): e is PermissionEntry => e.kind === 'permission');

/** A refused authentication ends within the client's bounded connect timeout (3 s here), not 60 s. */
const FAST_FAILURE_MS = 8_000;

const permissions = `
  <client-permissions>
    <map-permission name="orders" principal="member1">
      <actions><action>create</action><action>read</action></actions>
    </map-permission>
    <map-permission name="open" principal="*">
      <actions><action>all</action></actions>
    </map-permission>
  </client-permissions>`;

const passwordSecurity = `
<security enabled="true">
  <realms>
    <realm name="passwordRealm">
      <identity><username-password username="member1" password="s3crEt" /></identity>
    </realm>
  </realms>
  <member-authentication realm="passwordRealm" />
  ${permissions}
</security>`;

describe('username and password', () => {
  test('matching credentials: authenticated as the username with the username as role', async () => {
    const member = await tracker.member({ config: memberConfig(passwordSecurity) });
    const client = await tracker.client(member, { security: { usernamePassword: { username: 'member1', password: 's3crEt' } } });
    const map = await client.getMap<string, string>('open');
    await map.put('k', 'v');
    expect(await map.get('k')).toBe('v');
    expect(authEvents(member.events)[0]).toMatchObject({ status: 'AUTHENTICATED', method: 'password', identity: 'member1', roles: ['member1'] });
    // Never a password in the log.
    expect(JSON.stringify(member.events)).not.toContain('s3crEt');
  });

  test('wrong password: CREDENTIALS_FAILED, answered, client fails fast', async () => {
    const member = await tracker.member({ config: memberConfig(passwordSecurity) });
    const log = { lines: [] as string[] };
    const { ms, error } = await timed(tracker.client(member, { security: { usernamePassword: { username: 'member1', password: 'wrong-pass' } } }, log));
    expect(error).toBeDefined();
    expect(ms).toBeLessThan(FAST_FAILURE_MS);
    expect(authEvents(member.events)[0]).toMatchObject({ status: 'CREDENTIALS_FAILED', username: 'member1', identity: null });
    expect(log.lines.join('\n')).toContain('credentials');
    expect(JSON.stringify(member.events)).not.toContain('wrong-pass');
  });

  test('no credentials at all: CREDENTIALS_FAILED', async () => {
    const member = await tracker.member({ config: memberConfig(passwordSecurity) });
    const { ms, error } = await timed(tracker.client(member));
    expect(error).toBeDefined();
    expect(ms).toBeLessThan(FAST_FAILURE_MS);
    expect(authEvents(member.events)[0]).toMatchObject({ status: 'CREDENTIALS_FAILED', username: null });
  });
});

describe('token', () => {
  const tokenSecurity = `
<security enabled="true">
  <realms>
    <realm name="tokenRealm"><identity><token encoding="base64">SGF6ZWxjYXN0</token></identity></realm>
  </realms>
  <member-authentication realm="tokenRealm" />
</security>`;

  test('token credentials are sent with Client.AuthenticationCustom and accepted by the default login', async () => {
    const member = await tracker.member({ config: memberConfig(tokenSecurity) });
    await tracker.client(member, { security: { token: { token: 'Hazelcast', encoding: TokenEncoding.ASCII } } });
    // With a member realm identity that is not username-password, the default login compares only the
    // cluster name; the client's identity and role are the cluster name.
    expect(authEvents(member.events)[0]).toMatchObject({ status: 'AUTHENTICATED', method: 'token', identity: 'dev', roles: ['dev'] });
    expect(JSON.stringify(member.events)).not.toContain('Hazelcast"');
  });

  test('a token where a username and password are expected: CREDENTIALS_FAILED, client fails fast', async () => {
    const member = await tracker.member({ config: memberConfig(passwordSecurity) });
    const { ms, error } = await timed(tracker.client(member, { security: { token: { token: 's3crEt', encoding: TokenEncoding.ASCII } } }));
    expect(error).toBeDefined();
    expect(ms).toBeLessThan(FAST_FAILURE_MS);
    expect(authEvents(member.events)[0]).toMatchObject({ status: 'CREDENTIALS_FAILED', method: 'token' });
  });

  test('token sent to a member without security: CREDENTIALS_FAILED', async () => {
    const member = await tracker.member({ config: memberConfig() });
    const { error } = await timed(tracker.client(member, { security: { token: { token: 'abc', encoding: TokenEncoding.ASCII } } }));
    expect(error).toBeDefined();
    expect(authEvents(member.events)[0]).toMatchObject({ status: 'CREDENTIALS_FAILED', method: 'token' });
  });
});

describe('map permissions', () => {
  test('a permitted operation is logged as granted', async () => {
    const member = await tracker.member({ config: memberConfig(passwordSecurity) });
    const client = await tracker.client(member, { security: { usernamePassword: { username: 'member1', password: 's3crEt' } } });
    const orders = await client.getMap<string, string>('orders');
    expect(await orders.get('x')).toBeNull();
    const decisions = permissionEvents(member.events).map((e) => [e.operation, e.permission.action, e.granted]);
    expect(decisions).toContainEqual(['Client.CreateProxy', 'create', true]);
    expect(decisions).toContainEqual(['Map.Get', 'read', true]);
  });

  test('a denied put is rejected at once with java.security.AccessControlException, not retried', async () => {
    const member = await tracker.member({ config: memberConfig(passwordSecurity) });
    const client = await tracker.client(member, { security: { usernamePassword: { username: 'member1', password: 's3crEt' } } });
    const orders = await client.getMap<string, string>('orders');
    const { ms, error } = await timed(orders.put('k', 'v'));
    expect(error?.message).toContain('java.security.AccessControlException');
    expect(error?.message).toContain('Permission ("com.hazelcast.security.permission.MapPermission" "orders" "put") denied!');
    expect(error?.constructor.name).toBe('UndefinedErrorCodeError');
    expect(ms).toBeLessThan(1_000);
    const denied = permissionEvents(member.events).filter((e) => !e.granted);
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ operation: 'Map.Put', identity: 'member1', permission: { type: 'map', name: 'orders', action: 'put' } });
    expect(denied[0]!.text).toContain('DENIED');
  });

  test('a denied proxy creation rejects getMap', async () => {
    const member = await tracker.member({ config: memberConfig(passwordSecurity) });
    const client = await tracker.client(member, { security: { usernamePassword: { username: 'member1', password: 's3crEt' } } });
    const { error, ms } = await timed(client.getMap('secret'));
    expect(error?.message).toContain('java.security.AccessControlException');
    expect(ms).toBeLessThan(1_000);
  });
});

describe('TLS realm', () => {
  beforeAll(async () => {
    await defaultPki();
  }, 120_000);

  const tlsRealm = `
<security enabled="true">
  <realms>
    <realm name="tlsRealm"><authentication><tls roleAttribute="cn" /></authentication></realm>
  </realms>
  <client-authentication realm="tlsRealm" />
  <client-permissions>
    <map-permission name="*" principal="admin"><actions><action>all</action></actions></map-permission>
    <map-permission name="public" principal="dev"><actions><action>create</action><action>read</action></actions></map-permission>
  </client-permissions>
</security>`;

  test('identity is the certificate subject DN, role the CN; the admin role may put', async () => {
    const member = await tracker.member({ config: await tlsMemberConfig({ mutualAuthentication: 'REQUIRED' }, tlsRealm) });
    const client = await tracker.client(member, { network: await clientTls({ certId: 'client-admin' }) });
    const map = await client.getMap<string, string>('anything');
    await map.put('k', 'v');
    expect(authEvents(member.events)[0]).toMatchObject({ status: 'AUTHENTICATED', identity: 'CN=admin,OU=Devs,O=Hazelcast', roles: ['admin'] });
    expect(permissionEvents(member.events).every((e) => e.granted)).toBe(true);
  });

  test('the dev role may read but not put', async () => {
    const member = await tracker.member({ config: await tlsMemberConfig({ mutualAuthentication: 'REQUIRED' }, tlsRealm) });
    const client = await tracker.client(member, { network: await clientTls({ certId: 'client-dev' }) });
    const map = await client.getMap<string, string>('public');
    expect(await map.get('k')).toBeNull();
    const { error } = await timed(map.put('k', 'v'));
    expect(error?.message).toContain('java.security.AccessControlException');
    expect(authEvents(member.events)[0]).toMatchObject({ identity: 'CN=dev,OU=Devs,O=Hazelcast', roles: ['dev'] });
  });

  test('OPTIONAL mutual auth and no certificate: the TLS realm refuses the login (CREDENTIALS_FAILED)', async () => {
    const member = await tracker.member({ config: await tlsMemberConfig({ mutualAuthentication: 'OPTIONAL' }, tlsRealm) });
    const { ms, error } = await timed(tracker.client(member, { network: await clientTls() }));
    expect(error).toBeDefined();
    expect(ms).toBeLessThan(FAST_FAILURE_MS);
    expect(authEvents(member.events)[0]).toMatchObject({ status: 'CREDENTIALS_FAILED' });
  });
});
