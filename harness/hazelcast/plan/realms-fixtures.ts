// Reads matrices/realms-fixtures.yaml: the realms area's world (LDAP directory, KDC principals)
// and the ldap / kerberos realms and client identities the cells refer to. Kept apart from
// load.ts so the realms vocabulary grows without touching the other areas' loader.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Catalogue, DirectoryFacts, KerberosFacts } from './catalogue.ts';
import type { ClientCredentials } from '../../core/plan/cell.ts';
import type { LdapRealmSetup, MemberAuthentication } from '../model.ts';
import { MatrixError } from '../../core/plan/matrix-error.ts';

export const REALMS_FIXTURES_FILE = 'realms-fixtures.yaml';

type Obj = Record<string, unknown>;

export const LDAP_SERVER_REFS = ['primary', 'primary-ldaps', 'secondary', 'secondary-ldaps-untrusted', 'tertiary-ldaps-wrong-host', 'down', 'down-2'] as const;
export type LdapServerRef = (typeof LDAP_SERVER_REFS)[number];

class Reader {
  constructor(readonly file: string) {}
  fail(path: string, why: string): never {
    throw new MatrixError(this.file, path, why);
  }
  obj(v: unknown, path: string): Obj {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(path, 'expected a mapping');
    return v as Obj;
  }
  str(v: unknown, path: string, allowEmpty = false): string {
    if (typeof v !== 'string' || (!allowEmpty && v.length === 0)) this.fail(path, `expected a ${allowEmpty ? '' : 'non-empty '}string`);
    return v;
  }
  strs(v: unknown, path: string): string[] {
    if (!Array.isArray(v)) this.fail(path, 'expected a list');
    return v.map((x, i) => this.str(x, `${path}[${i}]`));
  }
  only(o: Obj, path: string, keys: string[]): void {
    for (const k of Object.keys(o)) if (!keys.includes(k)) this.fail(path, `unknown key "${k}" (allowed: ${keys.join(', ')})`);
  }
  options(v: unknown, path: string): Record<string, string> {
    const o = this.obj(v ?? {}, path);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, this.str(x, `${path}.${k}`)]));
  }
  ldap(v: unknown, path: string): LdapRealmSetup {
    const o = this.obj(v, path);
    this.only(o, path, ['kind', 'servers', 'systemUser', 'options', 'jvmTrustStore']);
    const servers = this.strs(o['servers'], `${path}.servers`);
    servers.forEach((s, i) => {
      if (!(LDAP_SERVER_REFS as readonly string[]).includes(s)) this.fail(`${path}.servers[${i}]`, `"${s}" is not an LDAP service (one of: ${LDAP_SERVER_REFS.join(', ')})`);
    });
    const out: LdapRealmSetup = { servers, options: this.options(o['options'], `${path}.options`) };
    if (o['systemUser'] !== undefined) {
      if (typeof o['systemUser'] !== 'boolean') this.fail(`${path}.systemUser`, 'expected true or false');
      out.systemUser = o['systemUser'];
    }
    if ('url' in out.options) this.fail(`${path}.options.url`, 'give servers, not url: the run provisions the servers and renders their URLs');
    // ldaps needs the member's JVM to trust the server: root-ca, the run's trusted CA.
    out.jvmTrustStore = o['jvmTrustStore'] !== undefined ? this.str(o['jvmTrustStore'], `${path}.jvmTrustStore`) : 'root-ca';
    return out;
  }
}

