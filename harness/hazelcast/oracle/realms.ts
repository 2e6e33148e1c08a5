// The ldap and kerberos authentication rules (hazelcast-security-realms.txt §LDAP Authentication
// Type, §Kerberos Authentication Type, §Kerberos and LDAP integration; python-client-security.rst
// §Kerberos Authentication) as a model over the facts of matrices/realms-fixtures.yaml: what the
// directory and the KDC hold. Never asks a server, never looks at the member.
import type { Catalogue, DirectoryFacts, DirectoryUser } from '../plan/catalogue.ts';
import type { ClientSetup, ExpectedOutcome } from '../../core/plan/cell.ts';
import type { LdapRealmSetup, MemberAuthentication } from '../model.ts';
import { certificateProblem, namesHost, certificateFacts } from '../../core/oracle/certificates.ts';
import { cite, type Rule } from './rules.ts';

const REALMS = 'hazelcast-security-realms.txt';
const PY_SEC = 'hazelcast-python-client-security.rst';

export const REALM_RULES = {
  ldapFailover: { id: 'ldap-failover', says: 'several space-separated URLs are tried in order; the first server that answers (and, for ldaps, is trusted) serves; none → the login fails', source: `${REALMS} §LDAP Authentication Type (url, failover)` },
  ldaps: { id: 'ldaps-trust', says: "an ldaps server's certificate is validated against the JVM trust store (javax.net.ssl.trustStore) and the URL's host; an untrusted one cannot serve", source: `${REALMS} §TLS Protected LDAP Server Connections` },
  ldapBind: { id: 'ldap-bind', says: 'without an admin connection the login name is the user DN and the password is verified by a new LDAP bind; an empty password is an unauthenticated bind (RFC 4513 §5.1.2) and verifies nothing', source: `${REALMS} §LDAP Authentication Type` },
  ldapAdmin: { id: 'ldap-admin', says: 'with system-user-dn the user is searched with user-filter ({login} = the name given) in user-context, then verified by a bind, or against password-attribute, or not at all with skip-authentication', source: `${REALMS} §LDAP Configuration Options (system-user-dn, user-filter, password-attribute, skip-authentication)` },
  ldapIdentity: { id: 'ldap-identity', says: 'the identity is the value of user-name-attribute (default uid) of the user object', source: `${REALMS} §LDAP Configuration Options (user-name-attribute)` },
  ldapRoles: { id: 'ldap-roles', says: 'roles: attribute = values of role-mapping-attribute (parse-dn: role-name-attribute parts of DN values); direct = role-name-attribute of the objects the attribute names; reverse = role objects found by role-filter in role-context; recursion up to role-recursion-max-depth levels (default 1)', source: `${REALMS} §LDAP Configuration Options (role-mapping-mode, parse-dn, role-recursion-max-depth)` },
  krbTicket: { id: 'krb-ticket', says: 'the client first obtains a ticket from the KDC (password or keytab login); an unreachable KDC, an unknown principal or a wrong password leave it without a token to send', source: `${PY_SEC} §Kerberos Authentication; ${REALMS} §Kerberos Authentication Type` },
  krbAccept: { id: 'krb-accept', says: "the member accepts a token only for its own service principal (its keytab), within the ticket's lifetime, and only once (replay protection)", source: `${REALMS} §Kerberos Authentication Type (notes on replay and the 5-minute window)` },
  krbFlags: { id: 'krb-flags', says: 'a token that requires mutual authentication passes only with relax-flags-check true (the member validates on the server side only and sends no reply token)', source: `${REALMS} §Kerberos Authentication Configuration Options (relax-flags-check); notes (no mutual authentication)` },
  krbForms: { id: 'krb-acceptor-forms', says: "the member's keys come from principal + keytab-file (simplified form, a realm generated on the fly) or from the Krb5LoginModule realm security-realm names: the same acceptor", source: `${REALMS} §Simplified Kerberos Configuration; §Kerberos Authentication Type (krb5Acceptor)` },
  krbName: { id: 'krb-name', says: 'the identity is the Kerberos name, without "@REALM" when use-name-without-realm is true; it is also the role unless skip-role', source: `${REALMS} §Kerberos Authentication Configuration Options` },
  krbLdap: { id: 'krb-ldap', says: 'with an <ldap> sub-configuration the roles come from the directory: the user found by user-filter with the Kerberos name, password not verified (skip-authentication)', source: `${REALMS} §Kerberos and LDAP integration` },
  kindMismatch: { id: 'realm-credential-kind', says: 'ldap verifies PasswordCredentials, kerberos verifies the token in TokenCredentials; other credentials fail', source: `${REALMS} §Authentication Configuration` },
} as const satisfies Record<string, Rule>;

