// ldap and kerberos realm authentication for the renderer. The setup names LDAP servers and the
// KDC abstractly; the run's services give the real URLs, admin account, principal and keytab.
import type { LdapRealmSetup, MemberAuthentication } from '../model.ts';

/** What the run's services are, as far as a rendered member configuration needs to know. */
export interface RealmServiceRefs {
  /** URL of an LDAP service reference (primary, secondary-ldaps-untrusted, down, ...). */
  ldapUrl(ref: string): string;
  admin: { dn: string; password: string };
  kerberos?: { principal: string; keytabFile: string };
}

/** Options in documentation order: url first, then the admin account, then the rest as written. */
export type RenderedOptions = [string, string][];

export interface RenderedRealmAuth {
  ldap?: RenderedOptions;
  kerberos?: { options: RenderedOptions; ldap?: RenderedOptions };
  /** A second realm the kerberos realm names in security-realm: Java's Krb5LoginModule as acceptor. */
  acceptorRealm?: { name: string; loginModule: RenderedLoginModule };
}

export interface RenderedLoginModule {
  className: string;
  usage: string;
  properties: RenderedOptions;
}

/** The seed's krb5Acceptor realm (hazelcast-security-realms.txt, Kerberos Authentication Type). */
export const ACCEPTOR_REALM = 'krb5Acceptor';
export const KRB5_LOGIN_MODULE = 'com.sun.security.auth.module.Krb5LoginModule';

function ldapOptions(l: LdapRealmSetup, s: RealmServiceRefs): RenderedOptions {
  const out: RenderedOptions = [['url', l.servers.map((ref) => s.ldapUrl(ref)).join(' ')]];
  if (l.systemUser) out.push(['system-user-dn', s.admin.dn], ['system-user-password', s.admin.password]);
  out.push(...Object.entries(l.options));
  return out;
}

export function renderRealmAuth(auth: MemberAuthentication | undefined, services: RealmServiceRefs | undefined): RenderedRealmAuth | undefined {
  if (!auth || auth.kind === 'tls') return undefined;
  if (!services) throw new Error(`a ${auth.kind} realm needs the run's services (LDAP / KDC) to be rendered`);
  if (auth.kind === 'ldap') return { ldap: ldapOptions(auth, services) };
  const k = services.kerberos;
  if (!k) throw new Error('a kerberos realm needs the run\'s KDC');
  const ldap = auth.ldap ? { ldap: ldapOptions(auth.ldap, services) } : {};
  if (auth.form === 'security-realm') {
    // The acceptor realm loads the member's keys from the keytab; it does not contact the KDC.
    const properties: RenderedOptions = [
      ['isInitiator', 'false'],
      ['useTicketCache', 'false'],
      ['doNotPrompt', 'true'],
      ['useKeyTab', 'true'],
      ['storeKey', 'true'],
      ['principal', k.principal],
      ['keyTab', k.keytabFile],
    ];
    return {
      kerberos: { options: [['security-realm', ACCEPTOR_REALM], ...Object.entries(auth.options)], ...ldap },
      acceptorRealm: { name: ACCEPTOR_REALM, loginModule: { className: KRB5_LOGIN_MODULE, usage: 'REQUIRED', properties } },
    };
  }
  const options: RenderedOptions = [['principal', k.principal], ['keytab-file', k.keytabFile], ...Object.entries(auth.options)];
  return { kerberos: { options, ...ldap } };
}

type X = Record<string, unknown>;

export function realmAuthXml(r: RenderedRealmAuth): X {
  const elems = (opts: RenderedOptions): X => Object.fromEntries(opts);
  if (r.ldap) return { ldap: elems(r.ldap) };
  const k = r.kerberos!;
  return { kerberos: { ...elems(k.options), ...(k.ldap ? { ldap: elems(k.ldap) } : {}) } };
}

export function realmAuthYaml(r: RenderedRealmAuth): X {
  // Same shape: YAML keys are the XML element names.
  return realmAuthXml(r);
}

export function loginModuleXml(m: RenderedLoginModule): X {
  return {
    jaas: {
      'login-module': {
        '@_class-name': m.className,
        '@_usage': m.usage,
        properties: { property: m.properties.map(([name, value]) => ({ '@_name': name, '#text': value })) },
      },
    },
  };
}

export function loginModuleYaml(m: RenderedLoginModule): X {
  return { jaas: [{ 'class-name': m.className, usage: m.usage, properties: Object.fromEntries(m.properties) }] };
}
