// One neutral description of a Hazelcast member configuration, built once from a MemberSetup and
// then written as XML and as YAML, so the two files cannot drift apart.
import type { ClientPermission, MemberSetup } from '../model.ts';
import type { MemberStores } from './stores.ts';
import { renderRealmAuth, type RealmServiceRefs, type RenderedLoginModule, type RenderedRealmAuth } from './realms.ts';

export const SSL_FACTORY = 'com.hazelcast.nio.ssl.BasicSSLContextFactory';

export interface RenderOptions {
  /** The run's LDAP / KDC services (realms area); needed only by ldap and kerberos realms. */
  services?: RealmServiceRefs;
  port: number;
}

export interface RenderedRealm {
  name: string;
  identity?: { kind: 'username-password'; username: string; password: string } | { kind: 'token'; encoding: 'none' | 'base64'; token: string };
  tls?: { roleAttribute?: string };
  /** ldap / kerberos authentication with the run's real URLs, principal and keytab. */
  auth?: RenderedRealmAuth;
  /** jaas authentication with one login module (the Kerberos acceptor realm). */
  loginModule?: RenderedLoginModule;
}

export interface ConfigModel {
  clusterName: string;
  port: number;
  /** Properties of <ssl>, in a stable order; undefined = no TLS. */
  ssl?: [string, string][];
  /**
   * clientRealm: referenced by client-authentication (a realm with an authentication section);
   * memberRealm: referenced by member-authentication (an identity realm: the seeds' form, and the
   * realm whose identity the default login compares client credentials with).
   */
  security?: { realms: RenderedRealm[]; clientRealm?: string; memberRealm?: string; permissions: ClientPermission[] };
  userCodeDeployment?: true;
}

export function configModel(setup: MemberSetup, stores: MemberStores, options: RenderOptions): ConfigModel {
  const model: ConfigModel = { clusterName: setup.clusterName, port: options.port };
  if (setup.userCodeDeployment) model.userCodeDeployment = true;
  if (setup.ssl) {
    const ks = stores.keyStore(setup.ssl.keyStore);
    const props: [string, string][] = [
      ['keyStore', ks.path],
      ['keyStorePassword', ks.password],
      ['keyStoreType', ks.type ?? 'PKCS12'],
    ];
    if (setup.ssl.trustStore) {
      const ts = stores.trustStore(setup.ssl.trustStore);
      props.push(['trustStore', ts.path], ['trustStorePassword', ts.password], ['trustStoreType', ts.type ?? 'PKCS12']);
    }
    props.push(['protocol', setup.ssl.protocol]);
    if (setup.ssl.cipherSuites) props.push(['ciphersuites', setup.ssl.cipherSuites.join(',')]);
    if (setup.ssl.mutualAuthentication) props.push(['mutualAuthentication', setup.ssl.mutualAuthentication]);
    model.ssl = props;
  }
  if (setup.security.enabled) {
    const realm = setup.security.clientRealm;
    const realms: RenderedRealm[] = [];
    if (realm) {
      const r: RenderedRealm = { name: realm.name };
      if (realm.identity) r.identity = { ...realm.identity };
      if (realm.authentication?.kind === 'tls') r.tls = realm.authentication.roleAttribute ? { roleAttribute: realm.authentication.roleAttribute } : {};
      const auth = renderRealmAuth(realm.authentication, options.services);
      if (auth) r.auth = auth;
      realms.push(r);
      if (auth?.acceptorRealm) realms.push({ name: auth.acceptorRealm.name, loginModule: auth.acceptorRealm.loginModule });
    }
    const refs = realm ? (realm.authentication ? { clientRealm: realm.name } : { memberRealm: realm.name }) : {};
    model.security = { realms, ...refs, permissions: setup.security.clientPermissions };
  }
  return model;
}
