// Every configuration element the reference member cannot honour is a start-up ConfigError that
// names the file and the element path; so are bad values. One test per element.
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../harness/hazelcast/reference-member/config/model.ts';
import { loadMemberConfig, parseMemberConfig } from '../../../harness/hazelcast/reference-member/config/parse.ts';
import { expectConfigError, xml, yaml } from './helpers.ts';

const SSL_BASE = '<property name="keyStore">/k.p12</property>';
const ssl = (props: string, extra = '') => `<network><ssl enabled="true">${extra}<properties>${SSL_BASE}${props}</properties></ssl></network>`;
const sec = (body: string) => `<security enabled="true">${body}</security>`;
const realm = (inner: string) => sec(`<realms><realm name="r">${inner}</realm></realms>`);

describe('unsupported XML elements', () => {
  const cases: Array<[string, string, string]> = [
    ['a data structure configuration', '<map name="m"><backup-count>1</backup-count></map>', 'hazelcast/map'],
    ['advanced-network', '<advanced-network enabled="true"/>', 'hazelcast/advanced-network'],
    ['import', '<import resource="other.xml"/>', 'hazelcast/import'],
    ['config-replacers', '<config-replacers/>', 'hazelcast/config-replacers'],
    ['network/public-address', '<network><public-address>1.2.3.4</public-address></network>', 'hazelcast/network/public-address'],
    ['network/interfaces', '<network><interfaces enabled="true"><interface>10.*.*.*</interface></interfaces></network>', 'hazelcast/network/interfaces'],
    ['network/join/multicast switched on', '<network><join><multicast enabled="true"/></join></network>', 'hazelcast/network/join/multicast'],
    ['network/join/multicast without enabled (default on)', '<network><join><multicast/></join></network>', 'hazelcast/network/join/multicast'],
    ['network/join/tcp-ip switched on', '<network><join><tcp-ip enabled="true"><member>10.0.0.1</member></tcp-ip></join></network>', 'hazelcast/network/join/tcp-ip'],
    ['network/join/aws', '<network><join><aws enabled="false"/></join></network>', 'hazelcast/network/join/aws'],
    ['network/socket-interceptor', '<network><socket-interceptor enabled="false"/></network>', 'hazelcast/network/socket-interceptor'],
    ['network/symmetric-encryption', '<network><symmetric-encryption enabled="false"/></network>', 'hazelcast/network/symmetric-encryption'],
    ['ssl factory other than BasicSSLContextFactory', ssl('', '<factory-class-name>com.hazelcast.nio.ssl.OpenSSLEngineFactory</factory-class-name>'), 'hazelcast/network/ssl/factory-class-name'],
    ['an unknown ssl property', ssl('<property name="trustCertCollectionFile">/c.pem</property>'), 'hazelcast/network/ssl/properties/trustCertCollectionFile'],
    ['a non-default key manager algorithm', ssl('<property name="keyManagerAlgorithm">IbmX509</property>'), 'hazelcast/network/ssl/properties/keyManagerAlgorithm'],
    ['a JCEKS key store type', ssl('<property name="keyStoreType">JCEKS</property>'), 'hazelcast/network/ssl/properties/keyStoreType'],
    ['protocol SSLv3', ssl('<property name="protocol">SSLv3</property>'), 'hazelcast/network/ssl/properties/protocol'],
    ['an unknown cipher suite', ssl('<property name="ciphersuites">TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_FOO_WITH_BAR</property>'), 'hazelcast/network/ssl/properties/ciphersuites'],
    ['jaas authentication', realm('<authentication><jaas><login-module class-name="com.examples.LdapLoginModule" usage="SUFFICIENT"/></jaas></authentication>'), 'hazelcast/security/realms/realm[r]/authentication/jaas'],
    ['simple authentication', realm('<authentication><simple><user username="u" password="p"><role>r</role></user></simple></authentication>'), 'hazelcast/security/realms/realm[r]/authentication/simple'],
    // ldap and kerberos are enforced; what they cannot honour names the option.
    ['an ldap custom socket factory', realm('<authentication><ldap><url>ldaps://x:636/</url><socket-factory-class-name>security.ldap.CustomSSLSocketFactory</socket-factory-class-name></ldap></authentication>'), 'hazelcast/security/realms/realm[r]/authentication/ldap/socket-factory-class-name'],
    ['an ldap GSSAPI admin connection', realm('<authentication><ldap><url>ldap://x:389/</url><system-authentication>GSSAPI</system-authentication></ldap></authentication>'), 'hazelcast/security/realms/realm[r]/authentication/ldap/system-authentication'],
    ['a kerberos security-realm naming no realm', realm('<authentication><kerberos><security-realm>k</security-realm></kerberos></authentication>'), 'hazelcast/security/realms/realm[r]/authentication/kerberos/security-realm'],
    ['a kerberos security-realm naming a realm without Krb5LoginModule', sec('<realms><realm name="r"><authentication><kerberos><security-realm>k</security-realm></kerberos></authentication></realm><realm name="k"><identity><token>x</token></identity></realm></realms>'), 'hazelcast/security/realms/realm[r]/authentication/kerberos/security-realm'],
    ['kerberos without principal and keytab-file or security-realm', realm('<authentication><kerberos><use-name-without-realm>true</use-name-without-realm></kerberos></authentication>'), 'hazelcast/security/realms/realm[r]/authentication/kerberos/principal'],
    ['a Krb5LoginModule realm as client-authentication', sec('<realms><realm name="k"><authentication><jaas><login-module class-name="com.sun.security.auth.module.Krb5LoginModule" usage="REQUIRED"/></jaas></authentication></realm></realms><client-authentication realm="k"/>'), 'hazelcast/security/realms/realm[k]/authentication/jaas'],
    ['credentials-factory identity', realm('<identity><credentials-factory class-name="com.examples.TOTPCredentialsFactory"/></identity>'), 'hazelcast/security/realms/realm[r]/identity/credentials-factory'],
    ['access-control-service', realm('<access-control-service><factory-class-name>x</factory-class-name></access-control-service>'), 'hazelcast/security/realms/realm[r]/access-control-service'],
    ['client-permission-policy', sec('<client-permission-policy class-name="com.examples.MyPolicy"/>'), 'hazelcast/security/client-permission-policy'],
    ['security-interceptors', sec('<security-interceptors><interceptor class-name="com.examples.I"/></security-interceptors>'), 'hazelcast/security/security-interceptors'],
    ['the documentation spelling ringbuffer-permission', sec('<client-permissions><ringbuffer-permission name="r"><actions><action>read</action></actions></ringbuffer-permission></client-permissions>'), 'hazelcast/security/client-permissions/ringbuffer-permission'],
    ['the documentation spelling scheduled-executor-service-permission', sec('<client-permissions><scheduled-executor-service-permission name="s"><actions><action>read</action></actions></scheduled-executor-service-permission></client-permissions>'), 'hazelcast/security/client-permissions/scheduled-executor-service-permission'],
    ['an unknown permission element', sec('<client-permissions><foo-permission name="x"/></client-permissions>'), 'hazelcast/security/client-permissions/foo-permission'],
    ['an unknown attribute', '<network><port foo="1">5701</port></network>', 'hazelcast/network/port/@foo'],
  ];
  for (const [what, body, element] of cases) {
    it(`refuses ${what}`, () => {
      expectConfigError(() => xml(body, 'cfg/member.xml'), 'cfg/member.xml', element);
    });
  }

  it('refuses ${...} variables, naming the element', () => {
    expectConfigError(() => xml('<cluster-name>${cluster.name}</cluster-name>', 'v.xml'), 'v.xml', 'hazelcast/cluster-name', /variable/);
  });

  it('hints the real name for the documentation spelling', () => {
    const err = expectConfigError(
      () => xml(sec('<client-permissions><ringbuffer-permission name="r"><actions><action>read</action></actions></ringbuffer-permission></client-permissions>')),
      'member.xml',
      'ringbuffer-permission',
    );
    expect(err.why).toContain('ring-buffer-permission');
  });

  it('refuses a client configuration', () => {
    expectConfigError(() => parseMemberConfig('<hazelcast-client/>', 'client.xml'), 'client.xml', 'hazelcast-client', /client configuration/);
  });

  it('refuses malformed XML', () => {
    expectConfigError(() => parseMemberConfig('<hazelcast><cluster-name>x</hazelcast>', 'bad.xml'), 'bad.xml', '(document)', /well-formed/);
  });
});

