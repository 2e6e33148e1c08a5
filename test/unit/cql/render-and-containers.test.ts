// cassandra.yaml and scylla.yaml rendering, and the container definitions of cassandra:<version> and
// scylladb/scylla:<version> up to what they would start (neither image can be pulled here).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  CASSANDRA_CONF,
  CASSANDRA_READY,
  CASSANDRA_STORES,
  cassandraContainer,
  SCYLLA_CONF,
  SCYLLA_STORES,
  scyllaContainer,
  scyllaYamlObject,
} from '../../../harness/cql/containers.ts';
import type { CqlServerSetup } from '../../../harness/cql/model.ts';
import { cassandraYamlObject, renderCassandraYaml } from '../../../harness/cql/render.ts';
import { cassandraJvmArgs } from '../../../harness/cql/cassandra/jvm-options.ts';

const place = { clusterName: 'c', dir: '/tmp/x', host: '127.0.0.1', nativePort: 19042, storagePort: 17000 };
const mutualPem: CqlServerSetup = {
  tls: {
    serverCert: 'member-rsa',
    storeFormat: 'pem',
    trustCa: 'root-ca',
    requireClientAuth: true,
    acceptedProtocols: ['TLSv1.2'],
    cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
  },
  authenticator: 'PasswordAuthenticator',
  authorizer: 'CassandraAuthorizer',
};

describe('cassandra.yaml', () => {
  it('renders client_encryption_options, authenticator, authorizer and caches off', () => {
    const y = parse(renderCassandraYaml(mutualPem, place, { keystore: '/s/key.pem', truststore: '/s/ca.pem' })) as Record<string, any>;
    expect(y['client_encryption_options']).toEqual({
      enabled: true,
      optional: false,
      ssl_context_factory: { class_name: 'org.apache.cassandra.security.PEMBasedSslContextFactory' },
      keystore: '/s/key.pem',
      truststore: '/s/ca.pem',
      store_type: 'PEM',
      require_client_auth: true,
      accepted_protocols: ['TLSv1.2'],
      cipher_suites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
    });
    expect(y['authenticator']).toBe('PasswordAuthenticator');
    expect(y['authorizer']).toBe('CassandraAuthorizer');
    expect([y['roles_validity'], y['permissions_validity'], y['credentials_validity']]).toEqual(['0ms', '0ms', '0ms']);
    expect(y['native_transport_port']).toBe(19042);
    expect(y['data_file_directories']).toEqual(['/tmp/x/data']);
  });
  it('the mTLS authenticators carry the SPIFFE validator; plaintext has encryption off', () => {
    const y = cassandraYamlObject({ tls: null, authenticator: 'MutualTlsAuthenticator', authorizer: 'AllowAllAuthorizer' }, place);
    expect(y['authenticator']).toEqual({
      class_name: 'org.apache.cassandra.auth.MutualTlsAuthenticator',
      parameters: { validator_class_name: 'org.apache.cassandra.auth.SpiffeCertificateValidator' },
    });
    expect(y['client_encryption_options']).toEqual({ enabled: false });
  });
  it('PKCS12 stores carry their passwords and store type', () => {
    const y = cassandraYamlObject(
      {
        tls: { serverCert: 'member-rsa', storeFormat: 'pkcs12', requireClientAuth: false, optional: true },
        authenticator: 'AllowAllAuthenticator',
        authorizer: 'AllowAllAuthorizer',
      },
      place,
      { keystore: '/k.p12', keystorePassword: 'kp' },
    );
    expect(y['client_encryption_options']).toMatchObject({
      enabled: true,
      optional: true,
      keystore: '/k.p12',
      keystore_password: 'kp',
      store_type: 'PKCS12',
      require_client_auth: false,
    });
  });
  it('the JVM runs CassandraDaemon with the Java 17 flags, the config and a fast superuser', () => {
    const a = cassandraJvmArgs({ lib: '/lib', yamlPath: '/d/c.yaml', storageDir: '/d', logDir: '/d/logs', heap: '768m' });
    expect(a).toContain('-Dcassandra.superuser_setup_delay_ms=0');
    expect(a).toContain('-Dio.netty.tryReflectionSetAccessible=true');
    expect(a).toContain('-Dcassandra.config=file:///d/c.yaml');
    expect(a.slice(-3)).toEqual(['-cp', '/lib/*', 'org.apache.cassandra.service.CassandraDaemon']);
  });
  it("the JVM's temp files stay in the server's dir, and it writes no hsperfdata (its stop is a SIGKILL)", () => {
    const a = cassandraJvmArgs({ lib: '/lib', yamlPath: '/d/c.yaml', storageDir: '/d', logDir: '/d/logs', tmpDir: '/d/tmp', heap: '768m' });
    expect(a).toContain('-Djava.io.tmpdir=/d/tmp');
    expect(a).toContain('-XX:-UsePerfData');
    expect(a.indexOf('-Djava.io.tmpdir=/d/tmp')).toBeLessThan(a.indexOf('-cp'));
  });
});

