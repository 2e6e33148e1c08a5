// Everything a CQL suite run shares while it walks its cells: the PKI, one adapter process per
// client under test, one server at a time from the run's server source (targets/: the embedded
// Cassandra — one start per server configuration; two for the MutualTlsAuthenticator, whose
// identities are added before it is turned on — or an external cluster), the admin session, and
// one client session per identity.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../../../pki/canonical-hash.ts';
import type { PkiManifest } from '../../../pki/types.ts';
import { startAdapter, type HelloFacts } from '../../clients/adapter/hello.ts';
import type { AdapterMessage, AdapterProcess } from '../../clients/adapter/process.ts';
import { onCleanup } from '../../core/util/cleanup.ts';
import { ErrorMap } from '../adapter/error-map.ts';
import { watchGroup } from '../watchdog.ts';
import type { CqlClient } from './clients.ts';
import { CassandraStartError } from '../cassandra/process.ts';
import type { CqlClientSetup, CqlCredentials, CqlServerSetup } from '../model.ts';
import { cqlResource, FIXTURE, FIXTURE_SETUP, statement, type CqlOutcome } from '../oracle/index.ts';
import { SPIFFE } from '../pki-request.ts';
import { authFixtureCql, SUPERUSER } from '../plan/fixtures.ts';
import type { CqlCell } from '../plan/cell.ts';
import { prepareServerStores } from '../stores.ts';
import { EmbeddedCassandra } from '../targets/embedded.ts';
import type { CqlServer, CqlServerSource } from '../targets/source.ts';
import { connectAdmin, type AdminClient } from './admin.ts';

export interface CqlCellRun {
  observed: CqlOutcome;
  evidence: Record<string, string>;
  durationMs: number;
}

export interface ServerStartFigure {
  serverKey: string;
  startMs: number;
  starts: number;
  outcome: 'started' | 'config-rejected' | 'failed' | 'external' | 'not-applicable';
}

/** Connect requests to the adapters (for `secmatrix bench`): one per connect cell, one per identity and server; reuses of an identity's session. */
export interface SessionFigures {
  cellConnects: number;
  identityConnects: number;
  identityReuses: number;
}

interface Current {
  key: string;
  dir: string;
  started?: CqlServer;
  rejected?: CassandraStartError;
  failed?: Error;
  /** The source cannot serve this configuration (an external cluster running another one). */
  notApplicable?: string;
  admin?: AdminClient;
  sessions: Map<string, { id: string; outcome: CqlOutcome }>;
}

const OP_TIMEOUT = 20_000;
const CONNECT_TIMEOUT = 15_000;
const HELLO_TIMEOUT = 30_000;

interface LiveAdapter {
  proc: AdapterProcess;
  hello: HelloFacts;
  release: () => Promise<void>;
}

export class CqlRunContext {
  readonly starts: ServerStartFigure[] = [];
  readonly sessions: SessionFigures = { cellConnects: 0, identityConnects: 0, identityReuses: 0 };
  private adapters = new Map<string, LiveAdapter>();
  private maps = new Map<string, ErrorMap>();
  private readonly clients: Map<string, CqlClient>;
  private current: Current | undefined;
  private sessionSeq = 0;

  constructor(
    readonly pki: PkiManifest,
    private readonly workDir: string,
    clients: readonly CqlClient[],
    readonly source: CqlServerSource = new EmbeddedCassandra(),
  ) {
    this.clients = new Map(clients.map((c) => [c.id, c]));
  }

  /** A cell's `cassandra` login is the source's superuser (an external cluster's may differ). */
  private credentials(c: CqlCredentials | null): CqlCredentials | null {
    return c && c.username === SUPERUSER.username && c.password === SUPERUSER.password ? this.source.admin : c;
  }

  /** Versions the adapters reported (hello), kept after they are closed: the report is written then. */
  private readonly versions = new Map<string, string>();
  clientVersions(): Record<string, string> {
    return Object.fromEntries(this.versions);
  }