function directoryOf(r: Reader, v: unknown): DirectoryFacts {
  const o = r.obj(v, 'directory');
  const admin = r.obj(o['admin'], 'directory.admin');
  const users: DirectoryFacts['users'] = {};
  for (const [id, u] of Object.entries(r.obj(o['users'], 'directory.users'))) {
    const p = `directory.users.${id}`;
    const uo = r.obj(u, p);
    r.only(uo, p, ['password', 'altPassword', 'roles', 'roleDns', 'mail']);
    users[id] = {
      password: r.str(uo['password'], `${p}.password`),
      roles: r.strs(uo['roles'] ?? [], `${p}.roles`),
      roleDns: r.strs(uo['roleDns'] ?? [], `${p}.roleDns`),
      ...(uo['altPassword'] !== undefined ? { altPassword: r.str(uo['altPassword'], `${p}.altPassword`) } : {}),
      ...(uo['mail'] !== undefined ? { mail: r.str(uo['mail'], `${p}.mail`) } : {}),
    };
  }
  const groups: DirectoryFacts['groups'] = {};
  for (const [id, g] of Object.entries(r.obj(o['groups'], 'directory.groups'))) {
    const p = `directory.groups.${id}`;
    const go = r.obj(g, p);
    groups[id] = { members: r.strs(go['members'], `${p}.members`), roleDns: r.strs(go['roleDns'] ?? [], `${p}.roleDns`) };
    for (const m of groups[id]!.members) if (!(m in users) && !(m in (r.obj(o['groups'], 'directory.groups')))) r.fail(`${p}.members`, `"${m}" is neither a user nor a group`);
  }
  return { baseDn: r.str(o['baseDn'], 'directory.baseDn'), admin: { dn: r.str(admin['dn'], 'directory.admin.dn'), password: r.str(admin['password'], 'directory.admin.password') }, users, groups };
}

function kerberosOf(r: Reader, v: unknown): KerberosFacts {
  const o = r.obj(v, 'kerberos');
  const clients: KerberosFacts['clients'] = {};
  for (const [name, c] of Object.entries(r.obj(o['clients'], 'kerberos.clients'))) {
    const co = r.obj(c, `kerberos.clients.${name}`);
    const max = co['maxLifeSeconds'];
    if (max !== undefined && (typeof max !== 'number' || max <= 0)) r.fail(`kerberos.clients.${name}.maxLifeSeconds`, 'expected a positive number');
    clients[name] = { password: r.str(co['password'], `kerberos.clients.${name}.password`), ...(max !== undefined ? { maxLifeSeconds: max as number } : {}) };
  }
  const skew = o['clockSkewSeconds'];
  if (typeof skew !== 'number' || skew <= 0) r.fail('kerberos.clockSkewSeconds', 'expected a positive number');
  return {
    realm: r.str(o['realm'], 'kerberos.realm'),
    servicePrincipal: r.str(o['servicePrincipal'], 'kerberos.servicePrincipal'),
    otherServicePrincipal: r.str(o['otherServicePrincipal'], 'kerberos.otherServicePrincipal'),
    clients,
    clockSkewSeconds: skew,
  };
}

function authenticationOf(r: Reader, v: unknown, path: string): MemberAuthentication {
  const o = r.obj(v, path);
  const kind = o['kind'];
  if (kind === 'ldap') return { kind: 'ldap', ...r.ldap(o, path) };
  if (kind === 'kerberos') {
    r.only(o, path, ['kind', 'options', 'ldap', 'form']);
    const options = r.options(o['options'], `${path}.options`);
    for (const k of ['principal', 'keytab-file', 'security-realm']) if (k in options) r.fail(`${path}.options.${k}`, 'the run renders the KDC\'s service principal and keytab (choose the form with `form`)');
    let form: 'simplified' | 'security-realm' | undefined;
    if (o['form'] !== undefined) {
      const f = r.str(o['form'], `${path}.form`);
      if (f !== 'simplified' && f !== 'security-realm') r.fail(`${path}.form`, `"${f}" is not one of: simplified, security-realm`);
      form = f;
    }
    return { kind: 'kerberos', options, ...(o['ldap'] !== undefined ? { ldap: r.ldap(o['ldap'], `${path}.ldap`) } : {}), ...(form ? { form } : {}) };
  }
  return r.fail(`${path}.kind`, `expected ldap or kerberos, got ${JSON.stringify(kind)}`);
}

