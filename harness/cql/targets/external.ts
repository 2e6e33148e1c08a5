// The external source: a Cassandra cluster someone else already runs, given by one node's address
// and the cassandra.yaml it runs with (`secmatrix run --only cql-… --target external
// --external-address HOST:PORT --external-config FILE`). The oracle computes each cell from the
// cell's own server configuration, so a configuration's cells run only when its rendered
// cassandra.yaml means the same as the cluster's (compare.ts: settings that decide outcomes, stores
// by content); every other configuration's cells are not applicable, with the difference named.
// The suite logs in as a superuser (SECMATRIX_CQL_ADMIN_USER / SECMATRIX_CQL_ADMIN_PASSWORD, default
// cassandra/cassandra) and creates its sm_* roles and keyspace: the cluster must be disposable.
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { PkiManifest } from '../../../pki/types.ts';
import { checkReachable, parseHostPort, type HostPort } from '../../core/util/host-port.ts';
import type { CqlCredentials, CqlServerSetup } from '../model.ts';
import { cassandraYamlObject } from '../render.ts';
import { SUPERUSER } from '../plan/fixtures.ts';
import { prepareServerStores } from '../stores.ts';
import { ClusterConfigError, comparableServer, differences, parseCassandraYaml, type ComparableServer } from './compare.ts';
import type { CqlServer, CqlServerSource, ServerStartRequest } from './source.ts';

export interface ExternalSettings {
  /** HOST:PORT of one node's native transport. */
  address: string;
  /** The cassandra.yaml the cluster runs with. */
  configFile: string;
}

export const ADMIN_ENV = { user: 'SECMATRIX_CQL_ADMIN_USER', password: 'SECMATRIX_CQL_ADMIN_PASSWORD' } as const;

/** The superuser the suite logs in as on an external cluster (default: Cassandra's own default). */
export function adminFromEnv(env: NodeJS.ProcessEnv = process.env): CqlCredentials {
  return { username: env[ADMIN_ENV.user] || SUPERUSER.username, password: env[ADMIN_ENV.password] || SUPERUSER.password };
}

export interface ClusterConfig {
  file: string;
  /** The file with every password value replaced: what cells attach as evidence. */
  redacted: string;
  comparable: ComparableServer;
}

/** `password: x`, `keystore_password: "x"` → `…: '***'` (the evidence never carries the cluster's passwords). */
export function redactYamlPasswords(text: string): string {
  return text.replace(/^(\s*-?\s*[A-Za-z_]*pass(?:word|phrase)?[A-Za-z_]*\s*:\s*)(?!\s*$)(.*)$/gim, "$1'***'");
}

/** Reads and understands the cluster's cassandra.yaml; every problem names the file (and line). */
export async function readClusterConfig(configFile: string): Promise<ClusterConfig> {
  const file = resolve(configFile);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ClusterConfigError(`--external-config ${configFile} cannot be read: ${(err as Error).message}`);
  }
  const doc = parseCassandraYaml(text, file);
  let comparable: ComparableServer;
  try {
    comparable = await comparableServer(doc, { baseDir: dirname(file) });
  } catch (err) {
    throw new ClusterConfigError(`${file}: ${(err as Error).message}`);
  }
  return { file, redacted: redactYamlPasswords(text), comparable };
}

/** Everything checked before any cell runs: the address, the configuration file, a node answering there. */
export async function preflightExternal(s: ExternalSettings): Promise<{ endpoint: HostPort; config: ClusterConfig }> {
  const endpoint = parseHostPort(s.address, '--external-address');
  const config = await readClusterConfig(s.configFile);
  try {
    await checkReachable(endpoint, 5000);
  } catch (err) {
    throw new Error(`--external-address ${s.address}: no Cassandra node answers there (${(err as Error).message})`);
  }
  return { endpoint, config };
}

const NO_LOG = "(external cluster: its log is not reachable from here; cells are judged from the client's side)";

export class ExternalCassandra implements CqlServerSource {
  readonly name = 'external';
  readonly fresh = false;
  readonly serverVersion: string;
  readonly admin: CqlCredentials;
  private readonly endpoint: HostPort;
  private cluster: Promise<ClusterConfig> | undefined;

  constructor(
    private readonly settings: ExternalSettings,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.endpoint = parseHostPort(settings.address, '--external-address');
    this.serverVersion = `external cluster at ${settings.address}`;
    this.admin = adminFromEnv(env);
  }

  private clusterConfig(): Promise<ClusterConfig> {
    this.cluster ??= readClusterConfig(this.settings.configFile);
    return this.cluster;
  }

  /** The cell's configuration rendered as the embedded target would, then compared with the cluster's. */
  async notApplicable(setup: CqlServerSetup, ctx: { pki: PkiManifest; dir: string }): Promise<string | undefined> {
    const storesDir = join(ctx.dir, 'compare-stores');
    try {
      const stores = setup.tls ? await prepareServerStores(setup.tls, ctx.pki, storesDir) : undefined;
      const place = { clusterName: 'secmatrix', dir: ctx.dir, host: this.endpoint.host, nativePort: this.endpoint.port, storagePort: 7000 };
      const mine = await comparableServer(cassandraYamlObject(setup, place, stores), { baseDir: ctx.dir });
      const cluster = await this.clusterConfig();
      const diffs = differences(cluster.comparable, mine);
      return diffs.length ? `the external cluster runs another configuration (${cluster.file}): ${diffs.join('; ')}` : undefined;
    } finally {
      await rm(storesDir, { recursive: true, force: true });
    }
  }

  async start(_setup: CqlServerSetup, req: ServerStartRequest): Promise<CqlServer> {
    const cluster = await this.clusterConfig();
    const { host, port: nativePort } = this.endpoint;
    try {
      await req.probe({ host, nativePort });
    } catch (err) {
      const hint =
        cluster.comparable['authenticator'] === 'MutualTlsAuthenticator'
          ? " (with MutualTlsAuthenticator the admin certificate's identity must already be mapped to a superuser role: see README, CQL external target)"
          : ` (as ${this.admin.username}: set ${ADMIN_ENV.user} / ${ADMIN_ENV.password})`;
      throw new Error(`the suite's admin session to the external cluster at ${this.settings.address} failed: ${(err as Error).message}${hint}`);
    }
    return {
      host,
      nativePort,
      yaml: cluster.redacted,
      mark: () => 0,
      logSince: () => NO_LOG,
      // Not ours to stop.
      stop: () => Promise.resolve(),
    };
  }
}