  /** The client's adapter, started (hello) if it is not running; a broken one is replaced. */
  private async adapter(id: string): Promise<AdapterProcess> {
    const live = this.adapters.get(id);
    if (live?.proc.alive) return live.proc;
    const client = this.clients.get(id);
    if (!client) throw new Error(`no client ${id} in this run`);
    if (live) {
      await live.release();
      // Sessions of a dead adapter are gone with it.
      if (this.current) for (const k of [...this.current.sessions.keys()]) if (k.startsWith(`${id}|`)) this.current.sessions.delete(k);
    }
    const { proc, hello } = await startAdapter({ name: id, command: client.command }, HELLO_TIMEOUT);
    // Its process group must not outlive this worker, even a killed one; Ctrl-C stops it.
    if (proc.pid !== undefined) watchGroup(proc.pid);
    const release = onCleanup(`adapter ${id} (pid ${proc.pid})`, () => proc.stop(3000));
    this.adapters.set(id, { proc, hello, release });
    this.versions.set(id, hello.client.version);
    if (!this.maps.has(id)) this.maps.set(id, ErrorMap.load(client.errorMapFile, id));
    return proc;
  }

  private classify(client: string, r: AdapterMessage): CqlOutcome {
    const causes = Array.isArray(r['causes']) ? (r['causes'] as never[]) : [];
    return this.maps.get(client)!.classifyFailure((r['error'] ?? {}) as never, causes);
  }

  /** The server of a configuration, started (and the fixture made) if it is not the current one. */
  async serverFor(key: string, setup: CqlServerSetup): Promise<Current> {
    if (this.current?.key === key) return this.current;
    await this.releaseServer();
    const dir = join(this.workDir, `server-${this.starts.length + 1}-${key}`);
    const cur: Current = { key, dir, sessions: new Map() };
    this.current = cur;
    const fig: ServerStartFigure = { serverKey: key, startMs: 0, starts: 0, outcome: 'started' };
    this.starts.push(fig);
    const t0 = performance.now();
    try {
      const why = await this.source.notApplicable(setup, { pki: this.pki, dir });
      if (why) {
        cur.notApplicable = why;
        fig.outcome = 'not-applicable';
        fig.startMs = performance.now() - t0;
        return cur;
      }
      const stores = setup.tls ? await prepareServerStores(setup.tls, this.pki, join(dir, 'stores')) : undefined;
      const dataDir = join(dir, 'data');
      const start = async (s: CqlServerSetup) => {
        if (this.source.fresh) fig.starts++;
        return this.source.start(s, {
          dir,
          dataDir,
          stores,
          pki: this.pki,
          probe: async ({ host, nativePort }) => {
            const admin = await connectAdmin(s, this.pki, host, nativePort, this.source.admin);
            await admin.close();
          },
        });
      };
      const mutualOnly = setup.authenticator === 'MutualTlsAuthenticator' && setup.tls?.requireClientAuth;
      // An external cluster runs as it is: its identities are the operator's to map (README).
      const bootstrap = mutualOnly && this.source.fresh;
      if (bootstrap) {
        // The identities must exist before the authenticator that needs them: a first start with the
        // password fallback over a plaintext-capable port adds them, then the real configuration.
        const boot: CqlServerSetup = { ...setup, tls: { ...setup.tls!, optional: true }, authenticator: 'MutualTlsWithPasswordFallbackAuthenticator' };
        const first = await start(boot);
        const admin = await connectAdmin(boot, this.pki, first.host, first.nativePort);
        try {
          await admin.execute(`ADD IDENTITY IF NOT EXISTS '${SPIFFE.admin}' TO ROLE 'cassandra'`);
          for (const c of authFixtureCql(true)) await admin.execute(c);
          // Let the periodic commit log sync (100 ms) write it before the SIGKILL stop.
          await new Promise((r) => setTimeout(r, 600));
        } finally {
          await admin.close();
          await first.stop();
        }
      }
      cur.started = await start(setup);
      if (!this.source.fresh) fig.outcome = 'external';
      cur.admin = await connectAdmin(setup, this.pki, cur.started.host, cur.started.nativePort, this.source.admin);
      if (setup.authenticator !== 'AllowAllAuthenticator' && !bootstrap)
        for (const c of authFixtureCql(setup.authenticator.startsWith('MutualTls'))) await cur.admin.execute(c);
      if (setup.authorizer === 'CassandraAuthorizer') for (const c of FIXTURE_SETUP) await cur.admin.execute(c);
    } catch (err) {
      if (err instanceof CassandraStartError && err.configurationRejected) {
        cur.rejected = err;
        fig.outcome = 'config-rejected';
      } else {
        cur.failed = err instanceof Error ? err : new Error(String(err));
        fig.outcome = 'failed';
      }
    }
    fig.startMs = performance.now() - t0;
    return cur;
  }

