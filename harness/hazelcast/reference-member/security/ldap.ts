// The ldap authentication type as the documents describe it (hazelcast-security-realms.txt,
// "LDAP Authentication Type"): password verified by a new bind, or through an admin connection
// (system-user-dn) by bind or by comparing password-attribute, or not at all
// (skip-authentication); roles by attribute / direct / reverse mapping with recursion; several
// space-separated URLs are tried in order (failover); ldaps trusts javax.net.ssl.trustStore.
import { Client, InvalidCredentialsError, type Entry } from 'ldapts';
import { readPkcs12TrustStore, readStoreFile } from '../tls/pkcs12.ts';
import { JVM, jvmSystemProperty } from './ldap-jvm-properties.ts';

export const LDAP_OPTIONS = [
  'url', 'socket-factory-class-name', 'parse-dn', 'role-context', 'role-filter', 'role-mapping-attribute', 'role-mapping-mode',
  'role-name-attribute', 'role-recursion-max-depth', 'role-search-scope', 'user-name-attribute', 'system-user-dn', 'system-user-password',
  'system-authentication', 'password-attribute', 'user-context', 'user-filter', 'user-search-scope', 'skip-authentication', 'security-realm',
  // ClusterLoginModule's common options.
  'skip-identity', 'skip-role', 'skip-endpoint',
] as const;

/** Why an ldap option map cannot be honoured, or undefined. */
export function ldapOptionsProblem(o: Record<string, string>): { option: string; why: string } | undefined {
  for (const k of Object.keys(o)) if (!(LDAP_OPTIONS as readonly string[]).includes(k)) return { option: k, why: `unknown ldap option (known: ${LDAP_OPTIONS.join(', ')})` };
  if (!o['url']?.trim()) return { option: 'url', why: 'an LDAP URL is required' };
  for (const u of o['url'].trim().split(/\s+/)) if (!/^ldaps?:\/\/[^/\s]+\/?$/.test(u)) return { option: 'url', why: `"${u}" is not an ldap:// or ldaps:// URL with host and port` };
  if (o['socket-factory-class-name'] !== undefined) return { option: 'socket-factory-class-name', why: 'custom socket factories are Java classes; ldaps trust comes from javax.net.ssl.trustStore' };
  if (o['security-realm'] !== undefined) return { option: 'security-realm', why: 'a JAAS realm for the admin connection needs Java login modules' };
  if (o['system-authentication'] !== undefined && o['system-authentication'] !== 'simple') return { option: 'system-authentication', why: 'only simple is supported (GSSAPI admin connections are not)' };
  const enums: [string, string[]][] = [
    ['role-mapping-mode', ['attribute', 'direct', 'reverse']],
    ['role-search-scope', ['subtree', 'one-level', 'object']],
    ['user-search-scope', ['subtree', 'one-level', 'object']],
    ['parse-dn', ['true', 'false']],
    ['skip-authentication', ['true', 'false']],
    ['skip-identity', ['true', 'false']],
    ['skip-role', ['true', 'false']],
    ['skip-endpoint', ['true', 'false']],
  ];
  for (const [k, values] of enums) if (o[k] !== undefined && !values.includes(o[k]!)) return { option: k, why: `expected one of ${values.join(', ')}, got "${o[k]}"` };
  const depth = o['role-recursion-max-depth'];
  if (depth !== undefined && !/^[1-9][0-9]*$/.test(depth)) return { option: 'role-recursion-max-depth', why: `expected a positive integer, got "${depth}"` };
  return undefined;
}

export interface LdapLogin {
  ok: boolean;
  identity?: string;
  roles?: string[];
  reason: string;
}

const SCOPES = { subtree: 'sub', 'one-level': 'one', object: 'base' } as const;
const CONNECT_TIMEOUT_MS = 2_000;
const OP_TIMEOUT_MS = 5_000;

