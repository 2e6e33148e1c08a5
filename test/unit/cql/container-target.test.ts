// The CQL container target without an engine: which image `--server-image` / `--server-version`
// name, the container each kind of image is started as (the locally built image's own definition,
// the official image's, ScyllaDB's), the local image's JVM arguments against the embedded ones, and
// the settings the run hands to the suite's worker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { PkiManifest } from '../../../pki/types.ts';
import { CASSANDRA_IMAGE_DIR, IMAGE_LIB, imageJvmArgs, localCassandraImage } from '../../../harness/cql/cassandra/image.ts';
import { cassandraJvmArgs } from '../../../harness/cql/cassandra/jvm-options.ts';
import { CASSANDRA_CONF, CASSANDRA_DATA, CASSANDRA_READY, CASSANDRA_STORES, SCYLLA_CONF } from '../../../harness/cql/containers.ts';
import type { CqlServerSetup } from '../../../harness/cql/model.ts';
import { ContainerCassandra, nothingListened, resolveServerImage, scyllaNotApplicable } from '../../../harness/cql/targets/container.ts';
import { serverSourceFromEnv, TARGET_ENV, targetEnv } from '../../../harness/cql/targets/index.ts';
import { RUN_LABEL } from '../../../harness/core/containers/docker-api.ts';

const tlsPassword: CqlServerSetup = {
  tls: { serverCert: 'member-rsa', storeFormat: 'pkcs12', trustCa: 'root-ca', requireClientAuth: true },
  authenticator: 'PasswordAuthenticator',
  authorizer: 'CassandraAuthorizer',
};
const stores = {
  keystore: '/run/pki/member-rsa.keystore.p12',
  keystorePassword: 'kp',
  truststore: '/run/pki/root-ca.truststore.p12',
  truststorePassword: 'tp',
};
const pki = {
  artifacts: {
    'member-rsa': { id: 'member-rsa', files: { chain: '/run/pki/member-rsa.chain.pem', key: '/run/pki/member-rsa.key.pem' }, passwords: {} },
    'root-ca': { id: 'root-ca', files: { cert: '/run/pki/root-ca.pem' }, passwords: {} },
  },
} as unknown as PkiManifest;
const input = { nativePort: 19042, storagePort: 17000, stores, dataDir: '/run/server-1/data', pki };

describe('--server-image and --server-version', () => {
  it('default: the official image, fully qualified (Podman would match a short name against local images), version 5.0.9', () => {
    expect(resolveServerImage(undefined, undefined)).toEqual({ image: 'docker.io/library/cassandra:5.0.9', kind: 'cassandra', version: '5.0.9' });
    expect(resolveServerImage('cassandra', '4.1.7')).toEqual({ image: 'docker.io/library/cassandra:4.1.7', kind: 'cassandra', version: '4.1.7' });
  });
  it('the locally built repository gets its own kind; a mirror of the official image is the official kind', () => {
    expect(resolveServerImage('localhost/secmatrix/cassandra', undefined)).toEqual({
      image: 'localhost/secmatrix/cassandra:5.0.9',
      kind: 'local-cassandra',
      version: '5.0.9',
    });
    expect(resolveServerImage('mirror.example:5000/library/cassandra', '5.0.9').kind).toBe('cassandra');
    expect(resolveServerImage('mirror.example:5000/library/cassandra', '5.0.9').image).toBe('mirror.example:5000/library/cassandra:5.0.9');
  });
  it('scylla: ScyllaDB with its own version (never the Cassandra default)', () => {
    expect(resolveServerImage('scylla', '6.2.0')).toEqual({ image: 'docker.io/scylladb/scylla:6.2.0', kind: 'scylla', version: '6.2.0' });
    expect(() => resolveServerImage('scylla', undefined)).toThrow(/needs --server-version/);
  });
  it('a tag in the image wins; giving a version too, or a malformed tag, is an error', () => {
    expect(resolveServerImage('localhost/secmatrix/cassandra:5.0.9', undefined)).toMatchObject({ version: '5.0.9', kind: 'local-cassandra' });
    expect(() => resolveServerImage('localhost/secmatrix/cassandra:5.0.9', '5.0.8')).toThrow(/names its tag already/);
    expect(() => resolveServerImage(undefined, '5.0.9;rm')).toThrow(/not an image tag/);
  });
});

