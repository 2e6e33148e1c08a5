// Loads matrices/cql/*.yaml and expands them into cells, one per client under test, each with the
// oracle's expectation. Errors name the file and the path inside it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AUTHENTICATORS, AUTHORIZERS, STORE_FORMATS, type CqlClientSetup, type CqlClientTls, type CqlServerSetup } from '../model.ts';
import {
  authOutcome,
  CLIENT_PROFILES,
  configurationRejected,
  cqlResource,
  grantOutcome,
  kindOf,
  statement,
  statementOutcome,
  SUPERUSER_REFUSED,
  tlsOutcome,
  versionsBetween,
  APPLICABLE,
  chain,
  PERMISSIONS,
  type CqlOutcome,
  type Grant,
  type Permission,
  type ServerTlsFacts,
  type ClientTlsFacts,
  type ClientProfile,
} from '../oracle/index.ts';
import type { CqlArea, CqlCell } from './cell.ts';
import { certFacts } from './cert-facts.ts';
import { IDENTITIES, ROLES } from './fixtures.ts';
import { REPO_ROOT } from '../../core/util/repo-root.ts';

/** matrices/cql, or SECMATRIX_CQL_MATRICES (the project's own tests use a small fixture set). */
export const CQL_MATRIX_DIR = process.env['SECMATRIX_CQL_MATRICES'] ?? join(REPO_ROOT, 'matrices/cql');

export class CqlMatrixError extends Error {
  override name = 'CqlMatrixError';
  constructor(file: string, path: string, message: string) {
    super(`${file}: ${path}: ${message}`);
  }
}

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function read(file: string): Raw {
  const path = join(CQL_MATRIX_DIR, file);
  const doc = parse(readFileSync(path, 'utf8')) as unknown;
  if (!isObj(doc)) throw new CqlMatrixError(file, '$', 'must be a mapping');
  return doc;
}

export function loadServers(): Record<string, CqlServerSetup & { description: string }> {
  const file = 'servers.yaml';
  const doc = read(file);
  const out: Record<string, CqlServerSetup & { description: string }> = {};
  for (const [key, raw] of Object.entries(doc)) {
    if (!isObj(raw)) throw new CqlMatrixError(file, key, 'must be a mapping');
    const a = raw['authenticator'];
    const z = raw['authorizer'];
    if (!AUTHENTICATORS.includes(a as never))
      throw new CqlMatrixError(file, `${key}.authenticator`, `unknown ${String(a)} (known: ${AUTHENTICATORS.join(', ')})`);
    if (!AUTHORIZERS.includes(z as never)) throw new CqlMatrixError(file, `${key}.authorizer`, `unknown ${String(z)}`);
    const t = raw['tls'];
    if (t !== null && !isObj(t)) throw new CqlMatrixError(file, `${key}.tls`, 'must be null or a mapping');
    if (t && !STORE_FORMATS.includes(t['storeFormat'] as never)) throw new CqlMatrixError(file, `${key}.tls.storeFormat`, `one of ${STORE_FORMATS.join(', ')}`);
    if (t && typeof t['serverCert'] !== 'string') throw new CqlMatrixError(file, `${key}.tls.serverCert`, 'a PKI id is needed');
    out[key] = {
      description: String(raw['description'] ?? key),
      tls: (t as unknown as CqlServerSetup['tls']) ?? null,
      authenticator: a as CqlServerSetup['authenticator'],
      authorizer: z as CqlServerSetup['authorizer'],
    };
  }
  return out;
}

function clientSetup(file: string, path: string, raw: unknown): { setup: CqlClientSetup; legacy: boolean } {
  if (!isObj(raw)) throw new CqlMatrixError(file, path, 'must be a mapping');
  for (const k of Object.keys(raw))
    if (!['tls', 'credentials', 'host', 'legacy', 'sasl'].includes(k)) throw new CqlMatrixError(file, `${path}.${k}`, 'unknown field');
  const t = raw['tls'];
  let tls: CqlClientTls | null = null;
  if (t !== undefined && t !== null) {
    if (!isObj(t)) throw new CqlMatrixError(file, `${path}.tls`, 'must be a mapping or null');
    const allowed = ['ca', 'verifyPeer', 'verifyHostname', 'serverHostname', 'cert', 'keyPassword', 'minVersion', 'maxVersion', 'cipherSuites'];
    for (const k of Object.keys(t))
      if (!allowed.includes(k)) throw new CqlMatrixError(file, `${path}.tls.${k}`, `unknown field (known: ${allowed.join(', ')})`);
    tls = { verifyPeer: (t['verifyPeer'] as boolean | undefined) ?? null, ...(t as Partial<CqlClientTls>) };
    tls.verifyPeer = (t['verifyPeer'] as boolean | undefined) ?? null;
  }
  const c = raw['credentials'];
  const credentials = c === undefined || c === null ? null : (c as { username: string; password: string });
  const setup: CqlClientSetup = {
    tls,
    credentials,
    ...(typeof raw['host'] === 'string' ? { host: raw['host'] } : {}),
    ...(raw['sasl'] === true ? { sasl: true } : {}),
  };
  return { setup, legacy: raw['legacy'] === true };
}