export type RealmVerdict = { ok: true; subject?: { identity: string; roles: string[] }; roles: string[]; because: string } | { ok: false; because: string };

const SERVERS: Record<string, { reachable: boolean; certificate?: string }> = {
  primary: { reachable: true },
  'primary-ldaps': { reachable: true, certificate: 'member-rsa' },
  secondary: { reachable: true },
  'secondary-ldaps-untrusted': { reachable: true, certificate: 'member-untrusted-ca' },
  'tertiary-ldaps-wrong-host': { reachable: true, certificate: 'member-wrong-san' },
  down: { reachable: false },
  'down-2': { reachable: false },
};

/** Before any connection: a Kerberos client without a ticket has nothing to send. */
export function kerberosPreconnect(client: ClientSetup, catalogue: Catalogue): ExpectedOutcome | undefined {
  const c = client.credentials;
  if (c.kind !== 'kerberos') return undefined;
  const k = catalogue.kerberos;
  if (!k) throw new Error('oracle: kerberos identities need matrices/realms-fixtures.yaml');
  if (c.kdc === 'down') return { kind: 'no-credentials', reason: 'KDC_UNREACHABLE', because: cite(REALM_RULES.krbTicket, 'no KDC answers') };
  const known = k.clients[c.principal];
  if (!known) return { kind: 'no-credentials', reason: 'CLIENT_UNKNOWN', because: cite(REALM_RULES.krbTicket, `${c.principal}@${k.realm} is not in the KDC`) };
  if (c.login === 'password' && c.password !== known.password) return { kind: 'no-credentials', reason: 'LOGIN_FAILED', because: cite(REALM_RULES.krbTicket, 'wrong password') };
  return undefined;
}

function serving(l: LdapRealmSetup, catalogue: Catalogue): { ref: string; note: string } | { ref?: undefined; note: string } {
  const notes: string[] = [];
  for (const ref of l.servers) {
    const s = SERVERS[ref];
    if (!s) throw new Error(`oracle: unknown LDAP server reference ${ref}`);
    if (!s.reachable) {
      notes.push(`${ref} does not answer`);
      continue;
    }
    if (s.certificate) {
      const trust = l.jvmTrustStore ?? 'system';
      const problem = certificateProblem(catalogue, s.certificate, trust, 'serverAuth');
      if (problem || !namesHost(certificateFacts(catalogue, s.certificate), '127.0.0.1')) {
        notes.push(`${ref}: ${cite(REALM_RULES.ldaps, `${s.certificate} against ${trust}: ${problem ?? 'host name'}`)}`);
        continue;
      }
    }
    notes.push(`${ref} serves`);
    return { ref, note: notes.join('; ') };
  }
  return { note: notes.join('; ') };
}

const usersOu = (d: DirectoryFacts) => `ou=users,${d.baseDn}`.toLowerCase();
const userDn = (d: DirectoryFacts, uid: string) => `uid=${uid},ou=Users,${d.baseDn}`;
const groupDn = (d: DirectoryFacts, cn: string) => `cn=${cn},ou=Roles,${d.baseDn}`;
const norm = (dn: string) => dn.replace(/\s*,\s*/g, ',').toLowerCase();

function attr(d: DirectoryFacts, uid: string, u: DirectoryUser, name: string): string[] {
  switch (name.toLowerCase()) {
    case 'uid':
      return [uid];
    case 'cn':
      return [uid];
    case 'mail':
      return u.mail ? [u.mail] : [];
    case 'employeetype':
      return u.roles;
    case 'seealso':
      return u.roleDns;
    case 'description':
      return u.altPassword ? [u.altPassword] : [];
    default:
      return [];
  }
  void d;
}

function groupByDn(d: DirectoryFacts, dn: string): string | undefined {
  return Object.keys(d.groups).find((g) => norm(groupDn(d, g)) === norm(dn));
}