describe('the container a configuration runs in', () => {
  it('local image: its own definition — the yaml and stores at the paths its argfile names, the data mounted, no entrypoint variables', () => {
    const src = new ContainerCassandra(resolveServerImage('localhost/secmatrix/cassandra', '5.0.9'));
    expect(src.serverVersion).toBe('Apache Cassandra 5.0.9 (container localhost/secmatrix/cassandra:5.0.9)');
    const { spec, yaml } = src.definition(tlsPassword, input);
    const d = spec.definition();
    expect(d.image).toBe(localCassandraImage('5.0.9'));
    expect(d.env).toEqual({});
    expect(d.command).toEqual([]);
    expect(d.networkMode).toBe('host');
    expect(d.mounts).toEqual([{ source: '/run/server-1/data', target: CASSANDRA_DATA }]);
    expect(d.wait).toEqual({ logMessage: String(CASSANDRA_READY), times: 1, timeoutMs: 180_000 });
    expect(d.files).toEqual([
      { target: CASSANDRA_CONF, from: `(${Buffer.byteLength(yaml)} bytes)`, mode: '644' },
      { target: `${CASSANDRA_STORES}/member-rsa.keystore.p12`, from: stores.keystore, mode: '644' },
      { target: `${CASSANDRA_STORES}/root-ca.truststore.p12`, from: stores.truststore, mode: '644' },
    ]);
    const y = parse(yaml) as Record<string, any>;
    expect(y['native_transport_port']).toBe(19042);
    expect(y['storage_port']).toBe(17000);
    expect(y['listen_address']).toBe('127.0.0.1');
    expect(y['commitlog_directory']).toBe(`${CASSANDRA_DATA}/commitlog`);
    expect(y['client_encryption_options']).toMatchObject({
      keystore: `${CASSANDRA_STORES}/member-rsa.keystore.p12`,
      keystore_password: 'kp',
      require_client_auth: true,
    });
  });
  it('official image: the same files and mount, plus the variables its entrypoint writes into cassandra.yaml', () => {
    const d = new ContainerCassandra(resolveServerImage(undefined, '5.0.9')).definition(tlsPassword, input).spec.definition();
    expect(d.image).toBe('docker.io/library/cassandra:5.0.9');
    expect(d.env).toMatchObject({
      CASSANDRA_LISTEN_ADDRESS: '127.0.0.1',
      CASSANDRA_SEEDS: '127.0.0.1',
      JVM_EXTRA_OPTS: '-Dcassandra.superuser_setup_delay_ms=0',
    });
    expect(d.mounts).toEqual([{ source: '/run/server-1/data', target: CASSANDRA_DATA }]);
    expect(d.files.map((f) => f.target)).toContain(CASSANDRA_CONF);
  });
  it("carries the run's label, so the run's sweep and its reaper find it", () => {
    const before = process.env['SECMATRIX_RUN_ID'];
    process.env['SECMATRIX_RUN_ID'] = 'run-1234';
    try {
      const d = new ContainerCassandra(resolveServerImage('localhost/secmatrix/cassandra', undefined)).definition(tlsPassword, input).spec.definition();
      expect(d.labels).toMatchObject({ 'org.secmatrix.managed': 'true', [RUN_LABEL]: 'run-1234' });
    } finally {
      if (before === undefined) delete process.env['SECMATRIX_RUN_ID'];
      else process.env['SECMATRIX_RUN_ID'] = before;
    }
  });
  it('ScyllaDB: PEM files from the PKI, TLS on the one port the cells use, its data mounted', () => {
    const src = new ContainerCassandra(resolveServerImage('scylla', '6.2.0'));
    const { spec, yaml } = src.definition(tlsPassword, input);
    const d = spec.definition();
    expect(d.image).toBe('docker.io/scylladb/scylla:6.2.0');
    expect(d.mounts).toEqual([{ source: '/run/server-1/data', target: '/var/lib/scylla' }]);
    expect(d.files.map((f) => f.from)).toEqual([
      `(${Buffer.byteLength(yaml)} bytes)`,
      '/run/pki/member-rsa.chain.pem',
      '/run/pki/member-rsa.key.pem',
      '/run/pki/root-ca.pem',
    ]);
    expect(d.files[0]!.target).toBe(SCYLLA_CONF);
    const y = parse(yaml) as Record<string, any>;
    expect(y['native_transport_port']).toBe(19042);
    expect(y['native_transport_port_ssl']).toBe(19042);
  });
  it('ScyllaDB: what its configuration cannot say is not applicable, with the reason', async () => {
    const src = new ContainerCassandra(resolveServerImage('scylla', '6.2.0'));
    expect(await src.notApplicable({ ...tlsPassword, authenticator: 'MutualTlsAuthenticator' })).toMatch(/ScyllaDB has no MutualTlsAuthenticator/);
    expect(scyllaNotApplicable({ ...tlsPassword, tls: { ...tlsPassword.tls!, optional: true } })).toMatch(/two ports/);
    expect(scyllaNotApplicable(tlsPassword)).toBeUndefined();
    // Apache Cassandra images express every configuration (Cassandra itself may refuse one).
    expect(
      await new ContainerCassandra(resolveServerImage(undefined, undefined)).notApplicable({ ...tlsPassword, authenticator: 'MutualTlsAuthenticator' }),
    ).toBeUndefined();
  });
});

