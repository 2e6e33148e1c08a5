// The default permission policy, each expectation from the permissions seed ("Authorization" and
// the permission list) and the client-authorization page it quotes (comma lists, no trimming,
// wildcards, endpoint ranges), plus the 5.4 deny / priority-grant attributes of the schema.
import { describe, expect, it } from 'vitest';
import { parseMemberConfig } from '../../../harness/hazelcast/reference-member/config/parse.ts';
import type { ClientSubject, RequiredPermission } from '../../../harness/hazelcast/reference-member/security/api.ts';
import { addressMatches } from '../../../harness/hazelcast/reference-member/security/address-match.ts';
import { wildcardMatches } from '../../../harness/hazelcast/reference-member/security/name-match.ts';
import { checkPermission } from '../../../harness/hazelcast/reference-member/security/permission-policy.ts';

const withPermissions = (body: string, attrs = '') =>
  parseMemberConfig(`<hazelcast><security enabled="true"><client-permissions ${attrs}>${body}</client-permissions></security></hazelcast>`, 'member.xml');
const subject = (roles: string[], endpoint = '127.0.0.1', identity = 'someone'): ClientSubject => ({ identity, roles, endpoint });
const req = (type: string, name: string, action: string): RequiredPermission => ({ type, name, action });

// The seed's example, verbatim in meaning.
const SEED = withPermissions(`
  <all-permissions principal="admin,root"><endpoints><endpoint>127.0.0.1</endpoint></endpoints></all-permissions>
  <map-permission name="myMap" principal="dev"><actions><action>create</action><action>destroy</action><action>put</action><action>read</action></actions></map-permission>
  <map-permission name="com.foo.entity.*"><endpoints><endpoint>10.10.*.*</endpoint><endpoint>127.0.0.1</endpoint></endpoints>
    <actions><action>put</action><action>read</action><action>remove</action></actions></map-permission>
  <queue-permission name="*" principal="dev"><endpoints><endpoint>192.168.1.1-100</endpoint><endpoint>192.168.2.*</endpoint></endpoints>
    <actions><action>create</action><action>add</action><action>remove</action></actions></queue-permission>
  <transaction-permission/>`);
const granted = (s: ClientSubject, r: RequiredPermission, c = SEED) => checkPermission(c, s, r).granted;

describe('the seed example', () => {
  it("'admin' and 'root' from 127.0.0.1 have all permissions", () => {
    for (const role of ['admin', 'root']) {
      expect(granted(subject([role]), req('map', 'anything', 'destroy'))).toBe(true);
      expect(granted(subject([role]), req('queue', 'q', 'remove'))).toBe(true);
      expect(granted(subject([role]), req('management', '', ''))).toBe(true);
    }
  });
  it('all-permissions does not reach admin from another endpoint', () => {
    expect(granted(subject(['admin'], '10.0.0.1'), req('map', 'anything', 'destroy'))).toBe(false);
  });
  it("'dev' may create, destroy, put and read map myMap from any endpoint, and nothing else on it", () => {
    for (const a of ['create', 'destroy', 'put', 'read']) expect(granted(subject(['dev'], '172.16.0.9'), req('map', 'myMap', a))).toBe(true);
    expect(granted(subject(['dev'], '172.16.0.9'), req('map', 'myMap', 'remove'))).toBe(false);
    expect(granted(subject(['dev'], '172.16.0.9'), req('map', 'myMap2', 'read'))).toBe(false);
  });
  it("everyone from 127.0.0.1 or 10.10.*.* may put, read, remove maps matching com.foo.entity.*", () => {
    expect(granted(subject(['guest'], '10.10.3.4'), req('map', 'com.foo.entity.Person', 'put'))).toBe(true);
    expect(granted(subject(['guest'], '127.0.0.1'), req('map', 'com.foo.entity.X', 'remove'))).toBe(true);
    expect(granted(subject(['guest'], '10.11.3.4'), req('map', 'com.foo.entity.Person', 'put'))).toBe(false);
    expect(granted(subject(['guest'], '10.10.3.4'), req('map', 'com.foo.Person', 'read'))).toBe(false);
    expect(granted(subject(['guest'], '10.10.3.4'), req('map', 'com.foo.entity.Person', 'destroy'))).toBe(false);
  });
  it("'dev' from 192.168.1.1-100 or 192.168.2.* may create, add, remove on every queue", () => {
    expect(granted(subject(['dev'], '192.168.1.1'), req('queue', 'a', 'add'))).toBe(true);
    expect(granted(subject(['dev'], '192.168.1.100'), req('queue', 'b', 'create'))).toBe(true);
    expect(granted(subject(['dev'], '192.168.2.250'), req('queue', 'c', 'remove'))).toBe(true);
    expect(granted(subject(['dev'], '192.168.1.101'), req('queue', 'a', 'add'))).toBe(false);
    expect(granted(subject(['dev'], '192.168.1.50'), req('queue', 'a', 'read'))).toBe(false);
    expect(granted(subject(['qa'], '192.168.1.50'), req('queue', 'a', 'add'))).toBe(false);
  });
  it('everyone from everywhere has the transaction permission', () => {
    expect(granted(subject(['nobody'], '8.8.8.8'), req('transaction', '', ''))).toBe(true);
  });
  it('no matching permission: denied', () => {
    expect(granted(subject(['nobody'], '8.8.8.8'), req('topic', 't', 'publish'))).toBe(false);
    const d = checkPermission(SEED, subject(['nobody'], '8.8.8.8'), req('topic', 't', 'publish'));
    expect(d.reason).toMatch(/no client permission matches/);
  });
});

