// The configuration examples of the seed documents, in XML and YAML, read into the model. Expected
// objects are written by hand from the documents.
import { describe, expect, it } from 'vitest';
import type { PermissionConfig, RealmConfig } from '../../../harness/hazelcast/reference-member/config/model.ts';
import { parseMemberConfig } from '../../../harness/hazelcast/reference-member/config/parse.ts';
import { xml, yaml } from './helpers.ts';

const perm = (p: Partial<PermissionConfig> & Pick<PermissionConfig, 'element' | 'type'>): PermissionConfig => ({
  name: '*',
  principal: '*',
  endpoints: [],
  actions: [],
  deny: false,
  ...p,
});

// hazelcast-client-security-permissions.txt, "Authorization" example (XML form as written).
const PERMISSIONS_XML = `
    <security enabled="true">
        <client-permissions>
            <!-- Principals 'admin' and 'root' from endpoint '127.0.0.1' have all permissions. -->
            <all-permissions principal="admin,root">
                <endpoints>
                    <endpoint>127.0.0.1</endpoint>
                </endpoints>
            </all-permissions>
            <map-permission name="myMap" principal="dev">
                <actions>
                    <action>create</action>
                    <action>destroy</action>
                    <action>put</action>
                    <action>read</action>
                </actions>
            </map-permission>
            <map-permission name="com.foo.entity.*">
                <endpoints>
                    <endpoint>10.10.*.*</endpoint>
                    <endpoint>127.0.0.1</endpoint>
                </endpoints>
                <actions>
                    <action>put</action>
                    <action>read</action>
                    <action>remove</action>
                </actions>
            </map-permission>
            <queue-permission name="*" principal="dev">
                <endpoints>
                    <endpoint>192.168.1.1-100</endpoint>
                    <endpoint>192.168.2.*</endpoint>
                </endpoints>
                <actions>
                    <action>create</action>
                    <action>add</action>
                    <action>remove</action>
                </actions>
            </queue-permission>
           <transaction-permission />
       </client-permissions>
    </security>`;

const PERMISSIONS_EXPECTED: PermissionConfig[] = [
  perm({ element: 'all-permissions', type: 'all', principal: 'admin,root', endpoints: ['127.0.0.1'] }),
  perm({ element: 'map-permission', type: 'map', name: 'myMap', principal: 'dev', actions: ['create', 'destroy', 'put', 'read'] }),
  perm({ element: 'map-permission', type: 'map', name: 'com.foo.entity.*', endpoints: ['10.10.*.*', '127.0.0.1'], actions: ['put', 'read', 'remove'] }),
  perm({ element: 'queue-permission', type: 'queue', name: '*', principal: 'dev', endpoints: ['192.168.1.1-100', '192.168.2.*'], actions: ['create', 'add', 'remove'] }),
  perm({ element: 'transaction-permission', type: 'transaction' }),
];

// The same, as YAML. The document's YAML repeats the `map:` key (invalid YAML) and gives the
// second map permission the name "com.foo.entity" with principal dev; written here as one `map`
// list carrying the XML example's values.
const PERMISSIONS_YAML = `
hazelcast:
  security:
    enabled: true
    client-permissions:
      on-join-operation: RECEIVE
      all:
        principal: admin,root
        endpoints:
          - 127.0.0.1
      map:
        - name: myMap
          principal: dev
          actions:
            - create
            - destroy
            - put
            - read
        - name: com.foo.entity.*
          endpoints:
            - 10.10.*.*
            - 127.0.0.1
          actions:
            - put
            - read
            - remove
      queue:
        - name: "*"
          principal: dev
          endpoints:
            - 192.168.1.1-100
            - 192.168.2.*
          actions:
            - create
            - add
            - remove
      transaction:
`;