  private connectRequest(setup: CqlClientSetup, started: CqlServer, session: string): Record<string, unknown> {
    const t = setup.tls;
    let tls: Record<string, unknown> | null = null;
    if (t) {
      const a = (id: string) => {
        const x = this.pki.artifacts[id];
        if (!x) throw new Error(`PKI has no artifact ${id}`);
        return x;
      };
      tls = {
        caFile: t.ca ? a(t.ca).files.cert : null,
        verifyPeer: t.verifyPeer,
        verifyHostname: t.verifyHostname ?? null,
        serverHostname: t.serverHostname ?? null,
        minVersion: t.minVersion ?? null,
        maxVersion: t.maxVersion ?? null,
        cipherSuites: t.cipherSuites ?? null,
      };
      if (t.cert) {
        const c = a(t.cert);
        tls['certFile'] = c.files.chain;
        tls['keyFile'] = t.keyPassword ? c.files.keyEncrypted : c.files.key;
        if (t.keyPassword) tls['keyPassword'] = { value: c.passwords.key, form: 'string' };
      }
    }
    return {
      session,
      system: 'cql',
      addresses: [`${setup.host ?? started.host}:${started.nativePort}`],
      tls,
      credentials: setup.credentials ? { kind: 'username-password', ...this.credentials(setup.credentials) } : null,
      timeouts: { connectMs: CONNECT_TIMEOUT, operationMs: OP_TIMEOUT },
      options: { ...(t?.legacyOptionsDict ? { legacySslOptions: true } : {}), ...(setup.sasl ? { saslAuthProvider: true } : {}) },
    };
  }

  private async openSession(
    client: string,
    setup: CqlClientSetup,
    started: CqlServer,
    evidence: Record<string, string>,
  ): Promise<{ id?: string; outcome: CqlOutcome }> {
    const adapter = await this.adapter(client);
    const id = `s${++this.sessionSeq}`;
    const r = await adapter.request('connect', this.connectRequest(setup, started, id), CONNECT_TIMEOUT + 10_000);
    evidence['connect'] = JSON.stringify(r);
    if (r.type === 'connected') return { id, outcome: { kind: 'ok' } };
    if (r.type === 'unsupported') return { outcome: { kind: 'not-applicable', reason: String(r['reason']) } };
    if (r.type === 'failed') return { outcome: this.classify(client, r) };
    return { outcome: { kind: 'error', message: `adapter answered connect with ${r.type}: ${String(r['message'] ?? '')}` } };
  }

  private async closeSession(client: string, id: string): Promise<void> {
    const a = this.adapters.get(client);
    if (a?.proc.alive) await a.proc.request('close', { session: id }, 10_000).catch(() => undefined);
  }

  /** The live session of an identity (permission cells), or a new one. */
  private async identitySession(
    client: string,
    setup: CqlClientSetup,
    cur: Current,
    evidence: Record<string, string>,
  ): Promise<{ id?: string; outcome: CqlOutcome }> {
    const key = `${client}|${canonicalJson(setup)}`;
    const live = cur.sessions.get(key);
    if (live) {
      this.sessions.identityReuses++;
      evidence['connect'] = '(the live session of this identity)';
      return live;
    }
    this.sessions.identityConnects++;
    const s = await this.openSession(client, setup, cur.started!, evidence);
    if (s.id) cur.sessions.set(key, { id: s.id, outcome: s.outcome });
    return s;
  }

  private async execute(
    client: string,
    session: string,
    cql: string,
    evidence: Record<string, string>,
  ): Promise<{ outcome: CqlOutcome; first?: Record<string, string | null> }> {
    const a = await this.adapter(client);
    const r = await a.request(
      'run',
      { session, op: 'cql.execute', args: { statement: cql, keyspace: null }, timeouts: { operationMs: OP_TIMEOUT } },
      OP_TIMEOUT + 10_000,
    );
    evidence['statement'] = `${cql}\n→ ${JSON.stringify(r)}`;
    if (r.type === 'result') {
      const v = (r['value'] ?? {}) as { first?: Record<string, string | null> };
      return { outcome: { kind: 'ok' }, ...(v.first ? { first: v.first } : {}) };
    }
    if (r.type === 'error') return { outcome: this.classify(client, r) };
    if (r.type === 'unsupported') return { outcome: { kind: 'not-applicable', reason: String(r['reason']) } };
    return { outcome: { kind: 'error', message: `adapter answered run with ${r.type}: ${String(r['message'] ?? '')}` } };
  }