describe('principals', () => {
  it('are compared with the role principals, not the identity', () => {
    const c = withPermissions('<map-permission name="m" principal="alice"><actions><action>read</action></actions></map-permission>');
    expect(granted(subject(['reader'], '127.0.0.1', 'alice'), req('map', 'm', 'read'), c)).toBe(false);
    expect(granted(subject(['alice'], '127.0.0.1', 'CN=alice'), req('map', 'm', 'read'), c)).toBe(true);
  });
  it('"*" and an absent principal match every role; a subject with no role matches nothing', () => {
    const c = withPermissions('<map-permission name="a" principal="*"><actions><action>read</action></actions></map-permission><map-permission name="b"><actions><action>read</action></actions></map-permission>');
    expect(granted(subject(['x']), req('map', 'a', 'read'), c)).toBe(true);
    expect(granted(subject(['y']), req('map', 'b', 'read'), c)).toBe(true);
    expect(granted(subject([]), req('map', 'a', 'read'), c)).toBe(false);
  });
  it('comma lists are not trimmed: " admin ,devel" grants devel but not admin', () => {
    const c = withPermissions('<map-permission name="m" principal=" admin ,devel"><actions><action>read</action></actions></map-permission>');
    expect(granted(subject(['devel']), req('map', 'm', 'read'), c)).toBe(true);
    expect(granted(subject(['admin']), req('map', 'm', 'read'), c)).toBe(false);
  });
  it('principal wildcards follow the name rules (dev* matches developer)', () => {
    const c = withPermissions('<map-permission name="m" principal="dev*"><actions><action>read</action></actions></map-permission>');
    expect(granted(subject(['developer']), req('map', 'm', 'read'), c)).toBe(true);
    expect(granted(subject(['ops']), req('map', 'm', 'read'), c)).toBe(false);
  });
  it('one matching role among several is enough', () => {
    const c = withPermissions('<map-permission name="m" principal="ops,admin"><actions><action>read</action></actions></map-permission>');
    expect(granted(subject(['guest', 'admin']), req('map', 'm', 'read'), c)).toBe(true);
  });
});