describe('the locally built image (containers/cassandra)', () => {
  it("starts Cassandra with the embedded process's JVM arguments, at the definition's paths", () => {
    const args = imageJvmArgs().trimEnd().split('\n');
    const embedded = cassandraJvmArgs({ lib: IMAGE_LIB, yamlPath: CASSANDRA_CONF, storageDir: CASSANDRA_DATA, logDir: '/var/log/cassandra', heap: '768m' });
    expect(args).toEqual(embedded);
    expect(args).toContain(`-Dcassandra.config=file://${CASSANDRA_CONF}`);
    expect(args).toContain(`-Dcassandra.storagedir=${CASSANDRA_DATA}`);
    expect(args).toContain('-Dcassandra.superuser_setup_delay_ms=0');
    expect(args.slice(-3)).toEqual(['-cp', `${IMAGE_LIB}/*`, 'org.apache.cassandra.service.CassandraDaemon']);
  });
  it('its container file installs Debian Java 17 on the local base and runs java with that argfile', () => {
    const file = readFileSync(join(CASSANDRA_IMAGE_DIR, 'Containerfile'), 'utf8');
    expect(file).toMatch(/^FROM localhost\/secmatrix\/debian:bookworm$/m);
    expect(file).toMatch(/openjdk-17-jre-headless/);
    expect(file).toContain(`COPY lib ${IMAGE_LIB}`);
    expect(file).toContain('ENTRYPOINT ["/usr/bin/java", "@/opt/cassandra/jvm.args"]');
  });
});

describe('the settings the run hands to the suite', () => {
  it('container: the image round-trips to the same source; embedded stays the default', () => {
    const server = resolveServerImage('localhost/secmatrix/cassandra', '5.0.9');
    const env = targetEnv({ kind: 'container', server });
    expect(env[TARGET_ENV.target]).toBe('container');
    const src = serverSourceFromEnv(env);
    expect(src.name).toBe('container');
    expect((src as ContainerCassandra).server).toEqual(server);
    expect(src.fresh).toBe(true);
    expect(serverSourceFromEnv({}).name).toBe('embedded');
    expect(() => serverSourceFromEnv({ [TARGET_ENV.target]: 'container' })).toThrow(TARGET_ENV.image);
  });
});

describe('a container whose native port never listened', () => {
  it('is told from a refusal, so only it is started again (on other ports)', () => {
    const refused =
      'localhost/secmatrix/cassandra:5.0.9 listened but the admin login did not succeed within 60000 ms (last: All host(s) tried for query failed. ' +
      'First host tried, 127.0.0.1:39231: Error: connect ECONNREFUSED 127.0.0.1:39231\n    at TCPConnectWrap.afterConnect)';
    expect(nothingListened(refused)).toBe(true);
    expect(nothingListened(refused.replace('ECONNREFUSED', 'ECONNRESET'))).toBe(false);
    expect(
      nothingListened('listened but the admin login did not succeed within 60000 ms (last: Provided username cassandra and/or password are incorrect)'),
    ).toBe(false);
    expect(nothingListened('localhost/secmatrix/cassandra:5.0.9 did not become ready: ECONNREFUSED')).toBe(false);
  });
});
