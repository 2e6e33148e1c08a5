// The container source: each CQL server configuration runs in a container started through
// testcontainers from its definition (../containers.ts) — the official `cassandra:<version>` image
// (or a mirror of it), the locally built `localhost/secmatrix/cassandra:<version>`
// (../cassandra/image.ts), or ScyllaDB's `scylladb/scylla:<version>`. Host network, free loopback
// ports, as the embedded Cassandra: the context reaches it at 127.0.0.1. The configuration's data
// directory is mounted into the container, so the MutualTlsAuthenticator's second start (identities
// added by the first) finds them as the embedded one does. Containers carry the run's label: the
// run's sweep and its reaper remove them whatever ends the run (Ctrl-C, a crash).
import { mkdir } from 'node:fs/promises';
import type { PkiManifest } from '../../../pki/types.ts';
import type { ContainerSpec, StartedSpec } from '../../core/containers/container-spec.ts';
import { freePort } from '../../core/util/ports.ts';
import { CassandraStartError } from '../cassandra/process.ts';
import { DEFAULT_CASSANDRA_VERSION } from '../cassandra/install.ts';
import {
  CASSANDRA_DATA,
  CASSANDRA_IMAGE,
  cassandraContainer,
  LOCAL_CASSANDRA_REPO,
  localCassandraContainer,
  SCYLLA_IMAGE,
  scyllaContainer,
} from '../containers.ts';
import type { CqlServerSetup } from '../model.ts';
import { SUPERUSER } from '../plan/fixtures.ts';
import type { CqlServer, CqlServerSource, ServerStartRequest } from './source.ts';

export type ServerImageKind = 'cassandra' | 'local-cassandra' | 'scylla';

export interface ServerImage {
  /** name:tag as the engine knows it. */
  image: string;
  kind: ServerImageKind;
  /** The version the reports name (the tag). */
  version: string;
}

/** Where ScyllaDB keeps its data (its image's volume). */
const SCYLLA_DATA = '/var/lib/scylla';
/** Cassandra refused its configuration (exited with one of these in its log). */
const REJECTED = /ConfigurationException|Invalid yaml|Exception encountered during startup|Fatal configuration error/i;
/** After the ready line: the superuser login (made ~0.1 s after the native port opens). */
const PROBE_TIMEOUT_MS = 60_000;
/** The login failed because nothing listens on the native port (not a TLS or authentication refusal). */
export function nothingListened(message: string): boolean {
  return /listened but the admin login did not succeed.*ECONNREFUSED/s.test(message);
}

/**
 * `--server-image` and one `--server-version` as an image: `cassandra` (default) the official image,
 * `scylla` ScyllaDB's, anything else a repository (a tag given in it wins; then no version may be
 * given). The locally built repository gets its own definition; a repository named …/scylla is ScyllaDB.
 */
export function resolveServerImage(imageFlag: string | undefined, version: string | undefined): ServerImage {
  const flag = imageFlag?.trim() || 'cassandra';
  const repoOf = (f: string) => (f === 'cassandra' ? CASSANDRA_IMAGE : f === 'scylla' ? SCYLLA_IMAGE : f);
  const repo = repoOf(flag);
  const lastSlash = repo.lastIndexOf('/');
  const colon = repo.lastIndexOf(':');
  let name = repo;
  let tag = version;
  if (colon > lastSlash) {
    if (version) throw new Error(`--server-image ${flag} names its tag already: leave out --server-version ${version}`);
    name = repo.slice(0, colon);
    tag = repo.slice(colon + 1);
  }
  tag ??= DEFAULT_CASSANDRA_VERSION;
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) throw new Error(`"${tag}" is not an image tag (--server-version)`);
  const kind: ServerImageKind = name === LOCAL_CASSANDRA_REPO ? 'local-cassandra' : /(^|\/)scylla$/.test(name) ? 'scylla' : 'cassandra';
  if (kind === 'scylla' && !imageFlag?.includes(':') && !version)
    throw new Error('--server-image scylla needs --server-version (a ScyllaDB version, e.g. 6.2.0)');
  return { image: `${name}:${tag}`, kind, version: tag };
}

export interface ContainerDefinitionInput {
  nativePort: number;
  storagePort: number;
  /** The stores prepared for the configuration (host paths); copied in. */
  stores: ServerStartRequest['stores'];
  /** The configuration's data directory on this machine: mounted as the server's data. */
  dataDir: string;
  pki: PkiManifest;
}

export class ContainerCassandra implements CqlServerSource {
  readonly name = 'container';
  readonly fresh = true;
  readonly admin = { ...SUPERUSER };
  readonly serverVersion: string;

  constructor(readonly server: ServerImage) {
    const what = server.kind === 'scylla' ? 'ScyllaDB' : 'Apache Cassandra';
    this.serverVersion = `${what} ${server.version} (container ${server.image})`;
  }

  notApplicable(setup: CqlServerSetup): Promise<string | undefined> {
    return Promise.resolve(this.server.kind === 'scylla' ? scyllaNotApplicable(setup) : undefined);
  }