/** Roles of a user per the mapping options. */
export function ldapRoles(d: DirectoryFacts, uid: string, o: Record<string, string>): string[] {
  const u = d.users[uid]!;
  const mode = o['role-mapping-mode'] ?? 'attribute';
  const mapping = o['role-mapping-attribute'];
  const nameAttr = (o['role-name-attribute'] ?? 'cn').toLowerCase();
  const depth = Number(o['role-recursion-max-depth'] ?? '1');
  const roles = new Set<string>();
  if (mode === 'attribute') {
    if (!mapping) return [];
    for (const v of attr(d, uid, u, mapping)) {
      if (o['parse-dn'] === 'true' && o['role-name-attribute']) {
        for (const part of v.split(',')) {
          const [k, val] = part.split('=');
          if (k?.trim().toLowerCase() === nameAttr && val) roles.add(val.trim());
        }
      } else roles.add(v);
    }
    return [...roles];
  }
  if (nameAttr !== 'cn') return [];
  const seen = new Set<string>();
  if (mode === 'direct') {
    if (mapping?.toLowerCase() !== 'seealso') return [];
    const walk = (dns: string[], level: number) => {
      for (const dn of dns) {
        const g = groupByDn(d, dn);
        if (!g || seen.has(g)) continue;
        seen.add(g);
        roles.add(g);
        if (level < depth) walk(d.groups[g]!.roleDns, level + 1);
      }
    };
    walk(u.roleDns, 1);
    return [...roles];
  }
  // reverse: role objects whose member attribute names the member DN, within role-context.
  const filter = o['role-filter'] ?? `(${mapping ?? 'member'}={MEMBERDN})`;
  if (filter.toLowerCase() !== '(member={memberdn})') return [];
  const context = norm(o['role-context'] ?? '');
  const scope = o['role-search-scope'] ?? 'subtree';
  const inContext = (g: string) => {
    const dn = norm(groupDn(d, g));
    if (scope === 'object') return dn === context;
    if (scope === 'one-level') return dn.split(',').slice(1).join(',') === context;
    return dn === context || dn.endsWith(`,${context}`);
  };
  const walk = (member: string, level: number) => {
    for (const [g, def] of Object.entries(d.groups)) {
      if (seen.has(g) || !inContext(g) || !def.members.includes(member)) continue;
      seen.add(g);
      roles.add(g);
      if (level < depth) walk(g, level + 1);
    }
  };
  walk(uid, 1);
  return [...roles];
}

/** The user a login name finds through the admin connection's user-filter, if any. */
function findUser(d: DirectoryFacts, o: Record<string, string>, login: string): string | undefined {
  const filter = o['user-filter'] ?? '(uid={login})';
  const m = /^\(([A-Za-z]+)=\{login\}\)$/.exec(filter);
  if (!m) throw new Error(`oracle: user-filter ${filter} is not of the form (attr={login})`);
  const context = norm(o['user-context'] ?? '');
  if (context !== usersOu(d) && context !== norm(d.baseDn) && context !== '') return undefined;
  const hits = Object.entries(d.users).filter(([uid, u]) => attr(d, uid, u, m[1]!).includes(login));
  return hits.length === 1 ? hits[0]![0] : undefined;
}