/** A client as the plan sees it: the id its cells carry and its documented defaults. */
export interface CqlPlanClient {
  id: string;
  profile: ClientProfile;
}

/** A shipped client by name (its profile from the oracle), or a resolved one as it is. */
export function planClient(c: CqlPlanClient | string): CqlPlanClient {
  if (typeof c !== 'string') return c;
  const profile = CLIENT_PROFILES[c];
  if (!profile) throw new Error(`no client profile for "${c}" (shipped: ${Object.keys(CLIENT_PROFILES).join(', ')})`);
  return { id: c, profile };
}

/** The oracle's expectation for a connection (TLS, then authentication). */
export function connectExpectation(server: CqlServerSetup, setup: CqlClientSetup, client: CqlPlanClient | string): CqlOutcome {
  const { profile } = planClient(client);
  if (configurationRejected(server.authenticator, server.tls?.requireClientAuth ?? false, server.tls !== null)) return { kind: 'config-rejected' };
  const s = server.tls;
  const serverFacts: ServerTlsFacts | null = s
    ? {
        requireClientAuth: s.requireClientAuth,
        optional: s.optional ?? false,
        cert: certFacts(s.serverCert, setup.tls?.ca),
        protocols: s.acceptedProtocols ?? ['TLSv1.2', 'TLSv1.3'],
        ...(s.cipherSuites ? { cipherSuites: s.cipherSuites } : {}),
      }
    : null;
  const t = setup.tls;
  const clientFacts: ClientTlsFacts | null = t
    ? {
        verifyPeer: t.verifyPeer,
        verifyHostname: t.verifyHostname ?? null,
        ...(t.serverHostname ? { serverHostname: t.serverHostname } : {}),
        ...(t.cert ? { cert: certFacts(t.cert, s?.trustCa) } : {}),
        protocols: versionsBetween(t.minVersion, t.maxVersion),
        ...(t.cipherSuites ? { cipherSuites: t.cipherSuites } : {}),
      }
    : null;
  // Both drivers connect to the resolved address: 127.0.0.1 even for the contact point `localhost`.
  const tlsResult = tlsOutcome(serverFacts, clientFacts, profile, '127.0.0.1');
  if (tlsResult.kind !== 'ok') return tlsResult;
  // Over TLS the client certificate is presented only when the server asks for it.
  const certUris = t && s && s.requireClientAuth && t.cert ? certFacts(t.cert, s.trustCa).uri : null;
  return authOutcome({
    authenticator: server.authenticator,
    roles: ROLES,
    identities: IDENTITIES,
    credentials: setup.credentials,
    certUris,
    requireClientAuth: s?.requireClientAuth ?? false,
  });
}

function connectArea(area: CqlArea, file: string, clients: readonly CqlPlanClient[], servers: ReturnType<typeof loadServers>): CqlCell[] {
  const doc = read(file);
  if (doc['area'] !== area) throw new CqlMatrixError(file, 'area', `must be ${area}`);
  const reqs = doc['requirements'];
  if (!Array.isArray(reqs)) throw new CqlMatrixError(file, 'requirements', 'must be a list');
  const cells: CqlCell[] = [];
  const seen = new Set<string>();
  reqs.forEach((r: unknown, i) => {
    const path = `requirements[${i}]`;
    if (!isObj(r)) throw new CqlMatrixError(file, path, 'must be a mapping');
    const id = String(r['id']);
    if (!/^CQL-[A-Z]+-\d{2}$/.test(id)) throw new CqlMatrixError(file, `${path}.id`, `"${id}" is not a CQL-AREA-NN id`);
    if (typeof r['source'] !== 'string' || !r['source']) throw new CqlMatrixError(file, `${path}.source`, 'every requirement names its source');
    const serverKeys = r['servers'];
    if (!Array.isArray(serverKeys) || serverKeys.length === 0) throw new CqlMatrixError(file, `${path}.servers`, 'a non-empty list');
    const cs = r['clients'];
    if (!isObj(cs)) throw new CqlMatrixError(file, `${path}.clients`, 'a mapping of case name → client setup');
    for (const sk of serverKeys as string[]) {
      const server = servers[sk];
      if (!server) throw new CqlMatrixError(file, `${path}.servers`, `unknown server "${sk}" (servers.yaml)`);
      for (const [caseName, raw] of Object.entries(cs)) {
        const { setup, legacy } = clientSetup(file, `${path}.clients.${caseName}`, raw);
        for (const client of clients) {
          const cellId = `${client.id}/${id}/${sk}/${caseName}`;
          if (seen.has(cellId)) throw new CqlMatrixError(file, path, `duplicate cell ${cellId}`);
          seen.add(cellId);
          const expected: CqlOutcome =
            legacy && !client.profile.legacySslOptions
              ? { kind: 'not-applicable', reason: 'the pre-3.17 ssl_options dict is a Python driver form' }
              : setup.sasl && !client.profile.saslAuthProvider
                ? { kind: 'not-applicable', reason: "SaslAuthProvider is a Python driver class (this client's profile has no generic SASL provider)" }
                : connectExpectation(server, setup, client);
          cells.push({
            id: cellId,
            area,
            requirementId: id,
            requirementTitle: String(r['title']),
            source: String(r['source']),
            name: `${sk} × ${caseName}`,
            client: client.id,
            serverKey: sk,
            server: { tls: server.tls, authenticator: server.authenticator, authorizer: server.authorizer },
            setup: legacy ? { ...setup, tls: setup.tls ? { ...setup.tls, legacyOptionsDict: true } : null } : setup,
            action: { kind: 'connect' },
            expected,
            ...(typeof r['expectFailure'] === 'string' ? { knownFailure: r['expectFailure'] } : {}),
            parameters: { client: client.id, server: sk, case: caseName },
          });
        }
      }
    }
  });
  return cells;
}