/** (type, value) pairs of an RFC 4514 DN string (escaped ',', '+', '=' kept inside values). */
export function dnAttributes(dn: string): [string, string][] {
  const out: [string, string][] = [];
  let cur = '';
  const parts: string[] = [];
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i]!;
    if (ch === '\\' && i + 1 < dn.length) {
      cur += dn[++i];
      continue;
    }
    if (ch === ',' || ch === '+') {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  parts.push(cur);
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq > 0) out.push([p.slice(0, eq).trim(), p.slice(eq + 1).trim()]);
  }
  return out;
}

/** RFC 4515 escaping of a value put into a filter. */
function escapeFilter(v: string): string {
  return v.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function values(e: Entry | undefined, attr: string): string[] {
  if (!e) return [];
  const key = Object.keys(e).find((k) => k.toLowerCase() === attr.toLowerCase());
  const v = key ? e[key] : undefined;
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x)));
}

async function trustedCas(): Promise<string[] | undefined> {
  const path = jvmSystemProperty(JVM.trustStore);
  if (!path) return undefined;
  const store = await readPkcs12TrustStore(await readStoreFile(path, 'javax.net.ssl.trustStore'), jvmSystemProperty(JVM.trustStorePassword), path);
  return store.trusted;
}

class NoServer extends Error {}

/** A connection to the first URL that answers (JNDI's failover over the space-separated list). */
async function connect(urls: string[], log: string[]): Promise<{ client: Client; url: string }> {
  const ca = await trustedCas();
  const problems: string[] = [];
  for (const url of urls) {
    const client = new Client({
      url,
      timeout: OP_TIMEOUT_MS,
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Without javax.net.ssl.trustStore the JVM trusts its default CAs: Node's default store.
      ...(url.startsWith('ldaps:') ? { tlsOptions: { ...(ca ? { ca } : {}), rejectUnauthorized: true } } : {}),
    });
    try {
      // An anonymous no-op to open the connection now; the binds below reuse it.
      await client.search('', { scope: 'base', filter: '(objectClass=*)', attributes: ['1.1'] });
      return { client, url };
    } catch (err) {
      await client.unbind().catch(() => undefined);
      problems.push(`${url}: ${(err as Error).message}`);
    }
  }
  log.push(...problems);
  throw new NoServer(`no LDAP server answered (${problems.join('; ')})`);
}

async function readEntry(c: Client, dn: string): Promise<Entry | undefined> {
  try {
    const r = await c.search(dn, { scope: 'base', filter: '(objectClass=*)' });
    return r.searchEntries[0];
  } catch {
    return undefined;
  }
}

async function mapRoles(o: Record<string, string>, c: Client, user: Entry): Promise<string[]> {
  const mode = o['role-mapping-mode'] ?? 'attribute';
  const mappingAttr = o['role-mapping-attribute'];
  const nameAttr = o['role-name-attribute'];
  const maxDepth = Number(o['role-recursion-max-depth'] ?? '1');
  const roles = new Set<string>();
  if (mode === 'attribute') {
    if (!mappingAttr) return [];
    for (const v of values(user, mappingAttr)) {
      if (o['parse-dn'] === 'true' && nameAttr) {
        for (const [type, value] of dnAttributes(v)) if (type.toLowerCase() === nameAttr.toLowerCase()) roles.add(value);
      } else roles.add(v);
    }
    return [...roles];
  }
  const seen = new Set<string>();
  if (mode === 'direct') {
    if (!mappingAttr) return [];
    const walk = async (dns: string[], depth: number): Promise<void> => {
      for (const dn of dns) {
        if (seen.has(dn.toLowerCase())) continue;
        seen.add(dn.toLowerCase());
        const role = await readEntry(c, dn);
        if (!role) continue;
        for (const n of values(role, nameAttr ?? 'cn')) roles.add(n);
        if (depth < maxDepth) await walk(values(role, mappingAttr), depth + 1);
      }
    };
    await walk(values(user, mappingAttr), 1);
    return [...roles];
  }
  // reverse
  const filter = o['role-filter'] ?? `(${mappingAttr ?? 'member'}={MEMBERDN})`;
  const context = o['role-context'] ?? '';
  const scope = SCOPES[(o['role-search-scope'] ?? 'subtree') as keyof typeof SCOPES];
  const walk = async (memberDn: string, depth: number): Promise<void> => {
    const r = await c.search(context, { scope, filter: filter.replaceAll('{MEMBERDN}', escapeFilter(memberDn)) });
    for (const e of r.searchEntries) {
      if (seen.has(e.dn.toLowerCase())) continue;
      seen.add(e.dn.toLowerCase());
      for (const n of values(e, nameAttr ?? 'cn')) roles.add(n);
      if (depth < maxDepth) await walk(e.dn, depth + 1);
    }
  };
  await walk(user.dn, 1);
  return [...roles];
}

