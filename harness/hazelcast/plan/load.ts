// Reads and validates the matrix data (matrices/*.yaml). Every problem is a MatrixError naming the
// file, the path inside it and why: the data is edited by people, so errors must point at the line
// of thought, not at a stack trace.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { Severity, TlsVersion } from '../../core/plan/cell.ts';
import type { AreaMatrix, RequirementSpec } from '../../core/plan/requirement.ts';
import { HAZELCAST_AREAS as AREAS, HAZELCAST_ID_PREFIX, type HazelcastArea as Area } from '../model.ts';

export type { AreaMatrix, RequirementSpec } from '../../core/plan/requirement.ts';
import type { Catalogue, CertificateFacts, CipherSuite } from './catalogue.ts';
import { coordinateProblem } from './coordinates.ts';
import { MatrixError } from '../../core/plan/matrix-error.ts';
import { REPO_ROOT } from '../../core/util/repo-root.ts';
import { loadRealmsFixtures, REALMS_FIXTURES_FILE } from './realms-fixtures.ts';
import { loadPermissionCatalogue, PERMISSION_CATALOGUE_FILE } from './permission-catalogue.ts';

export const DEFAULT_MATRICES_DIR = join(REPO_ROOT, 'matrices', 'hazelcast');

const SEVERITIES: readonly Severity[] = ['blocker', 'critical', 'normal', 'minor', 'trivial'];
const TLS_VERSIONS: readonly TlsVersion[] = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
// Several prefixes of one area are separated by '|' (realms: LDAP and Kerberos requirements).
const HZ = HAZELCAST_ID_PREFIX;
const ID_PREFIX: Record<Area, string> = { tls: `${HZ}TLS-`, 'mutual-auth': `${HZ}MTLS-`, credentials: `${HZ}AUTH-`, permissions: `${HZ}PERM-`, realms: `${HZ}LDAP-|${HZ}KRB-` };

export interface LoadedMatrices {
  dir: string;
  catalogue: Catalogue;
  areas: AreaMatrix[];
  /** Parsed content of every file, by file name: the input of matrixFingerprint. */
  raw: Record<string, unknown>;
}

/** A cursor into parsed YAML that knows where it is, for error messages. */
class At {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly value: unknown,
  ) {}
  fail(why: string): never {
    throw new MatrixError(this.file, this.path, why);
  }
  key(k: string): At {
    const obj = this.object();
    return new At(this.file, this.path ? `${this.path}.${k}` : k, obj[k]);
  }
  index(i: number): At {
    return new At(this.file, `${this.path}[${i}]`, this.array()[i]);
  }
  has(k: string): boolean {
    return this.object()[k] !== undefined;
  }
  object(): Record<string, unknown> {
    if (this.value === null || typeof this.value !== 'object' || Array.isArray(this.value)) this.fail(`expected a mapping, got ${describe(this.value)}`);
    return this.value as Record<string, unknown>;
  }
  array(): unknown[] {
    if (!Array.isArray(this.value)) this.fail(`expected a list, got ${describe(this.value)}`);
    return this.value;
  }
  string(): string {
    if (typeof this.value !== 'string' || this.value.length === 0) this.fail(`expected a non-empty string, got ${describe(this.value)}`);
    return this.value;
  }
  oneOf<T extends string>(values: readonly T[]): T {
    const s = this.string();
    if (!values.includes(s as T)) this.fail(`"${s}" is not one of: ${values.join(', ')}`);
    return s as T;
  }
  strings(): string[] {
    return this.array().map((_, i) => this.index(i).string());
  }
  entries(): [string, At][] {
    return Object.keys(this.object()).map((k) => [k, this.key(k)]);
  }
  allowOnly(keys: readonly string[]): void {
    for (const k of Object.keys(this.object())) {
      if (!keys.includes(k)) this.fail(`unknown key "${k}" (allowed: ${keys.join(', ')})`);
    }
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;
}

function readYaml(dir: string, name: string): At {
  const file = join(dir, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new MatrixError(file, '', `cannot read: ${(err as Error).message}`);
  }
  try {
    return new At(file, '', parseYaml(text));
  } catch (err) {
    if (err instanceof YAMLParseError) throw new MatrixError(file, '', `not valid YAML: ${err.message}`);
    throw err;
  }
}

