// Rendered member configurations: well-formed, parsed back and compared with hand-written
// expectations; and read by the reference member unchanged (the one-configuration rule).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderMemberConfig, storesFromPki, type MemberStores } from '../../../harness/hazelcast/render/index.ts';
import type { MemberSetup } from '../../../harness/hazelcast/model.ts';
import { expandMatrices } from '../../../harness/hazelcast/plan/expand.ts';
import { planGroups } from '../../../harness/core/plan/planner.ts';
import { parseMemberConfig } from '../../../harness/hazelcast/reference-member/config/parse.ts';
import type { RealmServiceRefs } from '../../../harness/hazelcast/render/realms.ts';

// What the run's LDAP / KDC services would be (the realms groups render their URLs, admin and keytab).
const services: RealmServiceRefs = {
  ldapUrl: (ref) => `ldap${ref.includes('ldaps') ? 's' : ''}://127.0.0.1:${1000 + ref.length}/`,
  admin: { dn: 'cn=admin,dc=hazelcast,dc=test', password: 'admin-pw' },
  kerberos: { principal: 'hz/127.0.0.1@HAZELCAST.TEST', keytabFile: '/kdc/hz.keytab' },
};

const stores: MemberStores = {
  keyStore: (id) => ({ path: `/pki/${id}.p12`, password: `ks-${id}` }),
  trustStore: (id) => ({ path: `/pki/${id}-trust.p12`, password: `ts-${id}` }),
};

const tlsMember: MemberSetup = {
  clusterName: 'dev-cluster',
  ssl: {
    protocol: 'TLSv1.2',
    cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
    mutualAuthentication: 'REQUIRED',
    keyStore: 'member-rsa',
    trustStore: 'root-ca',
  },
  security: {
    enabled: true,
    clientRealm: { name: 'tlsRealm', authentication: { kind: 'tls', roleAttribute: 'cn' } },
    clientPermissions: [
      { name: 'admin-map', principal: 'admin', actions: ['all'] },
      { name: 'client-map', actions: ['create', 'read'] },
    ],
  },
};

const xmlParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['property', 'realm', 'map-permission', 'action'].includes(name), parseTagValue: false, parseAttributeValue: false });

describe('renderMemberConfig: XML', () => {
  const { xml } = renderMemberConfig(tlsMember, stores, { port: 5799 });
  it('is well-formed', () => expect(XMLValidator.validate(xml)).toBe(true));
  const hz = xmlParser.parse(xml).hazelcast;

  it('has cluster name, port and the hazelcast namespace', () => {
    expect(hz['@xmlns']).toBe('http://www.hazelcast.com/schema/config');
    expect(hz['cluster-name']).toBe('dev-cluster');
    expect(hz.network.port).toEqual({ '#text': '5799', '@auto-increment': 'false' });
  });

  it('has <ssl> with the basic factory and exactly these properties', () => {
    const ssl = hz.network.ssl;
    expect(ssl['@enabled']).toBe('true');
    expect(ssl['factory-class-name']).toBe('com.hazelcast.nio.ssl.BasicSSLContextFactory');
    const props = Object.fromEntries(ssl.properties.property.map((p: { '@name': string; '#text': string }) => [p['@name'], p['#text']]));
    expect(props).toEqual({
      keyStore: '/pki/member-rsa.p12',
      keyStorePassword: 'ks-member-rsa',
      keyStoreType: 'PKCS12',
      trustStore: '/pki/root-ca-trust.p12',
      trustStorePassword: 'ts-root-ca',
      trustStoreType: 'PKCS12',
      protocol: 'TLSv1.2',
      ciphersuites: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      mutualAuthentication: 'REQUIRED',
    });
  });

  it('has <security> with the tls realm, client-authentication and map permissions', () => {
    const sec = hz.security;
    expect(sec['@enabled']).toBe('true');
    expect(sec.realms.realm).toEqual([{ '@name': 'tlsRealm', authentication: { tls: { '@roleAttribute': 'cn' } } }]);
    expect(sec['client-authentication']).toEqual({ '@realm': 'tlsRealm' });
    expect(sec['client-permissions']['map-permission']).toEqual([
      { '@name': 'admin-map', '@principal': 'admin', actions: { action: ['all'] } },
      { '@name': 'client-map', actions: { action: ['create', 'read'] } },
    ]);
  });

  it('writes identities: username-password attributes, token with its encoding', () => {
    const pw = renderMemberConfig({ clusterName: 'c', ssl: null, security: { enabled: true, clientRealm: { name: 'pw', identity: { kind: 'username-password', username: 'dev', password: 'p4ss' } }, clientPermissions: [] } }, stores, { port: 1 });
    const pwHz = xmlParser.parse(pw.xml).hazelcast;
    expect(pwHz.network.ssl).toBeUndefined();
    expect(pwHz.security.realms.realm[0].identity).toEqual({ 'username-password': { '@username': 'dev', '@password': 'p4ss' } });
    // The seeds reference an identity realm from member-authentication (python-client-security.rst).
    expect(pwHz.security['member-authentication']).toEqual({ '@realm': 'pw' });
    expect(pwHz.security['client-authentication']).toBeUndefined();
    const tok = renderMemberConfig({ clusterName: 'c', ssl: null, security: { enabled: true, clientRealm: { name: 'tk', identity: { kind: 'token', encoding: 'base64', token: 'SGF6ZWxjYXN0' } }, clientPermissions: [] } }, stores, { port: 1 });
    expect(xmlParser.parse(tok.xml).hazelcast.security.realms.realm[0].identity).toEqual({ token: { '#text': 'SGF6ZWxjYXN0', '@encoding': 'base64' } });
  });

  it('leaves security out when it is disabled', () => {
    const { xml: plain } = renderMemberConfig({ clusterName: 'c', ssl: null, security: { enabled: false, clientPermissions: [] } }, stores, { port: 1 });
    expect(xmlParser.parse(plain).hazelcast.security).toBeUndefined();
  });
});

