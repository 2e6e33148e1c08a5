// Renders a CQL server setup into a real cassandra.yaml (Apache Cassandra 5.0). The text is the
// configuration: the embedded target writes it for the JVM it starts, the container target mounts
// it, and every cell attaches it. Paths come from the stores prepared for the server (stores.ts).
import { stringify } from 'yaml';
import type { CqlServerSetup } from './model.ts';

/** Files and passwords the server's TLS settings point at (prepared by stores.ts). */
export interface ServerStores {
  keystore: string;
  keystorePassword?: string;
  truststore?: string;
  truststorePassword?: string;
}

/** Where the server lives and listens. */
export interface ServerPlacement {
  clusterName: string;
  /** The run's directory for this server (data, commit log, caches, hints). */
  dir: string;
  host: string;
  nativePort: number;
  storagePort: number;
}

const PEM_FACTORY = 'org.apache.cassandra.security.PEMBasedSslContextFactory';

export function authenticatorEntry(name: CqlServerSetup['authenticator']): unknown {
  if (name === 'MutualTlsAuthenticator' || name === 'MutualTlsWithPasswordFallbackAuthenticator') {
    // The identity is the certificate's spiffe:// URI SAN (SpiffeCertificateValidator, the default).
    return { class_name: `org.apache.cassandra.auth.${name}`, parameters: { validator_class_name: 'org.apache.cassandra.auth.SpiffeCertificateValidator' } };
  }
  return name;
}

/** The client_encryption_options section (or `{ enabled: false }`). */
export function clientEncryptionOptions(setup: CqlServerSetup, stores: ServerStores | undefined): Record<string, unknown> {
  const tls = setup.tls;
  if (!tls) return { enabled: false };
  if (!stores) throw new Error('a TLS server setup needs its stores');
  const o: Record<string, unknown> = { enabled: true, optional: tls.optional ?? false };
  if (tls.storeFormat === 'pem') o['ssl_context_factory'] = { class_name: PEM_FACTORY };
  o['keystore'] = stores.keystore;
  if (stores.keystorePassword !== undefined) o['keystore_password'] = stores.keystorePassword;
  if (stores.truststore) {
    o['truststore'] = stores.truststore;
    if (stores.truststorePassword !== undefined) o['truststore_password'] = stores.truststorePassword;
  }
  o['store_type'] = { pkcs12: 'PKCS12', jks: 'JKS', pem: 'PEM' }[tls.storeFormat];
  o['require_client_auth'] = tls.requireClientAuth;
  if (tls.protocol) o['protocol'] = tls.protocol;
  if (tls.acceptedProtocols) o['accepted_protocols'] = tls.acceptedProtocols;
  if (tls.cipherSuites) o['cipher_suites'] = tls.cipherSuites;
  return o;
}

/** The whole cassandra.yaml as an object (tests look at it; render() writes it). */
export function cassandraYamlObject(setup: CqlServerSetup, place: ServerPlacement, stores?: ServerStores): Record<string, unknown> {
  const d = (sub: string) => `${place.dir}/${sub}`;
  return {
    cluster_name: place.clusterName,
    num_tokens: 1,
    initial_token: 0,
    partitioner: 'org.apache.cassandra.dht.Murmur3Partitioner',
    commitlog_sync: 'periodic',
    // Short: a server stopped with SIGKILL right after its fixture was written (the mTLS bootstrap) keeps it.
    commitlog_sync_period: '100ms',
    endpoint_snitch: 'SimpleSnitch',
    seed_provider: [{ class_name: 'org.apache.cassandra.locator.SimpleSeedProvider', parameters: [{ seeds: `${place.host}:${place.storagePort}` }] }],
    listen_address: place.host,
    rpc_address: place.host,
    storage_port: place.storagePort,
    native_transport_port: place.nativePort,
    start_native_transport: true,
    data_file_directories: [d('data')],
    commitlog_directory: d('commitlog'),
    saved_caches_directory: d('saved_caches'),
    hints_directory: d('hints'),
    cdc_raw_directory: d('cdc_raw'),
    auto_snapshot: false,
    authenticator: authenticatorEntry(setup.authenticator),
    authorizer: setup.authorizer,
    role_manager: 'CassandraRoleManager',
    network_authorizer: 'AllowAllNetworkAuthorizer',
    // Caches off: a revoke or a new grant is seen by the next statement, no sleeping.
    roles_validity: '0ms',
    permissions_validity: '0ms',
    credentials_validity: '0ms',
    // UDFs for the FUNCTION resource cells (CREATE FUNCTION needs them enabled).
    user_defined_functions_enabled: true,
    // Dynamic data masking for UNMASK / SELECT_MASKED.
    dynamic_data_masking_enabled: true,
    client_encryption_options: clientEncryptionOptions(setup, stores),
  };
}

export function renderCassandraYaml(setup: CqlServerSetup, place: ServerPlacement, stores?: ServerStores): string {
  return `# cassandra.yaml rendered by secmatrix (CQL family) — one server configuration\n${stringify(cassandraYamlObject(setup, place, stores))}`;
}