describe('client permissions example (permissions seed)', () => {
  it('XML reads into the expected permissions', () => {
    const c = xml(PERMISSIONS_XML);
    expect(c.security.enabled).toBe(true);
    expect(c.security.onJoinOperation).toBe('RECEIVE');
    expect(c.security.clientPermissions).toEqual(PERMISSIONS_EXPECTED);
  });

  it('YAML reads into the same permissions', () => {
    const c = yaml(PERMISSIONS_YAML);
    expect(c.security.enabled).toBe(true);
    expect(c.security.clientPermissions).toEqual(PERMISSIONS_EXPECTED);
  });

  it('on-join-operation SEND is read in both forms', () => {
    expect(xml('<security enabled="true"><client-permissions on-join-operation="SEND"/></security>').security.onJoinOperation).toBe('SEND');
    expect(yaml('hazelcast:\n  security:\n    enabled: true\n    client-permissions:\n      on-join-operation: SEND\n').security.onJoinOperation).toBe('SEND');
  });

  it('every permission type of the schema is read, with its short type', () => {
    const named = [
      ['map', 'put'], ['queue', 'add'], ['multimap', 'lock'], ['replicatedmap', 'index'], ['topic', 'publish'],
      ['reliable-topic', 'listen'], ['list', 'add'], ['set', 'remove'], ['ring-buffer', 'put'], ['lock', 'lock'],
      ['atomic-long', 'modify'], ['atomic-reference', 'modify'], ['countdown-latch', 'modify'], ['flake-id-generator', 'modify'],
      ['semaphore', 'acquire'], ['executor-service', 'create'], ['durable-executor-service', 'destroy'],
      ['scheduled-executor', 'modify'], ['cardinality-estimator', 'read'], ['pn-counter', 'modify'], ['cache', 'listen'],
      ['cpmap', 'put'], ['vector-collection', 'optimize'], ['sql', 'create-view'], ['connector', 'write'],
      ['user-code-namespace', 'use'], ['user-code-deployment', 'deploy'],
    ];
    const body = named
      .map(([t, a]) => `<${t}-permission name="n-${t}" principal="p"><actions><action>${a}</action></actions></${t}-permission>`)
      .join('\n');
    const extra = `<all-permissions/><management-permission name="cluster.*"/><config-permission/><transaction-permission/>
      <job-permission><actions><action>submit</action></actions></job-permission>`;
    const c = xml(`<security enabled="true"><client-permissions>${body}${extra}</client-permissions></security>`);
    expect(c.security.clientPermissions.map((p) => p.type)).toEqual([
      ...named.map(([t]) => t),
      'all', 'management', 'config', 'transaction', 'job',
    ]);
    expect(c.security.clientPermissions[0]).toEqual(perm({ element: 'map-permission', type: 'map', name: 'n-map', principal: 'p', actions: ['put'] }));
  });

  it('deny and priority-grant (5.4+) and the actions-mapping YAML form', () => {
    const c = yaml(`
hazelcast:
  security:
    enabled: true
    client-permissions:
      priority-grant: true
      all:
        principal: admin
        deny: true
      atomic-long:
        - name: "*"
          actions:
            action: all
`);
    expect(c.security.priorityGrant).toBe(true);
    expect(c.security.clientPermissions).toEqual([
      perm({ element: 'all-permissions', type: 'all', principal: 'admin', deny: true }),
      perm({ element: 'atomic-long-permission', type: 'atomic-long', actions: ['all'] }),
    ]);
  });
});