function loadCatalogue(dir: string, raw: Record<string, unknown>): Catalogue {
  const defaults = readYaml(dir, 'defaults.yaml');
  const ciphers = readYaml(dir, 'ciphers.yaml');
  const pki = readYaml(dir, 'pki.yaml');
  raw['defaults.yaml'] = defaults.value;
  raw['ciphers.yaml'] = ciphers.value;
  raw['pki.yaml'] = pki.value;

  const suites: CipherSuite[] = ciphers.key('suites').array().map((_, i) => {
    const s = ciphers.key('suites').index(i);
    s.allowOnly(['openssl', 'iana', 'keyType', 'version']);
    return {
      openssl: s.key('openssl').string(),
      iana: s.key('iana').string(),
      keyType: s.key('keyType').oneOf(['RSA', 'EC', 'any'] as const),
      version: s.key('version').oneOf(TLS_VERSIONS),
    };
  });
  const cipherLists: Record<string, string[]> = {};
  for (const [name, list] of ciphers.key('lists').entries()) {
    cipherLists[name] = list.strings().map((suite, i) => {
      if (!suites.some((s) => s.openssl === suite)) list.index(i).fail(`"${suite}" is not in the suites catalogue`);
      return suite;
    });
  }

  const certificates: Record<string, CertificateFacts> = {};
  const authorities: Record<string, { issuer: string }> = {};
  for (const [id, a] of pki.key('authorities').entries()) authorities[id] = { issuer: a.key('issuer').string() };
  for (const [id, c] of pki.key('certificates').entries()) {
    c.allowOnly(['keyType', 'issuer', 'validity', 'eku', 'keyUsage', 'san', 'cn', 'subject', 'ca', 'presentedChain']);
    const issuer = c.key('issuer').string();
    if (issuer !== 'self' && !authorities[issuer]) c.key('issuer').fail(`"${issuer}" is not an authority`);
    const ca = c.key('ca').value;
    if (typeof ca !== 'boolean') return c.key('ca').fail('expected true or false');
    certificates[id] = {
      keyType: c.key('keyType').oneOf(['RSA', 'EC'] as const),
      issuer,
      validity: c.key('validity').oneOf(['current', 'expired', 'future'] as const),
      eku: c.key('eku').array().length === 0 ? [] : c.key('eku').strings(),
      ...(c.has('keyUsage') ? { keyUsage: c.key('keyUsage').strings() } : {}),
      san: !c.has('san') || c.key('san').array().length === 0 ? [] : c.key('san').strings(),
      ...(c.has('cn') ? { cn: c.key('cn').string() } : {}),
      ...(c.has('subject') ? { subject: c.key('subject').string() } : {}),
      ca,
      presentedChain: c.key('presentedChain').strings(),
    };
  }
  const trust: Record<string, string[]> = {};
  for (const [name, t] of pki.key('trust').entries()) {
    trust[name] = t.array().length === 0 ? [] : t.strings();
    for (const [i, anchor] of trust[name]!.entries()) if (!authorities[anchor]) t.index(i).fail(`"${anchor}" is not an authority`);
  }

  const runtimes = defaults.key('runtimes');
  const member = runtimes.key('member');
  const client = runtimes.key('client');
  const versions = (at: At) => at.array().map((_, i) => at.index(i).oneOf(TLS_VERSIONS));

  const catalogue: Catalogue = {
    coordinateDefaults: {},
    runtimes: {
      member: { description: member.key('description').string(), disabled: versions(member.key('disabled')), protocolTlsEnables: versions(member.key('protocolTlsEnables')) },
      client: { description: client.key('description').string(), defaultVersions: versions(client.key('defaultVersions')), unavailable: versions(client.key('unavailable')) },
    },
    realms: {},
    clientIdentities: {},
    permissionSets: {},
    suites,
    cipherLists,
    pki: { authorities, certificates, trust },
  };

  for (const [name, r] of defaults.key('realms').entries()) {
    r.allowOnly(['identity', 'authentication']);
    catalogue.realms[name] = {};
    if (r.has('identity')) {
      const id = r.key('identity');
      const kind = id.key('kind').oneOf(['username-password', 'token'] as const);
      catalogue.realms[name]!.identity =
        kind === 'username-password'
          ? { kind, username: id.key('username').string(), password: id.key('password').string() }
          : { kind, encoding: id.key('encoding').oneOf(['none', 'base64'] as const), token: id.key('token').string() };
    }
    if (r.has('authentication')) {
      const au = r.key('authentication');
      au.key('kind').oneOf(['tls'] as const);
      catalogue.realms[name]!.authentication = au.has('roleAttribute') ? { kind: 'tls', roleAttribute: au.key('roleAttribute').string() } : { kind: 'tls' };
    }
    if (!r.has('identity') && !r.has('authentication')) r.fail('a realm needs an identity or an authentication');
  }
  for (const [name, c] of defaults.key('clientIdentities').entries()) {
    const kind = c.key('kind').oneOf(['none', 'password', 'token'] as const);
    catalogue.clientIdentities[name] =
      kind === 'none'
        ? { kind }
        : kind === 'password'
          ? { kind, username: c.key('username').string(), password: c.key('password').string() }
          : { kind, encoding: c.key('encoding').oneOf(['none', 'base64'] as const), token: c.key('token').string() };
  }
  for (const [name, set] of defaults.key('permissionSets').entries()) {
    catalogue.permissionSets[name] = set.array().map((_, i) => {
      const p = set.index(i);
      p.allowOnly(['element', 'name', 'principal', 'actions']);
      return { ...(p.has('element') ? { element: p.key('element').string() } : {}), name: p.key('name').string(), ...(p.has('principal') ? { principal: p.key('principal').string() } : {}), actions: p.key('actions').strings() };
    });
  }
  // The realms area's world (directory, KDC) and its ldap / kerberos realms and identities.
  loadRealmsFixtures(dir, catalogue, raw);
  // The permissions area's operations, permission types and policies.
  loadPermissionCatalogue(dir, catalogue, raw);
  // Coordinate defaults last: their values are checked against the tables above.
  for (const [key, v] of defaults.key('coordinates').entries()) {
    const problem = coordinateProblem(catalogue, key, v.value);
    if (problem) v.fail(problem);
    catalogue.coordinateDefaults[key] = v.value as string;
  }
  return catalogue;
}