function variantLabel(vr: { grants: Grant[]; via: 'direct' | 'inherited'; as: 'probe' | 'superuser' }): string {
  if (vr.as === 'superuser') return 'as superuser';
  if (!vr.grants.length) return 'no grants';
  const list = vr.grants.map((g) => `${g.permission} ON ${cqlResource(g.resource)}`).join(' + ');
  return vr.via === 'inherited' ? `inherited ${list}` : list;
}

/** The minimal grants that meet a statement's requirements (the first alternative of each group). */
function minimal(requires: Grant[][]): Grant[] {
  return requires.map((g) => g[0]!);
}

function permissionCells(clients: readonly string[], servers: ReturnType<typeof loadServers>): CqlCell[] {
  const file = 'cql-permissions.yaml';
  const doc = read(file);
  const serverKey = String(doc['server']);
  const server = servers[serverKey];
  if (!server) throw new CqlMatrixError(file, 'server', `unknown server "${serverKey}"`);
  const reqs = doc['requirements'] as Record<string, { title: string; source: string }>;
  const variations = doc['variations'] as string[];
  const probeSetup: CqlClientSetup = { tls: null, credentials: { username: 'sm_probe', password: ROLES['sm_probe']!.password } };
  const superSetup: CqlClientSetup = { tls: null, credentials: { username: 'cassandra', password: 'cassandra' } };
  const cells: CqlCell[] = [];
  const base = (client: string, reqId: string, caseId: string, name: string): Omit<CqlCell, 'action' | 'expected' | 'setup'> => {
    const r = reqs[reqId];
    if (!r) throw new CqlMatrixError(file, 'requirements', `no requirement ${reqId}`);
    return {
      id: `${client}/${reqId}/${serverKey}/${caseId}`,
      area: 'cql-permissions',
      requirementId: reqId,
      requirementTitle: r.title,
      source: r.source,
      name,
      client,
      serverKey,
      server: { tls: server.tls, authenticator: server.authenticator, authorizer: server.authorizer },
      parameters: { client, server: serverKey, case: caseId },
    };
  };
  for (const [i, entry] of (doc['statements'] as { id: string; statement: string }[]).entries()) {
    const s = statement(entry.statement);
    if (!reqs[entry.id]) throw new CqlMatrixError(file, `statements[${i}].id`, `no requirement ${entry.id}`);
    const variants: { key: string; grants: Grant[]; via: 'direct' | 'inherited'; as: 'probe' | 'superuser' }[] = [];
    for (const v of variations) {
      if (v === 'none') variants.push({ key: 'none', grants: [], via: 'direct', as: 'probe' });
      else if (v === 'superuser') variants.push({ key: 'superuser', grants: [], via: 'direct', as: 'superuser' });
      else if (s.requires.length === 0) continue;
      else if (v === 'each-level') {
        s.requires.forEach((group, gi) => {
          for (const alt of group) {
            for (const r of chain(alt.resource)) {
              if (!APPLICABLE[kindOf(r)].includes(alt.permission)) continue;
              const others = s.requires.filter((_, j) => j !== gi).map((g) => g[0]!);
              variants.push({ key: `${alt.permission}@${r}`, grants: [{ permission: alt.permission, resource: r }, ...others], via: 'direct', as: 'probe' });
            }
          }
        });
        if (s.readsMasked)
          variants.push({
            key: `UNMASK@${s.requires[0]![0]!.resource}`,
            grants: [...minimal(s.requires), { permission: 'UNMASK', resource: s.requires[0]![0]!.resource }],
            via: 'direct',
            as: 'probe',
          });
      } else if (v === 'wrong') {
        const first = s.requires[0]![0]!;
        const required = new Set(s.requires.flat().map((g) => g.permission));
        const other = (APPLICABLE[kindOf(first.resource)] as readonly Permission[]).find((p) => !required.has(p) && p !== 'UNMASK' && p !== 'SELECT_MASKED');
        if (other)
          variants.push({
            key: `wrong-${other}@${first.resource}`,
            grants: [{ permission: other, resource: first.resource }, ...minimal(s.requires).slice(1)],
            via: 'direct',
            as: 'probe',
          });
      } else if (v === 'partial') {
        if (s.requires.length > 1) variants.push({ key: 'partial', grants: [s.requires[0]![0]!], via: 'direct', as: 'probe' });
      } else if (v === 'inherited') variants.push({ key: 'inherited', grants: minimal(s.requires), via: 'inherited', as: 'probe' });
      else throw new CqlMatrixError(file, 'variations', `unknown variation ${v}`);
    }
    for (const client of clients) {
      for (const vr of variants) {
        const caseId = `${s.id}/${vr.key}`;
        cells.push({
          ...base(client, entry.id, caseId, `${s.title} — ${variantLabel(vr)}`),
          setup: vr.as === 'superuser' ? superSetup : probeSetup,
          action: {
            kind: 'statement',
            statement: s.id,
            cql: s.cql,
            grants: vr.grants,
            via: vr.via,
            as: vr.as,
            setup: s.setup ?? [],
            teardown: s.teardown ?? [],
          },
          expected: statementOutcome(s, vr.grants, vr.as === 'superuser'),
        });
      }
    }
  }
  const g = doc['grants'] as { id: string; permissions: string[]; resources: string[] };
  for (const p of g.permissions) if (!PERMISSIONS.includes(p as Permission)) throw new CqlMatrixError(file, 'grants.permissions', `unknown permission ${p}`);
  for (const client of clients) {
    for (const resource of g.resources) {
      for (const permission of g.permissions as Permission[]) {
        const grant: Grant = { permission, resource };
        const cql = `GRANT ${permission} ON ${cqlResource(resource)} TO sm_target`;
        cells.push({
          ...base(client, g.id, `grant/${permission}@${resource}`, cql),
          setup: superSetup,
          action: { kind: 'grant', grant, cql },
          expected: grantOutcome(grant),
        });
      }
    }
  }
  const sr = (doc['superuserRefused'] as { id: string }).id;
  for (const client of clients)
    for (const x of SUPERUSER_REFUSED)
      cells.push({
        ...base(client, sr, `superuser/${x.id}`, x.cql),
        setup: superSetup,
        action: { kind: 'superuser-cql', cql: x.cql },
        expected: { kind: x.expect },
      });
  return cells;
}

