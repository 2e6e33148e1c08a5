// Container definitions of the CQL servers: the official `cassandra:<version>` image and ScyllaDB's
// `scylladb/scylla:<version>` (its own scylla.yaml keys). Neither image can be pulled here (no
// registry), so both are unit-tested up to the exact container definition they would start
// (test/unit/cql/containers.test.ts); `start()` of the returned ContainerSpec runs them where an
// engine and the images exist. Host network: the server listens on 127.0.0.1:<port> as the embedded one.
import { basename } from 'node:path';
import { stringify } from 'yaml';
import { ContainerSpec } from '../core/containers/container-spec.ts';
import type { CqlServerSetup } from './model.ts';
import { cassandraYamlObject, type ServerStores } from './render.ts';

// Fully qualified: Podman resolves a short name such as `cassandra:5.0.9` against local images too,
// and would start localhost/secmatrix/cassandra:5.0.9 for it (seen here) — not the official image.
export const CASSANDRA_IMAGE = 'docker.io/library/cassandra';
/** The image `secmatrix containers setup` builds (harness/cql/cassandra/image.ts, containers/cassandra/). */
export const LOCAL_CASSANDRA_REPO = 'localhost/secmatrix/cassandra';
export const SCYLLA_IMAGE = 'docker.io/scylladb/scylla';
export const CASSANDRA_CONF = '/etc/cassandra/cassandra.yaml';
export const CASSANDRA_STORES = '/etc/cassandra/secmatrix';
/** Data, commit log, caches, hints: the official image's volume, and the local image's storage dir. */
export const CASSANDRA_DATA = '/var/lib/cassandra';
export const SCYLLA_CONF = '/etc/scylla/scylla.yaml';
export const SCYLLA_STORES = '/etc/scylla/secmatrix';
/** Cassandra's log line once the native transport listens. */
export const CASSANDRA_READY = /Starting listening for CQL clients/;
/** ScyllaDB's log line once CQL clients are served. */
export const SCYLLA_READY = /serving|init - Scylla version .* initialization completed/;

function storesIn(stores: ServerStores | undefined, dir: string): { stores?: ServerStores; files: { source: string; target: string }[] } {
  if (!stores) return { files: [] };
  const files: { source: string; target: string }[] = [];
  const move = (p: string | undefined) => {
    if (!p) return undefined;
    const target = `${dir}/${basename(p)}`;
    files.push({ source: p, target });
    return target;
  };
  const out: ServerStores = { keystore: move(stores.keystore)! };
  if (stores.keystorePassword !== undefined) out.keystorePassword = stores.keystorePassword;
  const ts = move(stores.truststore);
  if (ts) {
    out.truststore = ts;
    if (stores.truststorePassword !== undefined) out.truststorePassword = stores.truststorePassword;
  }
  return { stores: out, files };
}

interface CassandraContainerOptions {
  version: string;
  nativePort: number;
  storagePort: number;
  stores?: ServerStores;
  /** The image repository (default: the official `cassandra`; a mirror of it works the same). */
  repository?: string;
}

/** The rendered cassandra.yaml (at the container's paths) and the files every Cassandra container gets. */
function cassandraBase(setup: CqlServerSetup, o: CassandraContainerOptions, repository: string): { spec: ContainerSpec; yaml: string } {
  const moved = storesIn(o.stores, CASSANDRA_STORES);
  const place = { clusterName: 'secmatrix', dir: CASSANDRA_DATA, host: '127.0.0.1', nativePort: o.nativePort, storagePort: o.storagePort };
  const yaml = `# cassandra.yaml rendered by secmatrix (CQL family, container target)\n${stringify(cassandraYamlObject(setup, place, moved.stores))}`;
  const spec = new ContainerSpec(`${repository}:${o.version}`).withNetworkMode('host');
  spec.withFile({ target: CASSANDRA_CONF, content: yaml, mode: 0o644 });
  for (const f of moved.files) spec.withFile({ target: f.target, source: f.source, mode: 0o644 });
  spec.withWaitForLog(CASSANDRA_READY, { timeoutMs: 180_000 });
  return { spec, yaml };
}

/** The official Apache Cassandra image with the rendered cassandra.yaml and the stores copied in. */
export function cassandraContainer(setup: CqlServerSetup, o: CassandraContainerOptions): { spec: ContainerSpec; yaml: string } {
  const { spec, yaml } = cassandraBase(setup, o, o.repository ?? CASSANDRA_IMAGE);
  spec
    // The image's entrypoint writes these into cassandra.yaml: keep them equal to the rendered values.
    .withEnv('CASSANDRA_LISTEN_ADDRESS', '127.0.0.1')
    .withEnv('CASSANDRA_RPC_ADDRESS', '127.0.0.1')
    .withEnv('CASSANDRA_BROADCAST_ADDRESS', '127.0.0.1')
    .withEnv('CASSANDRA_SEEDS', '127.0.0.1')
    .withEnv('CASSANDRA_CLUSTER_NAME', 'secmatrix')
    .withEnv('MAX_HEAP_SIZE', '768M')
    .withEnv('HEAP_NEWSIZE', '128M')
    .withEnv('JVM_EXTRA_OPTS', '-Dcassandra.superuser_setup_delay_ms=0');
  return { spec, yaml };
}