describe('renderMemberConfig: YAML', () => {
  const hz = parseYaml(renderMemberConfig(tlsMember, stores, { port: 5799 }).yaml).hazelcast;
  it('holds the same configuration', () => {
    expect(hz['cluster-name']).toBe('dev-cluster');
    expect(hz.network.port).toEqual({ 'auto-increment': false, port: 5799 });
    expect(hz.network.ssl).toEqual({
      enabled: true,
      'factory-class-name': 'com.hazelcast.nio.ssl.BasicSSLContextFactory',
      properties: {
        keyStore: '/pki/member-rsa.p12',
        keyStorePassword: 'ks-member-rsa',
        keyStoreType: 'PKCS12',
        trustStore: '/pki/root-ca-trust.p12',
        trustStorePassword: 'ts-root-ca',
        trustStoreType: 'PKCS12',
        protocol: 'TLSv1.2',
        ciphersuites: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
        mutualAuthentication: 'REQUIRED',
      },
    });
    expect(hz.security).toEqual({
      enabled: true,
      realms: [{ name: 'tlsRealm', authentication: { tls: { roleAttribute: 'cn' } } }],
      'client-authentication': { realm: 'tlsRealm' },
      'client-permissions': { map: [{ name: 'admin-map', principal: 'admin', actions: ['all'] }, { name: 'client-map', actions: ['create', 'read'] }] },
    });
  });
  it('writes a token identity as value + encoding', () => {
    const y = renderMemberConfig({ clusterName: 'c', ssl: null, security: { enabled: true, clientRealm: { name: 'tk', identity: { kind: 'token', encoding: 'none', token: 'abc' } }, clientPermissions: [] } }, stores, { port: 1 }).yaml;
    expect(parseYaml(y).hazelcast.security.realms[0].identity).toEqual({ token: { encoding: 'none', value: 'abc' } });
  });
});

describe('storesFromPki', () => {
  it('maps artifact ids to PKCS#12 files and passwords, and names what is missing', () => {
    const s = storesFromPki({ artifacts: { 'member-rsa': { files: { keystore: '/k.p12' }, passwords: { keystore: 'pw' } }, 'root-ca': { files: { truststore: '/t.p12' }, passwords: { truststore: 'tp' } } } });
    expect(s.keyStore('member-rsa')).toEqual({ path: '/k.p12', password: 'pw', type: 'PKCS12' });
    expect(s.trustStore('root-ca')).toEqual({ path: '/t.p12', password: 'tp', type: 'PKCS12' });
    expect(() => s.keyStore('nope')).toThrow(/no artifact "nope"/);
    expect(() => s.keyStore('root-ca')).toThrow(/root-ca" has no keystore/);
  });
});

describe('the reference member reads every rendered configuration of the matrix', () => {
  const groups = planGroups(expandMatrices());
  it.each(groups.map((g, i) => [i, g] as const))('group %i', (_i, group) => {
    const { xml, yaml } = renderMemberConfig(group.member, stores, { port: 5701, services });
    const fromXml = parseMemberConfig(xml, 'member.xml');
    const fromYaml = parseMemberConfig(yaml, 'member.yaml');
    expect({ ...fromYaml, source: '' }).toEqual({ ...fromXml, source: '' });
    expect(fromXml.clusterName).toBe(group.member.clusterName);
    expect(fromXml.ssl?.protocol).toBe(group.member.ssl?.protocol);
    expect(fromXml.ssl?.mutualAuthentication).toBe(group.member.ssl?.mutualAuthentication);
    expect(fromXml.security.enabled).toBe(group.member.security.enabled);
  });
});