/**
 * Login with name and password against the options (url holds the space-separated URLs).
 * `preAuthenticated`: Kerberos already verified `login`, only look the user up (skip-authentication).
 */
export async function ldapLogin(o: Record<string, string>, login: string, password: string | null): Promise<LdapLogin> {
  const urls = o['url']!.trim().split(/\s+/);
  const log: string[] = [];
  const adminDn = o['system-user-dn'];
  const skipAuth = o['skip-authentication'] === 'true' && adminDn !== undefined;
  let conn: { client: Client; url: string };
  try {
    conn = await connect(urls, log);
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  const { client, url } = conn;
  try {
    let user: Entry | undefined;
    if (adminDn !== undefined) {
      // Admin connection: find the user by filter, then verify the password (or not).
      try {
        await client.bind(adminDn, o['system-user-password'] ?? '');
      } catch (err) {
        return { ok: false, reason: `${url}: the admin connection (system-user-dn) failed: ${(err as Error).message}` };
      }
      const filter = (o['user-filter'] ?? '(uid={login})').replaceAll('{login}', escapeFilter(login));
      const scope = SCOPES[(o['user-search-scope'] ?? 'subtree') as keyof typeof SCOPES];
      const found = await client.search(o['user-context'] ?? '', { scope, filter });
      if (found.searchEntries.length !== 1) return { ok: false, reason: `${url}: user filter ${filter} found ${found.searchEntries.length} entries` };
      user = found.searchEntries[0]!;
      if (!skipAuth) {
        if (!password) return { ok: false, reason: 'empty password' };
        const pwAttr = o['password-attribute'];
        if (pwAttr) {
          if (!values(user, pwAttr).includes(password)) return { ok: false, reason: `${url}: password does not match attribute ${pwAttr} of ${user.dn}` };
        } else {
          const check = new Client({ url, timeout: OP_TIMEOUT_MS, connectTimeout: CONNECT_TIMEOUT_MS, ...(url.startsWith('ldaps:') ? { tlsOptions: { ca: await trustedCas() } } : {}) });
          try {
            await check.bind(user.dn, password);
          } catch (err) {
            return { ok: false, reason: `${url}: bind as ${user.dn} failed: ${err instanceof InvalidCredentialsError ? 'invalid credentials' : (err as Error).message}` };
          } finally {
            await check.unbind().catch(() => undefined);
          }
        }
      }
    } else {
      // No admin connection: the login name is the user's DN, verified by binding as it. An
      // empty password would be an unauthenticated bind (RFC 4513 §5.1.2), never a login.
      if (!password) return { ok: false, reason: 'empty password: an unauthenticated bind proves nothing' };
      try {
        await client.bind(login, password);
      } catch (err) {
        return { ok: false, reason: `${url}: bind as ${login} failed: ${err instanceof InvalidCredentialsError ? 'invalid credentials' : (err as Error).message}` };
      }
      user = await readEntry(client, login);
      if (!user) return { ok: false, reason: `${url}: cannot read the entry ${login} after binding` };
    }
    const identity = values(user, o['user-name-attribute'] ?? 'uid')[0] ?? login;
    const roles = await mapRoles(o, client, user);
    return { ok: true, identity, roles, reason: `${url}: ${skipAuth ? 'password not verified (skip-authentication)' : 'password verified'}; user ${user.dn}, roles [${roles.join(',')}]` };
  } catch (err) {
    return { ok: false, reason: `${url}: ${(err as Error).message}` };
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