/**
 * The locally built image (localhost/secmatrix/cassandra:<version>, containers/cassandra/): no
 * entrypoint script and no variables; its java @argfile (the embedded JVM options) names
 * CASSANDRA_CONF and CASSANDRA_DATA, where this definition puts the yaml and the data.
 */
export function localCassandraContainer(setup: CqlServerSetup, o: CassandraContainerOptions): { spec: ContainerSpec; yaml: string } {
  return cassandraBase(setup, o, o.repository ?? LOCAL_CASSANDRA_REPO);
}

/** scylla.yaml for a server setup: ScyllaDB's names for the same settings. */
export function scyllaYamlObject(
  setup: CqlServerSetup,
  o: { nativePort: number; sslPort?: number; certificate?: string; keyfile?: string; truststore?: string },
): Record<string, unknown> {
  const tls = setup.tls;
  if (tls?.pemKeyEncrypted) throw new Error('ScyllaDB reads unencrypted PEM keys only (keyfile)');
  const authenticator = {
    AllowAllAuthenticator: 'AllowAllAuthenticator',
    PasswordAuthenticator: 'PasswordAuthenticator',
    // ScyllaDB's certificate login; the role comes from the certificate (here its URI SAN).
    MutualTlsAuthenticator: 'com.scylladb.auth.CertificateAuthenticator',
    MutualTlsWithPasswordFallbackAuthenticator: undefined,
  }[setup.authenticator];
  if (!authenticator) throw new Error(`ScyllaDB has no ${setup.authenticator}`);
  const y: Record<string, unknown> = {
    cluster_name: 'secmatrix',
    listen_address: '127.0.0.1',
    rpc_address: '127.0.0.1',
    seed_provider: [{ class_name: 'org.apache.cassandra.locator.SimpleSeedProvider', parameters: [{ seeds: '127.0.0.1' }] }],
    authenticator,
    authorizer: setup.authorizer,
    permissions_validity_in_ms: 0,
  };
  if (authenticator === 'com.scylladb.auth.CertificateAuthenticator')
    y['auth_certificate_role_queries'] = [{ source: 'ALTNAME', query: 'URI:spiffe://secmatrix\\.test/([^,\\s]+)' }];
  if (!tls) {
    y['native_transport_port'] = o.nativePort;
    return y;
  }
  const sslPort = o.sslPort ?? 9142;
  // TLS only: both ports the same. optional: plaintext on native_transport_port, TLS on the ssl port.
  y['native_transport_port'] = tls.optional ? o.nativePort : sslPort;
  y['native_transport_port_ssl'] = sslPort;
  const ceo: Record<string, unknown> = { enabled: true, certificate: o.certificate, keyfile: o.keyfile, require_client_auth: tls.requireClientAuth };
  if (o.truststore) ceo['truststore'] = o.truststore;
  // GnuTLS priority string from the accepted protocols (ScyllaDB has no cipher_suites list).
  if (tls.acceptedProtocols) ceo['priority_string'] = `SECURE128:-VERS-ALL:${tls.acceptedProtocols.map((p) => `+VERS-${p.replace('TLSv', 'TLS')}`).join(':')}`;
  y['client_encryption_options'] = ceo;
  return y;
}

/**
 * ScyllaDB with scylla.yaml and PEM files (certificate, keyfile, truststore) copied in. `pem` are host
 * paths of the server chain, its unencrypted key and the CA file.
 */
export function scyllaContainer(
  setup: CqlServerSetup,
  o: { version: string; nativePort: number; sslPort?: number; pem?: { certificate: string; keyfile: string; truststore?: string } },
): { spec: ContainerSpec; yaml: string } {
  const files = o.pem
    ? [
        { source: o.pem.certificate, target: `${SCYLLA_STORES}/server.crt` },
        { source: o.pem.keyfile, target: `${SCYLLA_STORES}/server.key` },
        ...(o.pem.truststore ? [{ source: o.pem.truststore, target: `${SCYLLA_STORES}/ca.pem` }] : []),
      ]
    : [];
  if (setup.tls && !o.pem) throw new Error('a TLS ScyllaDB needs PEM files');
  const yaml = `# scylla.yaml rendered by secmatrix (CQL family, container target)\n${stringify(
    scyllaYamlObject(setup, {
      nativePort: o.nativePort,
      ...(o.sslPort ? { sslPort: o.sslPort } : {}),
      ...(o.pem
        ? {
            certificate: `${SCYLLA_STORES}/server.crt`,
            keyfile: `${SCYLLA_STORES}/server.key`,
            ...(o.pem.truststore ? { truststore: `${SCYLLA_STORES}/ca.pem` } : {}),
          }
        : {}),
    }),
  )}`;
  const spec = new ContainerSpec(`${SCYLLA_IMAGE}:${o.version}`)
    .withNetworkMode('host')
    .withCommand(['--smp', '1', '--memory', '750M', '--overprovisioned', '1', '--developer-mode', '1', '--api-address', '127.0.0.1'])
    .withFile({ target: SCYLLA_CONF, content: yaml, mode: 0o644 })
    .withWaitForLog(SCYLLA_READY, { timeoutMs: 180_000 });
  for (const f of files) spec.withFile({ target: f.target, source: f.source, mode: 0o644 });
  return { spec, yaml };
}