  /** The container this source starts for a configuration (no engine contacted). */
  definition(setup: CqlServerSetup, i: ContainerDefinitionInput): { spec: ContainerSpec; yaml: string } {
    const repository = this.server.image.slice(0, this.server.image.lastIndexOf(':'));
    const o = { version: this.server.version, nativePort: i.nativePort, storagePort: i.storagePort, repository, ...(i.stores ? { stores: i.stores } : {}) };
    if (this.server.kind === 'scylla') {
      const tls = setup.tls;
      const pem = tls ? scyllaPem(tls, i.pki) : undefined;
      // One port: TLS-only configurations serve TLS on it (scyllaNotApplicable keeps `optional` out).
      const r = scyllaContainer(setup, {
        version: this.server.version,
        nativePort: i.nativePort,
        ...(tls ? { sslPort: i.nativePort } : {}),
        ...(pem ? { pem } : {}),
      });
      r.spec.withBindMount(i.dataDir, SCYLLA_DATA);
      return r;
    }
    const r = this.server.kind === 'local-cassandra' ? localCassandraContainer(setup, o) : cassandraContainer(setup, o);
    r.spec.withBindMount(i.dataDir, CASSANDRA_DATA);
    return r;
  }

  async start(setup: CqlServerSetup, req: ServerStartRequest): Promise<CqlServer> {
    try {
      return await this.startOnce(setup, req);
    } catch (err) {
      // The ports are picked free but bound only when Cassandra has started in its container, seconds
      // later, on the host network: another process may take one first, and then nothing listens on
      // the native port (the login is refused at TCP level). Once more, on other ports.
      if (!(err instanceof CassandraStartError) || !nothingListened(err.message)) throw err;
      return await this.startOnce(setup, req);
    }
  }

  private async startOnce(setup: CqlServerSetup, req: ServerStartRequest): Promise<CqlServer> {
    await mkdir(req.dataDir, { recursive: true });
    const [nativePort, storagePort] = [await freePort(), await freePort()];
    const { spec, yaml } = this.definition(setup, { nativePort, storagePort, stores: req.stores, dataDir: req.dataDir, pki: req.pki });
    // A throw-away server, as the embedded one: killed at once (Cassandra's drain on SIGTERM takes seconds).
    spec.withStopTimeout(0);
    const tail = (lines: readonly string[]) => lines.slice(-40).join('\n');
    let started: StartedSpec;
    try {
      started = await spec.start();
    } catch (err) {
      const logTail = (err as { logTail?: string }).logTail ?? '';
      const message = err instanceof Error ? err.message.split('\n--- container log')[0]! : String(err);
      throw new CassandraStartError(message, logTail, REJECTED.test(logTail));
    }
    // The ready line says the native port listens; ready for the suite is the superuser's login.
    const deadline = Date.now() + PROBE_TIMEOUT_MS;
    for (let last = ''; ;) {
      try {
        await req.probe({ host: '127.0.0.1', nativePort });
        break;
      } catch (err) {
        last = err instanceof Error ? err.message : String(err);
      }
      if (Date.now() > deadline) {
        await started.stop();
        throw new CassandraStartError(
          `${spec.image} listened but the admin login did not succeed within ${PROBE_TIMEOUT_MS} ms (last: ${last})`,
          tail(started.lines),
          false,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return {
      host: '127.0.0.1',
      nativePort,
      yaml,
      // The container's output as the engine streams it (lines may arrive a little after the cell's own).
      mark: () => started.lines.length,
      logSince: (m) => started.lines.slice(m).join('\n'),
      stop: () => started.stop(),
    };
  }
}

/** Why a configuration cannot be expressed for ScyllaDB (its own keys; the suite's identity mapping is Cassandra's). */
export function scyllaNotApplicable(setup: CqlServerSetup): string | undefined {
  if (setup.authenticator.startsWith('MutualTls'))
    return `ScyllaDB has no ${setup.authenticator}: its certificate login (com.scylladb.auth.CertificateAuthenticator) maps roles by a query, not ADD IDENTITY`;
  if (setup.tls?.optional)
    return 'ScyllaDB serves plaintext and TLS on two ports (native_transport_port, native_transport_port_ssl); the cells of `optional: true` expect one';
  if (setup.tls?.pemKeyEncrypted) return 'ScyllaDB reads unencrypted PEM keys only (keyfile)';
  if (setup.tls?.cipherSuites) return 'ScyllaDB takes a GnuTLS priority_string, not a cipher_suites list';
  return undefined;
}

function scyllaPem(tls: NonNullable<CqlServerSetup['tls']>, pki: PkiManifest): { certificate: string; keyfile: string; truststore?: string } {
  const server = pki.artifacts[tls.serverCert];
  if (!server?.files.chain || !server.files.key) throw new Error(`PKI artifact ${tls.serverCert} has no PEM chain and key`);
  const ca = tls.trustCa ? pki.artifacts[tls.trustCa]?.files.cert : undefined;
  return { certificate: server.files.chain, keyfile: server.files.key, ...(ca ? { truststore: ca } : {}) };
}
