// The member configuration as hazelcast.xml (hazelcast-config-5.x schema).
import { XMLBuilder } from 'fast-xml-parser';
import type { ConfigModel } from './model.ts';
import { SSL_FACTORY } from './model.ts';
import { permissionsXml } from './permissions.ts';
import { loginModuleXml, realmAuthXml } from './realms.ts';

type X = Record<string, unknown>;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: true,
  indentBy: '    ',
  suppressEmptyNode: true,
  // Otherwise enabled="true" is written as a bare attribute, which is not XML.
  suppressBooleanAttributes: false,
});

function realmXml(r: NonNullable<ConfigModel['security']>['realms'][number]): X {
  const out: X = { '@_name': r.name };
  if (r.tls) out.authentication = { tls: r.tls.roleAttribute ? { '@_roleAttribute': r.tls.roleAttribute } : '' };
  if (r.auth) out.authentication = realmAuthXml(r.auth);
  if (r.loginModule) out.authentication = loginModuleXml(r.loginModule);
  if (r.identity?.kind === 'username-password') out.identity = { 'username-password': { '@_username': r.identity.username, '@_password': r.identity.password } };
  if (r.identity?.kind === 'token') out.identity = { token: { '@_encoding': r.identity.encoding, '#text': r.identity.token } };
  return out;
}

export function toXml(model: ConfigModel): string {
  const network: X = { port: { '@_auto-increment': 'false', '#text': String(model.port) } };
  // A single member serving clients: no discovery (the reference member accepts join only like this).
  network.join = { 'auto-detection': { '@_enabled': 'false' }, multicast: { '@_enabled': 'false' }, 'tcp-ip': { '@_enabled': 'false' } };
  if (model.ssl) {
    network.ssl = {
      '@_enabled': 'true',
      'factory-class-name': SSL_FACTORY,
      properties: { property: model.ssl.map(([name, value]) => ({ '@_name': name, '#text': value })) },
    };
  }
  const root: X = {
    '@_xmlns': 'http://www.hazelcast.com/schema/config',
    '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    '@_xsi:schemaLocation': 'http://www.hazelcast.com/schema/config http://www.hazelcast.com/schema/config/hazelcast-config-5.5.xsd',
    'cluster-name': model.clusterName,
    network,
  };
  if (model.security) {
    const s = model.security;
    const security: X = { '@_enabled': 'true' };
    if (s.realms.length > 0) security.realms = { realm: s.realms.map(realmXml) };
    if (s.memberRealm) security['member-authentication'] = { '@_realm': s.memberRealm };
    if (s.clientRealm) security['client-authentication'] = { '@_realm': s.clientRealm };
    if (s.permissions.length > 0) {
      security['client-permissions'] = permissionsXml(s.permissions);
    }
    root.security = security;
  }
  if (model.userCodeDeployment) root['user-code-deployment'] = { '@_enabled': 'true' };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ hazelcast: root }) as string}`;
}