describe('container definitions (checked, not run: the images cannot be pulled here)', () => {
  it('cassandra:<version> gets the rendered yaml and the stores copied in, on the host network', () => {
    const setup: CqlServerSetup = {
      tls: { serverCert: 'member-rsa', storeFormat: 'pkcs12', trustCa: 'root-ca', requireClientAuth: true },
      authenticator: 'PasswordAuthenticator',
      authorizer: 'CassandraAuthorizer',
    };
    const { spec, yaml } = cassandraContainer(setup, {
      version: '5.0.9',
      nativePort: 19042,
      storagePort: 17000,
      stores: {
        keystore: '/host/pki/member-rsa.keystore.p12',
        keystorePassword: 'kp',
        truststore: '/host/pki/root-ca.truststore.p12',
        truststorePassword: 'tp',
      },
    });
    const d = spec.definition();
    expect(d.image).toBe('docker.io/library/cassandra:5.0.9');
    expect(d.networkMode).toBe('host');
    expect(d.env).toMatchObject({
      CASSANDRA_LISTEN_ADDRESS: '127.0.0.1',
      CASSANDRA_RPC_ADDRESS: '127.0.0.1',
      CASSANDRA_SEEDS: '127.0.0.1',
      JVM_EXTRA_OPTS: '-Dcassandra.superuser_setup_delay_ms=0',
      MAX_HEAP_SIZE: '768M',
    });
    expect(d.wait).toEqual({ logMessage: String(CASSANDRA_READY), times: 1, timeoutMs: 180_000 });
    expect(d.files.map((f) => f.target).sort()).toEqual(
      [CASSANDRA_CONF, `${CASSANDRA_STORES}/member-rsa.keystore.p12`, `${CASSANDRA_STORES}/root-ca.truststore.p12`].sort(),
    );
    const y = parse(yaml) as Record<string, any>;
    expect(y['client_encryption_options']).toMatchObject({
      keystore: `${CASSANDRA_STORES}/member-rsa.keystore.p12`,
      truststore: `${CASSANDRA_STORES}/root-ca.truststore.p12`,
      require_client_auth: true,
    });
    expect(y['data_file_directories']).toEqual(['/var/lib/cassandra/data']);
    expect(y['native_transport_port']).toBe(19042);
  });
  it('scylladb/scylla:<version> gets scylla.yaml with its own keys: PEM certificate/keyfile/truststore, the TLS port, priority_string', () => {
    const { spec, yaml } = scyllaContainer(mutualPem, {
      version: '6.2.0',
      nativePort: 19042,
      pem: { certificate: '/host/member-rsa.chain.pem', keyfile: '/host/member-rsa.key.pem', truststore: '/host/root-ca.crt.pem' },
    });
    const d = spec.definition();
    expect(d.image).toBe('docker.io/scylladb/scylla:6.2.0');
    expect(d.command).toEqual(['--smp', '1', '--memory', '750M', '--overprovisioned', '1', '--developer-mode', '1', '--api-address', '127.0.0.1']);
    expect(d.files.map((f) => f.target).sort()).toEqual(
      [SCYLLA_CONF, `${SCYLLA_STORES}/ca.pem`, `${SCYLLA_STORES}/server.crt`, `${SCYLLA_STORES}/server.key`].sort(),
    );
    const y = parse(yaml) as Record<string, any>;
    expect(y['native_transport_port']).toBe(9142);
    expect(y['native_transport_port_ssl']).toBe(9142);
    expect(y['client_encryption_options']).toEqual({
      enabled: true,
      certificate: `${SCYLLA_STORES}/server.crt`,
      keyfile: `${SCYLLA_STORES}/server.key`,
      truststore: `${SCYLLA_STORES}/ca.pem`,
      require_client_auth: true,
      priority_string: 'SECURE128:-VERS-ALL:+VERS-TLS1.2',
    });
    expect(y['authenticator']).toBe('PasswordAuthenticator');
  });
  it('ScyllaDB: optional TLS keeps a plaintext port; certificate login is CertificateAuthenticator; what it lacks is an error', () => {
    const y = scyllaYamlObject(
      {
        tls: { serverCert: 'm', storeFormat: 'pem', requireClientAuth: true, optional: true },
        authenticator: 'MutualTlsAuthenticator',
        authorizer: 'CassandraAuthorizer',
      },
      { nativePort: 9042, certificate: '/c', keyfile: '/k' },
    );
    expect([y['native_transport_port'], y['native_transport_port_ssl']]).toEqual([9042, 9142]);
    expect(y['authenticator']).toBe('com.scylladb.auth.CertificateAuthenticator');
    expect(() =>
      scyllaYamlObject({ tls: null, authenticator: 'MutualTlsWithPasswordFallbackAuthenticator', authorizer: 'CassandraAuthorizer' }, { nativePort: 9042 }),
    ).toThrow(/ScyllaDB has no/);
    expect(() =>
      scyllaYamlObject(
        {
          tls: { serverCert: 'm', storeFormat: 'pem', pemKeyEncrypted: true, requireClientAuth: false },
          authenticator: 'AllowAllAuthenticator',
          authorizer: 'AllowAllAuthorizer',
        },
        { nativePort: 9042 },
      ),
    ).toThrow(/unencrypted/);
  });
});