// hazelcast-security-realms.txt: TLS realm, password and token identities.
describe('security realms (realms seed)', () => {
  const realmsXml = `
    <security enabled="true">
        <realms>
            <realm name="tlsRealm">
                <authentication>
                    <tls roleAttribute="cn" />
                </authentication>
            </realm>
            <realm name="passwordRealm">
                <identity>
                    <username-password username="member1" password="s3crEt" />
                </identity>
            </realm>
            <realm name="tokenRealm1">
                <identity>
                    <token>Hazelcast</token>
                </identity>
            </realm>
            <realm name="tokenRealm2">
                <identity>
                    <token encoding="base64">SGF6ZWxjYXN0</token>
                </identity>
            </realm>
        </realms>
        <member-authentication realm="passwordRealm" />
        <client-authentication realm="tlsRealm"/>
    </security>`;
  const realmsYaml = `
hazelcast:
  security:
    enabled: true
    realms:
      - name: tlsRealm
        authentication:
          tls:
            roleAttribute: cn
      - name: passwordRealm
        identity:
          username-password:
            username: member1
            password: s3crEt
      - name: tokenRealm1
        identity:
          token:
            value: Hazelcast
      - name: tokenRealm2
        identity:
          token:
            encoding: base64
            value: SGF6ZWxjYXN0
    member-authentication:
      realm: passwordRealm
    client-authentication:
      realm: tlsRealm
`;
  const expected: RealmConfig[] = [
    { name: 'tlsRealm', authentication: { kind: 'tls', roleAttribute: 'cn' }, identity: undefined },
    { name: 'passwordRealm', authentication: undefined, identity: { kind: 'username-password', username: 'member1', password: 's3crEt' } },
    { name: 'tokenRealm1', authentication: undefined, identity: { kind: 'token', encoding: 'none', value: Buffer.from('Hazelcast') } },
    { name: 'tokenRealm2', authentication: undefined, identity: { kind: 'token', encoding: 'base64', value: Buffer.from('Hazelcast') } },
  ];

  for (const [form, read] of [['XML', () => xml(realmsXml)], ['YAML', () => yaml(realmsYaml)]] as const) {
    it(`${form}: realms, identities and realm references`, () => {
      const c = read();
      expect([...c.security.realms.values()]).toEqual(expected);
      expect(c.security.memberAuthenticationRealm).toBe('passwordRealm');
      expect(c.security.clientAuthenticationRealm).toBe('tlsRealm');
    });
  }

  it('both token realms hold the bytes of "Hazelcast"', () => {
    const c = xml(realmsXml);
    const t1 = c.security.realms.get('tokenRealm1')!.identity;
    const t2 = c.security.realms.get('tokenRealm2')!.identity;
    expect(t1?.kind === 'token' && t2?.kind === 'token' && t1.value.equals(t2.value)).toBe(true);
  });

  it('ldap and kerberos authentication keep their option maps for the realms work', () => {
    const text = `<?xml version="1.0"?><hz:hazelcast xmlns:hz="http://www.hazelcast.com/schema/config"><hz:security enabled="true"><hz:realms>
      <hz:realm name="ldapRealm"><hz:authentication><hz:ldap><hz:url>ldap://corp-ldap.example.com/</hz:url><hz:role-mapping-attribute>cn</hz:role-mapping-attribute></hz:ldap></hz:authentication></hz:realm>
      <hz:realm name="kerberosRealm"><hz:authentication><hz:kerberos><hz:skip-role>true</hz:skip-role><hz:security-realm>krb5Acceptor</hz:security-realm>
        <hz:ldap><hz:url>ldap://ldap.hazelcast.com</hz:url><hz:system-authentication>GSSAPI</hz:system-authentication></hz:ldap></hz:kerberos></hz:authentication>
        <hz:identity><hz:kerberos><hz:realm>HAZELCAST.COM</hz:realm><hz:principal>hz/127.0.0.1@HAZELCAST.COM</hz:principal></hz:kerberos></hz:identity></hz:realm>
      </hz:realms><hz:client-authentication realm="ldapRealm"/></hz:security></hz:hazelcast>`;
    const c = parseMemberConfig(text, 'ldap.xml', { acceptPendingRealmTypes: true });
    expect(c.security.realms.get('ldapRealm')!.authentication).toEqual({ kind: 'ldap', options: { url: 'ldap://corp-ldap.example.com/', 'role-mapping-attribute': 'cn' } });
    expect(c.security.realms.get('kerberosRealm')).toEqual({
      name: 'kerberosRealm',
      authentication: { kind: 'kerberos', options: { 'skip-role': 'true', 'security-realm': 'krb5Acceptor' }, ldap: { url: 'ldap://ldap.hazelcast.com', 'system-authentication': 'GSSAPI' } },
      identity: { kind: 'kerberos', options: { realm: 'HAZELCAST.COM', principal: 'hz/127.0.0.1@HAZELCAST.COM' } },
    });
  });
});

