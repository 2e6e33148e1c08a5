// The member configuration as hazelcast.yaml (the hazelcast-full-example.yaml shape).
import { stringify } from 'yaml';
import type { ConfigModel } from './model.ts';
import { SSL_FACTORY } from './model.ts';
import { permissionsYaml } from './permissions.ts';
import { loginModuleYaml, realmAuthYaml } from './realms.ts';

type Y = Record<string, unknown>;

export function toYaml(model: ConfigModel): string {
  const network: Y = {
    port: { 'auto-increment': false, port: model.port },
    join: { 'auto-detection': { enabled: false }, multicast: { enabled: false }, 'tcp-ip': { enabled: false } },
  };
  if (model.ssl) network.ssl = { enabled: true, 'factory-class-name': SSL_FACTORY, properties: Object.fromEntries(model.ssl) };
  const hazelcast: Y = { 'cluster-name': model.clusterName, network };
  if (model.security) {
    const s = model.security;
    const security: Y = { enabled: true };
    if (s.realms.length > 0) {
      security.realms = s.realms.map((r) => {
        const realm: Y = { name: r.name };
        if (r.tls) realm.authentication = { tls: r.tls.roleAttribute ? { roleAttribute: r.tls.roleAttribute } : {} };
        if (r.auth) realm.authentication = realmAuthYaml(r.auth);
        if (r.loginModule) realm.authentication = loginModuleYaml(r.loginModule);
        if (r.identity?.kind === 'username-password') realm.identity = { 'username-password': { username: r.identity.username, password: r.identity.password } };
        if (r.identity?.kind === 'token') realm.identity = { token: { encoding: r.identity.encoding, value: r.identity.token } };
        return realm;
      });
    }
    if (s.memberRealm) security['member-authentication'] = { realm: s.memberRealm };
    if (s.clientRealm) security['client-authentication'] = { realm: s.clientRealm };
    if (s.permissions.length > 0) {
      security['client-permissions'] = permissionsYaml(s.permissions);
    }
    hazelcast.security = security;
  }
  if (model.userCodeDeployment) hazelcast['user-code-deployment'] = { enabled: true };
  // Keys such as "on" or versions stay strings; the yaml package quotes what would be misread.
  return stringify({ hazelcast }, { lineWidth: 0 });
}