function coordinateMap(catalogue: Catalogue, at: At): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of at.entries()) {
    const problem = coordinateProblem(catalogue, key, v.value);
    if (problem) v.fail(problem);
    out[key] = v.value as string;
  }
  return out;
}

function loadArea(catalogue: Catalogue, at: At): AreaMatrix {
  at.allowOnly(['area', 'requirements']);
  const area = at.key('area').oneOf(AREAS);
  const prefix = ID_PREFIX[area];
  const requirements = at.key('requirements').array().map((_, i): RequirementSpec => {
    const r = at.key('requirements').index(i);
    r.allowOnly(['id', 'title', 'source', 'severity', 'name', 'fixed', 'cases', 'vary']);
    const id = r.key('id').string();
    if (!prefix.split('|').some((p) => id.startsWith(p))) r.key('id').fail(`requirement ids of area ${area} start with ${prefix.split('|').join(' or ')}`);
    const source = r.key('source');
    source.allowOnly(['document', 'section']);
    const fixed = r.has('fixed') ? coordinateMap(catalogue, r.key('fixed')) : {};
    const cases = r.has('cases') ? r.key('cases').array().map((_, j) => coordinateMap(catalogue, r.key('cases').index(j))) : [];
    const vary: [string, string[]][] = r.has('vary')
      ? r.key('vary').entries().map(([key, values]) => {
          const list = values.array();
          if (list.length === 0) values.fail('a varied coordinate needs at least one value');
          return [key, list.map((v, j) => {
            const problem = coordinateProblem(catalogue, key, v);
            if (problem) values.index(j).fail(problem);
            return v as string;
          })];
        })
      : [];
    if (!r.has('cases') && !r.has('vary')) r.fail('a requirement needs `cases`, `vary` or both');
    const name = r.key('name').string();
    for (const m of name.matchAll(/\{([^}]+)\}/g)) {
      if (coordinateProblem(catalogue, m[1]!, 'x')?.startsWith('unknown coordinate')) r.key('name').fail(`template names unknown coordinate {${m[1]}}`);
    }
    return {
      id,
      title: r.key('title').string(),
      source: { document: source.key('document').string(), section: source.key('section').string() },
      severity: r.key('severity').oneOf(SEVERITIES),
      name,
      fixed,
      cases,
      vary,
      file: at.file,
      path: r.path,
    };
  });
  const seen = new Map<string, string>();
  for (const r of requirements) {
    if (seen.has(r.id)) throw new MatrixError(at.file, r.path, `requirement id ${r.id} already used at ${seen.get(r.id)}`);
    seen.set(r.id, r.path);
  }
  return { area, file: at.file, requirements };
}

/** Files of the matrices directory that hold areas (everything but the shared catalogue files). */
const CATALOGUE_FILES = new Set(['defaults.yaml', 'ciphers.yaml', 'pki.yaml', REALMS_FIXTURES_FILE, PERMISSION_CATALOGUE_FILE]);

export function loadMatrices(dir: string = DEFAULT_MATRICES_DIR): LoadedMatrices {
  const raw: Record<string, unknown> = {};
  const catalogue = loadCatalogue(dir, raw);
  const areaFiles = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && !CATALOGUE_FILES.has(f))
    .sort();
  const areas = areaFiles.map((f) => {
    const at = readYaml(dir, f);
    raw[basename(f)] = at.value;
    return loadArea(catalogue, at);
  });
  // Areas in their canonical order (tls, mutual-auth, credentials), whatever the file names.
  const order = AREAS as readonly string[];
  areas.sort((a, b) => order.indexOf(a.area) - order.indexOf(b.area));
  const byArea = new Map<string, string>();
  for (const a of areas) {
    if (byArea.has(a.area)) throw new MatrixError(a.file, 'area', `area ${a.area} is also declared in ${byArea.get(a.area)}`);
    byArea.set(a.area, a.file);
  }
  return { dir, catalogue, areas, raw };
}