describe('unsupported YAML elements', () => {
  const cases: Array<[string, string, string]> = [
    ['a data structure configuration', 'hazelcast:\n  map:\n    m:\n      backup-count: 1\n', 'hazelcast/map'],
    ['network/join/multicast switched on', 'hazelcast:\n  network:\n    join:\n      multicast:\n        enabled: true\n', 'hazelcast/network/join/multicast'],
    ['jaas authentication', 'hazelcast:\n  security:\n    enabled: true\n    realms:\n      - name: r\n        authentication:\n          jaas:\n            - class-name: X\n', 'hazelcast/security/realms/realm[r]/authentication/jaas'],
    ['credentials-factory identity', 'hazelcast:\n  security:\n    realms:\n      - name: r\n        identity:\n          credentials-factory:\n            class-name: X\n', 'hazelcast/security/realms/realm[r]/identity/credentials-factory'],
    ['the documentation key ringbuffer', 'hazelcast:\n  security:\n    client-permissions:\n      ringbuffer:\n        - name: r\n          actions: [read]\n', 'hazelcast/security/client-permissions/ringbuffer'],
    ['a custom ssl factory', 'hazelcast:\n  network:\n    ssl:\n      enabled: true\n      factory-class-name: com.acme.Factory\n      properties:\n        keyStore: /k.p12\n', 'hazelcast/network/ssl/factory-class-name'],
    ['client-permission-policy', 'hazelcast:\n  security:\n    client-permission-policy:\n      class-name: X\n', 'hazelcast/security/client-permission-policy'],
  ];
  for (const [what, body, element] of cases) {
    it(`refuses ${what}`, () => {
      expectConfigError(() => yaml(body, 'cfg/member.yaml'), 'cfg/member.yaml', element);
    });
  }

  it('refuses duplicate keys (as in the documentation example with two map: keys)', () => {
    expectConfigError(() => yaml('hazelcast:\n  security:\n    client-permissions:\n      map:\n        - name: a\n          actions: [read]\n      map:\n        - name: b\n          actions: [read]\n'), 'member.yaml', '(document)', /YAML/);
  });
});

