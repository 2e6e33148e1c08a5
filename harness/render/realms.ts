// ldap and kerberos realm authentication for the renderer. The setup names LDAP servers and the
// KDC abstractly; the run's services give the real URLs, admin account, principal and keytab.
import type { LdapRealmSetup, MemberAuthentication } from '../plan/cell.ts';

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
}

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
  const options: RenderedOptions = [['principal', k.principal], ['keytab-file', k.keytabFile], ...Object.entries(auth.options)];
  return { kerberos: { options, ...(auth.ldap ? { ldap: ldapOptions(auth.ldap, services) } : {}) } };
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