function identityOf(r: Reader, v: unknown, path: string): ClientCredentials {
  const o = r.obj(v, path);
  if (o['kind'] === 'password') {
    r.only(o, path, ['kind', 'username', 'password']);
    return { kind: 'password', username: r.str(o['username'], `${path}.username`), password: r.str(o['password'], `${path}.password`, true) };
  }
  if (o['kind'] === 'kerberos') {
    r.only(o, path, ['kind', 'principal', 'login', 'password', 'service', 'ticket', 'kdc', 'mutual']);
    const pick = <T extends string>(k: string, values: readonly T[]): T | undefined => {
      if (o[k] === undefined) return undefined;
      const s = r.str(o[k], `${path}.${k}`);
      if (!values.includes(s as T)) r.fail(`${path}.${k}`, `"${s}" is not one of: ${values.join(', ')}`);
      return s as T;
    };
    const login = pick('login', ['password', 'keytab'] as const) ?? r.fail(`${path}.login`, 'expected password or keytab');
    const out: ClientCredentials = { kind: 'kerberos', principal: r.str(o['principal'], `${path}.principal`), login };
    if (login === 'password') out.password = r.str(o['password'], `${path}.password`);
    const service = pick('service', ['member', 'other'] as const);
    const ticket = pick('ticket', ['fresh', 'expired', 'replayed'] as const);
    const kdc = pick('kdc', ['up', 'down'] as const);
    if (service) out.service = service;
    if (ticket) out.ticket = ticket;
    if (kdc) out.kdc = kdc;
    if (o['mutual'] !== undefined) {
      if (typeof o['mutual'] !== 'boolean') r.fail(`${path}.mutual`, 'expected true or false');
      out.mutual = o['mutual'];
    }
    return out;
  }
  return r.fail(`${path}.kind`, 'expected password or kerberos');
}

/** Adds the file's facts, realms and identities to the catalogue (nothing when the file is absent). */
export function loadRealmsFixtures(dir: string, catalogue: Catalogue, raw: Record<string, unknown>): void {
  const file = join(dir, REALMS_FIXTURES_FILE);
  if (!existsSync(file)) return;
  const r = new Reader(file);
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    r.fail('', `not valid YAML: ${(err as Error).message}`);
  }
  raw[REALMS_FIXTURES_FILE] = doc;
  const o = r.obj(doc, '');
  r.only(o, '', ['directory', 'kerberos', 'realms', 'clientIdentities', 'permissionSets']);
  catalogue.directory = directoryOf(r, o['directory']);
  catalogue.kerberos = kerberosOf(r, o['kerberos']);
  for (const [name, realm] of Object.entries(r.obj(o['realms'], 'realms'))) {
    if (name in catalogue.realms) r.fail(`realms.${name}`, 'realm name already defined in defaults.yaml');
    const ro = r.obj(realm, `realms.${name}`);
    r.only(ro, `realms.${name}`, ['authentication']);
    catalogue.realms[name] = { authentication: authenticationOf(r, ro['authentication'], `realms.${name}.authentication`) };
  }
  for (const [name, set] of Object.entries(r.obj(o['permissionSets'] ?? {}, 'permissionSets'))) {
    if (name in catalogue.permissionSets) r.fail(`permissionSets.${name}`, 'permission set name already defined in defaults.yaml');
    if (!Array.isArray(set)) r.fail(`permissionSets.${name}`, 'expected a list');
    catalogue.permissionSets[name] = (set as unknown[]).map((p: unknown, i: number) => {
      const path = `permissionSets.${name}[${i}]`;
      const po = r.obj(p, path);
      r.only(po, path, ['name', 'principal', 'actions']);
      return { name: r.str(po['name'], `${path}.name`), ...(po['principal'] !== undefined ? { principal: r.str(po['principal'], `${path}.principal`) } : {}), actions: r.strs(po['actions'], `${path}.actions`) };
    });
  }
  for (const [name, id] of Object.entries(r.obj(o['clientIdentities'], 'clientIdentities'))) {
    if (name in catalogue.clientIdentities) r.fail(`clientIdentities.${name}`, 'identity name already defined in defaults.yaml');
    catalogue.clientIdentities[name] = identityOf(r, id, `clientIdentities.${name}`);
  }
}