// hazelcast-python-client-tls.txt / -security.rst and the Hazelcast TLS page.
describe('network and TLS', () => {
  const sslXml = (props: string) => `
    <cluster-name>secmatrix</cluster-name>
    <network>
        <port auto-increment="false" port-count="5">5801</port>
        <join><multicast enabled="false"/><tcp-ip enabled="false"/><auto-detection enabled="false"/></join>
        <ssl enabled="true">
            <factory-class-name>com.hazelcast.nio.ssl.BasicSSLContextFactory</factory-class-name>
            <properties>
                <property name="keyStore">/opt/member.p12</property>
                <property name="keyStorePassword">secret.123</property>
                <property name="keyStoreType">PKCS12</property>
                <property name="trustStore">/opt/trust.p12</property>
                <property name="trustStorePassword">changeit</property>
                <property name="trustStoreType">PKCS12</property>
                ${props}
            </properties>
        </ssl>
    </network>`;

  it('XML: cluster name, port, BasicSSLContextFactory properties, javax.net.ssl.mutualAuthentication', () => {
    const c = xml(sslXml(`<property name="protocol">TLSv1.2</property>
      <property name="ciphersuites">TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
         TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384</property>
      <property name="javax.net.ssl.mutualAuthentication">REQUIRED</property>`));
    expect(c.clusterName).toBe('secmatrix');
    expect(c.port).toBe(5801);
    expect(c.portAutoIncrement).toBe(false);
    expect(c.portCount).toBe(5);
    expect(c.ssl).toEqual({
      factoryClassName: 'com.hazelcast.nio.ssl.BasicSSLContextFactory',
      keyStore: '/opt/member.p12',
      keyStorePassword: 'secret.123',
      keyStoreType: 'PKCS12',
      trustStore: '/opt/trust.p12',
      trustStorePassword: 'changeit',
      trustStoreType: 'PKCS12',
      protocol: 'TLSv1.2',
      cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
      mutualAuthentication: 'REQUIRED',
    });
  });

  it('XML: mutualAuthentication OPTIONAL, defaults TLS / JKS type, no factory class name', () => {
    const c = xml(`<network><ssl enabled="true"><properties>
      <property name="keyStore">/k.p12</property><property name="trustStore">/t.p12</property>
      <property name="mutualAuthentication">OPTIONAL</property></properties></ssl></network>`);
    expect(c.ssl).toMatchObject({ factoryClassName: undefined, protocol: 'TLS', keyStoreType: 'JKS', mutualAuthentication: 'OPTIONAL', cipherSuites: undefined });
  });

  it('YAML: the same TLS settings', () => {
    const c = yaml(`
hazelcast:
  cluster-name: secmatrix
  network:
    port:
      auto-increment: false
      port-count: 5
      port: 5801
    join:
      multicast:
        enabled: false
    ssl:
      enabled: true
      properties:
        protocol: TLSv1.3
        mutualAuthentication: REQUIRED
        keyStore: /opt/member.p12
        keyStorePassword: secret.123
        keyStoreType: PKCS12
        trustStore: /opt/trust.p12
        trustStorePassword: changeit
        trustStoreType: PKCS12
        ciphersuites: TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384
`);
    expect(c.clusterName).toBe('secmatrix');
    expect(c.port).toBe(5801);
    expect(c.portAutoIncrement).toBe(false);
    expect(c.ssl).toMatchObject({ protocol: 'TLSv1.3', mutualAuthentication: 'REQUIRED', cipherSuites: ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384'] });
  });

  it('ssl enabled="false" leaves TLS off; defaults without network', () => {
    expect(xml('<network><ssl enabled="false"/></network>').ssl).toBeUndefined();
    const c = xml('');
    expect(c).toMatchObject({ clusterName: 'dev', port: 5701, portAutoIncrement: true, portCount: 100, ssl: undefined });
    expect(c.security.enabled).toBe(false);
  });

  it('the root element with no namespace, and a prefixed namespace, both read', () => {
    expect(parseMemberConfig('<hazelcast><cluster-name>a</cluster-name></hazelcast>', 'plain.xml').clusterName).toBe('a');
    expect(parseMemberConfig('<hz:hazelcast xmlns:hz="http://www.hazelcast.com/schema/config"><hz:cluster-name>b</hz:cluster-name></hz:hazelcast>', 'p.xml').clusterName).toBe('b');
  });

  it('the format is chosen by extension, else by content', () => {
    expect(parseMemberConfig('<hazelcast><cluster-name>x</cluster-name></hazelcast>', 'member.conf').clusterName).toBe('x');
    expect(parseMemberConfig('hazelcast:\n  cluster-name: y\n', 'member.conf').clusterName).toBe('y');
  });

  it('license-key, instance-name and member properties are accepted without effect', () => {
    const c = xml('<license-key>ABC</license-key><instance-name>i</instance-name><properties><property name="hazelcast.logging.type">slf4j</property></properties>');
    expect(c.clusterName).toBe('dev');
  });
});