function ldapVerdict(l: LdapRealmSetup, login: string, password: string | undefined, catalogue: Catalogue, preAuthenticated: boolean): RealmVerdict {
  const d = catalogue.directory;
  if (!d) throw new Error('oracle: ldap realms need matrices/realms-fixtures.yaml');
  const server = serving(l, catalogue);
  if (!server.ref) return { ok: false, because: cite(REALM_RULES.ldapFailover, server.note) };
  const o = l.options;
  let uid: string | undefined;
  let how: string;
  if (l.systemUser) {
    uid = findUser(d, o, login);
    if (!uid) return { ok: false, because: `${server.note}; ${cite(REALM_RULES.ldapAdmin, `no user matches ${login}`)}` };
    const u = d.users[uid]!;
    if (o['skip-authentication'] === 'true' || preAuthenticated) how = 'password not verified (skip-authentication)';
    else if (!password) return { ok: false, because: cite(REALM_RULES.ldapBind, 'empty password') };
    else if (o['password-attribute']) {
      if (!attr(d, uid, u, o['password-attribute']).includes(password)) return { ok: false, because: cite(REALM_RULES.ldapAdmin, `password differs from ${o['password-attribute']}`) };
      how = `password matches ${o['password-attribute']}`;
    } else {
      if (password !== u.password) return { ok: false, because: cite(REALM_RULES.ldapAdmin, 'bind as the user fails') };
      how = 'bind as the user succeeds';
    }
  } else {
    uid = Object.keys(d.users).find((id) => norm(userDn(d, id)) === norm(login));
    if (!password) return { ok: false, because: cite(REALM_RULES.ldapBind, 'empty password') };
    if (!uid) return { ok: false, because: cite(REALM_RULES.ldapBind, `${login} is not a user DN in the directory`) };
    if (password !== d.users[uid]!.password) return { ok: false, because: cite(REALM_RULES.ldapBind, 'wrong password') };
    how = 'bind as the user DN succeeds';
  }
  const identity = attr(d, uid, d.users[uid]!, o['user-name-attribute'] ?? 'uid')[0] ?? login;
  const roles = ldapRoles(d, uid, o);
  return { ok: true, subject: { identity, roles }, roles, because: `${server.note}; ${cite(l.systemUser ? REALM_RULES.ldapAdmin : REALM_RULES.ldapBind, how)}; ${cite(REALM_RULES.ldapIdentity, identity)}; ${cite(REALM_RULES.ldapRoles, `[${roles.join(',')}]`)}` };
}

/** Authentication against an ldap or kerberos client realm. */
export function authenticateRealm(auth: Exclude<MemberAuthentication, { kind: 'tls' }>, client: ClientSetup, catalogue: Catalogue): RealmVerdict {
  const c = client.credentials;
  if (auth.kind === 'ldap') {
    if (c.kind !== 'password') return { ok: false, because: cite(REALM_RULES.kindMismatch, `client sends ${c.kind} credentials`) };
    return ldapVerdict(auth, c.username, c.password, catalogue, false);
  }
  const k = catalogue.kerberos;
  if (!k) throw new Error('oracle: kerberos realms need matrices/realms-fixtures.yaml');
  if (c.kind !== 'kerberos') return { ok: false, because: cite(REALM_RULES.kindMismatch, `client sends ${c.kind} credentials`) };
  if (c.service === 'other') return { ok: false, because: cite(REALM_RULES.krbAccept, `ticket for ${k.otherServicePrincipal}, not the member's ${k.servicePrincipal}`) };
  if (c.ticket === 'expired') return { ok: false, because: cite(REALM_RULES.krbAccept, 'ticket used after its lifetime and the allowed clock skew') };
  if (c.ticket === 'replayed') return { ok: false, because: cite(REALM_RULES.krbAccept, 'the same token was already accepted') };
  const relaxed = auth.options['relax-flags-check'] === 'true';
  if (c.mutual && !relaxed) return { ok: false, because: cite(REALM_RULES.krbFlags, 'the token requires mutual authentication, relax-flags-check is false') };
  const name = `${c.principal}@${k.realm}`;
  const identity = auth.options['use-name-without-realm'] === 'true' ? c.principal : name;
  const own = auth.options['skip-role'] === 'true' ? [] : [identity];
  const because = `${c.mutual ? `${cite(REALM_RULES.krbFlags, 'mutual authentication required by the token, relaxed')}; ` : ''}${cite(REALM_RULES.krbName, identity)}`;
  const form = cite(REALM_RULES.krbForms, auth.form === 'security-realm' ? 'keys from the security-realm Krb5LoginModule realm' : 'keys from principal + keytab-file');
  if (!auth.ldap) return { ok: true, subject: { identity, roles: own }, roles: own, because: `${form}; ${cite(REALM_RULES.krbAccept, 'fresh token for the member')}; ${because}` };
  const mapped = ldapVerdict(auth.ldap, identity, undefined, catalogue, true);
  if (!mapped.ok) return { ok: false, because: `${because}; ${cite(REALM_RULES.krbLdap, mapped.because)}` };
  const roles = [...new Set([...own, ...mapped.roles])];
  return { ok: true, subject: { identity, roles }, roles, because: `${because}; ${cite(REALM_RULES.krbLdap, `roles [${mapped.roles.join(',')}]`)}` };
}