describe('actions and types', () => {
  it('"all" implies every action of its type only', () => {
    const c = withPermissions('<map-permission name="*"><actions><action>all</action></actions></map-permission>');
    for (const a of ['create', 'destroy', 'put', 'remove', 'read', 'listen', 'lock', 'index', 'intercept']) expect(granted(subject(['u']), req('map', 'x', a), c)).toBe(true);
    expect(granted(subject(['u']), req('queue', 'x', 'read'), c)).toBe(false);
  });
  it('several entries combine (union)', () => {
    const c = withPermissions(`
      <map-permission name="m" principal="u"><actions><action>put</action></actions></map-permission>
      <map-permission name="m" principal="u"><actions><action>read</action></actions></map-permission>
      <queue-permission name="q" principal="u"><actions><action>add</action></actions></queue-permission>`);
    expect(granted(subject(['u']), req('map', 'm', 'put'), c)).toBe(true);
    expect(granted(subject(['u']), req('map', 'm', 'read'), c)).toBe(true);
    expect(granted(subject(['u']), req('queue', 'q', 'add'), c)).toBe(true);
    expect(granted(subject(['u']), req('map', 'm', 'remove'), c)).toBe(false);
  });
  it('security enabled and no client-permissions: everything is denied', () => {
    const c = parseMemberConfig('<hazelcast><security enabled="true"/></hazelcast>', 'm.xml');
    expect(granted(subject(['admin']), req('map', 'm', 'read'), c)).toBe(false);
  });
  it('security disabled: everything is allowed', () => {
    const c = parseMemberConfig('<hazelcast/>', 'm.xml');
    expect(granted(subject([]), req('map', 'm', 'read'), c)).toBe(true);
  });
});

describe('deny and priority-grant (hazelcast-config 5.4+)', () => {
  const rules = `
    <map-permission name="*" principal="u"><actions><action>all</action></actions></map-permission>
    <map-permission name="secret" principal="u" deny="true"><actions><action>read</action></actions></map-permission>`;
  it('by default a matching deny wins over a grant', () => {
    const c = withPermissions(rules);
    expect(granted(subject(['u']), req('map', 'secret', 'read'), c)).toBe(false);
    expect(granted(subject(['u']), req('map', 'secret', 'put'), c)).toBe(true);
  });
  it('with priority-grant a grant wins, and an unmatched request is allowed', () => {
    const c = withPermissions(rules, 'priority-grant="true"');
    expect(granted(subject(['u']), req('map', 'secret', 'read'), c)).toBe(true);
    expect(granted(subject(['v']), req('queue', 'q', 'add'), c)).toBe(true);
    const d = withPermissions('<queue-permission name="q" deny="true"><actions><action>add</action></actions></queue-permission>', 'priority-grant="true"');
    expect(granted(subject(['v']), req('queue', 'q', 'add'), d)).toBe(false);
  });
});

describe('name wildcards (WildcardConfigPatternMatcher)', () => {
  it.each([
    ['*', 'anything', true],
    ['myMap', 'myMap', true],
    ['myMap', 'mymap', false],
    ['com.foo.entity.*', 'com.foo.entity.Person', true],
    ['com.foo.entity.*', 'com.foo.entity.', true],
    ['com.foo.entity.*', 'com.foo.entities', false],
    ['*.cache', 'users.cache', true],
    ['ab*ba', 'aba', false],
    ['ab*ba', 'abba', true],
    ['a*b*', 'axb*', true],
    ['a*b*', 'axbz', false],
  ])('%s vs %s -> %s', (pattern, name, expected) => {
    expect(wildcardMatches(pattern, name)).toBe(expected);
  });
});

describe('endpoint patterns (AddressUtil.matchInterface)', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.2', '127.0.0.1', false],
    ['10.10.200.3', '10.10.*.*', true],
    ['10.11.0.3', '10.10.*.*', false],
    ['192.168.1.1', '192.168.1.1-100', true],
    ['192.168.1.100', '192.168.1.1-100', true],
    ['192.168.1.101', '192.168.1.1-100', false],
    ['192.168.2.7', '192.168.2.*', true],
    ['0:0:0:0:0:0:0:face', '*:*:*:*:*:*:*:face', true],
    ['fade:0:0:0:0:0:0:face', '::face', false],
    ['0:0:0:0:0:0:0:face', '::face', true],
    ['192.168.1.5', '::ffff:192.168.1.*', true],
    ['0:0:0:0:0:0:0:1', '127.0.0.1', false],
    ['127.0.0.1', '10.10.*', false],
  ])('%s against %s -> %s', (address, pattern, expected) => {
    expect(addressMatches(address, pattern)).toBe(expected);
  });
  it('a permission without endpoints matches IPv6 clients too', () => {
    const c = withPermissions('<map-permission name="m"><actions><action>read</action></actions></map-permission>');
    expect(granted(subject(['u'], '0:0:0:0:0:0:0:1'), req('map', 'm', 'read'), c)).toBe(true);
  });
});