/** Every cell of the given areas for the given clients; `grep` filters by id or name (or /regex/). */
export function expandCql(areas: readonly CqlArea[], clientList: readonly (CqlPlanClient | string)[], grep?: string): CqlCell[] {
  const servers = loadServers();
  const clients = clientList.map(planClient);
  const cells: CqlCell[] = [];
  if (areas.includes('cql-tls')) cells.push(...connectArea('cql-tls', 'cql-tls.yaml', clients, servers));
  if (areas.includes('cql-auth')) cells.push(...connectArea('cql-auth', 'cql-auth.yaml', clients, servers));
  if (areas.includes('cql-permissions'))
    cells.push(
      ...permissionCells(
        clients.map((c) => c.id),
        servers,
      ),
    );
  if (!grep) return cells;
  const re = grep.startsWith('/') && grep.endsWith('/') ? new RegExp(grep.slice(1, -1)) : undefined;
  return cells.filter((c) => (re ? re.test(c.id) || re.test(c.name) : c.id.includes(grep) || c.name.includes(grep) || c.requirementId === grep));
}

/** Cells grouped by server configuration (one Cassandra start each), in first-seen order. */
export function groupByServer(cells: readonly CqlCell[]): { serverKey: string; server: CqlServerSetup; cells: CqlCell[] }[] {
  const groups = new Map<string, { serverKey: string; server: CqlServerSetup; cells: CqlCell[] }>();
  for (const c of cells) {
    const g = groups.get(c.serverKey) ?? { serverKey: c.serverKey, server: c.server, cells: [] };
    g.cells.push(c);
    groups.set(c.serverKey, g);
  }
  return [...groups.values()];
}