describe('bad values', () => {
  it('port out of range', () => {
    expectConfigError(() => xml('<network><port>70000</port></network>'), 'member.xml', 'hazelcast/network/port', /1 to 65535/);
  });
  it('port not a number', () => {
    expectConfigError(() => yaml('hazelcast:\n  network:\n    port: abc\n'), 'member.yaml', 'hazelcast/network/port', /integer/);
  });
  it('auto-increment not a boolean', () => {
    expectConfigError(() => xml('<network><port auto-increment="maybe">5701</port></network>'), 'member.xml', 'hazelcast/network/port/@auto-increment');
  });
  it('unknown action for the permission type', () => {
    expectConfigError(
      () => xml(sec('<client-permissions><queue-permission name="q"><actions><action>put</action></actions></queue-permission></client-permissions>')),
      'member.xml',
      'hazelcast/security/client-permissions/queue-permission[q]/actions',
      /unknown action "put"/,
    );
  });
  it('unknown action in YAML', () => {
    expectConfigError(() => yaml('hazelcast:\n  security:\n    client-permissions:\n      topic:\n        - name: t\n          actions: [read]\n'), 'member.yaml', 'client-permissions/topic[t]/actions', /unknown action "read"/);
  });
  it('instance permission without actions', () => {
    expectConfigError(() => xml(sec('<client-permissions><map-permission name="m"/></client-permissions>')), 'member.xml', 'map-permission[m]/actions');
  });
  it('instance permission without a name', () => {
    expectConfigError(() => xml(sec('<client-permissions><map-permission><actions><action>read</action></actions></map-permission></client-permissions>')), 'member.xml', 'map-permission/name');
  });
  it('actions on a permission that takes none', () => {
    expectConfigError(() => xml(sec('<client-permissions><transaction-permission><actions><action>all</action></actions></transaction-permission></client-permissions>')), 'member.xml', 'transaction-permission/actions');
  });
  it('malformed endpoint pattern', () => {
    expectConfigError(
      () => xml(sec('<client-permissions><all-permissions><endpoints><endpoint>10.10.*</endpoint></endpoints></all-permissions></client-permissions>')),
      'member.xml',
      'hazelcast/security/client-permissions/all-permissions/endpoints',
      /malformed endpoint pattern "10\.10\.\*"/,
    );
  });
  it('endpoint octet out of range', () => {
    expectConfigError(() => yaml('hazelcast:\n  security:\n    client-permissions:\n      all:\n        endpoints: [192.168.1.1-300]\n'), 'member.yaml', 'client-permissions/all/endpoints');
  });
  it('unknown realm in client-authentication', () => {
    expectConfigError(() => xml(sec('<client-authentication realm="nope"/>')), 'member.xml', 'hazelcast/security/client-authentication', /realm "nope" is not defined/);
  });
  it('unknown realm in member-authentication (YAML)', () => {
    expectConfigError(() => yaml('hazelcast:\n  security:\n    member-authentication:\n      realm: nope\n'), 'member.yaml', 'hazelcast/security/member-authentication');
  });
  it('bad mutualAuthentication value', () => {
    expectConfigError(() => xml(ssl('<property name="trustStore">/t.p12</property><property name="mutualAuthentication">WANTED</property>')), 'member.xml', 'properties/mutualAuthentication');
  });
  it('mutual authentication without a trust store', () => {
    expectConfigError(() => xml(ssl('<property name="mutualAuthentication">REQUIRED</property>')), 'member.xml', 'properties/trustStore');
  });
  it('cipher suites no configured protocol can use', () => {
    expectConfigError(() => xml(ssl('<property name="protocol">TLSv1.3</property><property name="ciphersuites">TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256</property>')), 'member.xml', 'properties/ciphersuites', /every handshake would fail/);
  });
  it('TLS without a key store', () => {
    expectConfigError(() => xml('<network><ssl enabled="true"/></network>'), 'member.xml', 'properties/keyStore');
  });
  it('bad token encoding', () => {
    expectConfigError(() => xml(realm('<identity><token encoding="hex">00</token></identity>')), 'member.xml', 'realm[r]/identity/token/encoding');
  });
  it('bad on-join-operation', () => {
    expectConfigError(() => xml(sec('<client-permissions on-join-operation="LATER"/>')), 'member.xml', 'client-permissions/@on-join-operation');
  });
  it('a realm defined twice', () => {
    expectConfigError(() => xml(sec('<realms><realm name="a"/><realm name="a"/></realms>')), 'member.xml', 'realm[a]', /twice/);
  });
  it('an authentication with two methods', () => {
    expectConfigError(() => xml(realm('<authentication><tls/><ldap/></authentication>')), 'member.xml', 'realm[r]/authentication', /exactly one/);
  });
});

describe('loadMemberConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'secmatrix-member-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file and applies the port override', async () => {
    const file = join(dir, 'member.yaml');
    await writeFile(file, 'hazelcast:\n  cluster-name: c\n  network:\n    port: 5701\n');
    const c = await loadMemberConfig(file, { port: 15701 });
    expect(c).toMatchObject({ source: file, clusterName: 'c', port: 15701 });
  });

  it('a missing file is a ConfigError naming it', async () => {
    const file = join(dir, 'absent.xml');
    await expect(loadMemberConfig(file)).rejects.toBeInstanceOf(ConfigError);
    await expect(loadMemberConfig(file)).rejects.toThrow(file);
  });
});
