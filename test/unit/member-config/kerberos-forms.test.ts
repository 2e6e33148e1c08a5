// The kerberos authentication's two documented forms (hazelcast-security-realms.txt): the seed's
// security-realm form (a krb5Acceptor realm with Java's Krb5LoginModule) and the simplified
// principal + keytab-file form resolve to the same acceptor; ldap options are read as written.
import { describe, expect, it } from 'vitest';
import { expectConfigError, xml, yaml } from './helpers.ts';

const acceptorOf = (cfg: ReturnType<typeof xml>, realm: string) => {
  const auth = cfg.security.realms.get(realm)?.authentication;
  return auth?.kind === 'kerberos' ? auth.acceptor : undefined;
};

// The seed's sample, as written there (krb5Acceptor loads the member's keys from the keytab).
const SEED_XML = `
<security enabled="true">
  <realms>
    <realm name="kerberosRealm">
      <authentication><kerberos><security-realm>krb5Acceptor</security-realm></kerberos></authentication>
    </realm>
    <realm name="krb5Acceptor">
      <authentication>
        <jaas>
          <login-module class-name="com.sun.security.auth.module.Krb5LoginModule" usage="REQUIRED">
            <properties>
              <property name="isInitiator">false</property>
              <property name="useTicketCache">false</property>
              <property name="doNotPrompt">true</property>
              <property name="useKeyTab">true</property>
              <property name="storeKey">true</property>
              <property name="principal">hz/192.168.1.1@ACME.COM</property>
              <property name="keyTab">/opt/member1.keytab</property>
            </properties>
          </login-module>
        </jaas>
      </authentication>
    </realm>
  </realms>
  <client-authentication realm="kerberosRealm"/>
</security>`;

const SEED_YAML = `
hazelcast:
  security:
    enabled: true
    realms:
      - name: kerberosRealm
        authentication:
          kerberos:
            security-realm: krb5Acceptor
      - name: krb5Acceptor
        authentication:
          jaas:
            - class-name: com.sun.security.auth.module.Krb5LoginModule
              usage: REQUIRED
              properties:
                isInitiator: false
                useTicketCache: false
                doNotPrompt: true
                useKeyTab: true
                storeKey: true
                principal: hz/192.168.1.1@ACME.COM
                keyTab: /opt/member1.keytab
    client-authentication:
      realm: kerberosRealm
`;

describe('kerberos acceptor forms', () => {
  it('security-realm form (XML and YAML): the Krb5LoginModule realm gives principal and keytab', () => {
    const want = { principal: 'hz/192.168.1.1@ACME.COM', keytabFile: '/opt/member1.keytab', from: 'security-realm krb5Acceptor' };
    expect(acceptorOf(xml(SEED_XML), 'kerberosRealm')).toEqual(want);
    expect(acceptorOf(yaml(SEED_YAML), 'kerberosRealm')).toEqual(want);
  });

  it('simplified form: principal and keytab-file', () => {
    const cfg = xml(`<security enabled="true"><realms><realm name="simpleKerberosRealm"><authentication><kerberos>
      <principal>hz/127.0.0.1@HAZELCAST.COM</principal><keytab-file>/opt/localhost.keytab</keytab-file>
    </kerberos></authentication></realm></realms><client-authentication realm="simpleKerberosRealm"/></security>`);
    expect(acceptorOf(cfg, 'simpleKerberosRealm')).toEqual({ principal: 'hz/127.0.0.1@HAZELCAST.COM', keytabFile: '/opt/localhost.keytab', from: 'principal and keytab-file' });
  });

  it('an acceptor realm must load the key from a keytab (useKeyTab, storeKey)', () => {
    expectConfigError(() => xml(SEED_XML.replace('<property name="storeKey">true</property>', '')), 'member.xml', 'kerberos/security-realm', /storeKey/);
  });

  it('both forms at once are refused', () => {
    expectConfigError(
      () => xml(SEED_XML.replace('<security-realm>krb5Acceptor</security-realm>', '<security-realm>krb5Acceptor</security-realm><principal>hz/x@R</principal>')),
      'member.xml',
      'kerberos/security-realm',
      /either/,
    );
  });

  it('other JAAS login modules stay unsupported', () => {
    expectConfigError(() => xml(SEED_XML.replace('com.sun.security.auth.module.Krb5LoginModule', 'com.examples.LdapLoginModule')), 'member.xml', 'realm[krb5Acceptor]/authentication/jaas', /Java classes/);
  });
});