  async runCell(cell: CqlCell): Promise<CqlCellRun> {
    const t0 = performance.now();
    const evidence: Record<string, string> = {};
    const cur = await this.serverFor(cell.serverKey, cell.server);
    const done = (observed: CqlOutcome): CqlCellRun => ({ observed, evidence, durationMs: performance.now() - t0 });
    if (cur.notApplicable) return done({ kind: 'not-applicable', reason: cur.notApplicable });
    if (cur.rejected) {
      evidence['server log'] = cur.rejected.logTail;
      return done({ kind: 'config-rejected' });
    }
    if (cur.failed || !cur.started || !cur.admin) {
      if (cur.failed instanceof CassandraStartError) evidence['server log'] = cur.failed.logTail;
      return done({ kind: 'error', message: `the server did not start: ${cur.failed?.message ?? 'unknown'}` });
    }
    evidence['cassandra.yaml'] = cur.started.yaml;
    const serverMark = cur.started.mark();
    const adapter = await this.adapter(cell.client);
    const adapterMark = adapter.mark();
    try {
      return done(await this.act(cell, cur, evidence));
    } catch (err) {
      return done({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    } finally {
      evidence['adapter log'] = this.adapters.get(cell.client)?.proc.logSince(adapterMark) ?? '';
      evidence['server log'] = cur.started
        .logSince(serverMark)
        .split('\n')
        .filter((l) => /WARN|ERROR|Exception|Unauthorized|authenticat|SSL|TLS/i.test(l))
        .slice(-40)
        .join('\n');
    }
  }

  private async act(cell: CqlCell, cur: Current, evidence: Record<string, string>): Promise<CqlOutcome> {
    const a = cell.action;
    if (a.kind === 'connect') {
      this.sessions.cellConnects++;
      const s = await this.openSession(cell.client, cell.setup, cur.started!, evidence);
      if (s.id) await this.closeSession(cell.client, s.id);
      return s.outcome;
    }
    const admin = cur.admin!;
    const session = await this.identitySession(cell.client, cell.setup, cur, evidence);
    if (!session.id)
      return session.outcome.kind === 'not-applicable'
        ? session.outcome
        : { kind: 'error', message: `the ${a.kind === 'statement' ? a.as : 'superuser'} session did not open: ${JSON.stringify(session.outcome)}` };
    if (a.kind === 'grant' || a.kind === 'superuser-cql') {
      try {
        return (await this.execute(cell.client, session.id, a.cql, evidence)).outcome;
      } finally {
        if (a.kind === 'grant') {
          const left = await admin.bestEffort([`REVOKE ${a.grant.permission} ON ${cqlResource(a.grant.resource)} FROM sm_target`]);
          if (left.length) evidence['cleanup'] = left.join('\n');
        }
      }
    }
    // A statement: setup, grants, the statement, then everything taken back.
    const grantee = a.via === 'inherited' ? FIXTURE.parent : FIXTURE.probe;
    const undo: string[] = [];
    try {
      for (const c of a.setup) await admin.execute(c);
      for (const g of a.grants) {
        await admin.execute(`GRANT ${g.permission} ON ${cqlResource(g.resource)} TO ${grantee}`);
        undo.push(`REVOKE ${g.permission} ON ${cqlResource(g.resource)} FROM ${grantee}`);
      }
      if (a.via === 'inherited') {
        await admin.execute(`GRANT ${FIXTURE.parent} TO ${FIXTURE.probe}`);
        undo.push(`REVOKE ${FIXTURE.parent} FROM ${FIXTURE.probe}`);
      }
      evidence['grants'] = undo.map((u) => u.replace(/^REVOKE (.*) FROM (.*)$/, 'GRANT $1 TO $2')).join('\n') || '(none)';
      const r = await this.execute(cell.client, session.id, a.cql, evidence);
      if (r.outcome.kind === 'ok' && statement(a.statement).readsMasked) return { kind: 'ok', masked: r.first?.['secret'] !== FIXTURE.secret };
      return r.outcome;
    } finally {
      const left = await admin.bestEffort([...undo, ...a.teardown]);
      // A revoke of a resource the cell dropped is expected to fail; anything else is evidence.
      if (left.length) evidence['cleanup'] = left.join('\n');
    }
  }

  private async releaseServer(): Promise<void> {
    const cur = this.current;
    this.current = undefined;
    if (!cur) return;
    for (const [k, s] of cur.sessions) await this.closeSession(k.split('|')[0]!, s.id);
    await cur.admin?.close().catch(() => undefined);
    await cur.started?.stop();
    // The server's data, logs and stores go with it (the run's temp dir goes at the end anyway).
    await rm(cur.dir, { recursive: true, force: true });
  }

  async close(): Promise<void> {
    await this.releaseServer();
    for (const a of this.adapters.values()) await a.release();
    this.adapters.clear();
  }
}
