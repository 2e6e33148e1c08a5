// The CQL external target's judgement "is this cell's server configuration the cluster's?": a cluster
// cassandra.yaml and a server configuration of matrices/cql/servers.yaml (rendered by render.ts)
// compare by the settings that decide outcomes and by what the stores hold — near misses (one key,
// another certificate in the store, `optional` flipped, an encrypted PEM key) are named differences;
// ports, paths, passwords, package prefixes and store formats' bytes are not. Also HOST:PORT parsing.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildPki } from '../../../pki/index.ts';
import type { PkiManifest } from '../../../pki/types.ts';
import { parseHostPort } from '../../../harness/core/util/host-port.ts';
import type { CqlServerSetup } from '../../../harness/cql/model.ts';
import { cqlPkiRequest } from '../../../harness/cql/pki-request.ts';
import { loadServers } from '../../../harness/cql/plan/load.ts';
import { cassandraYamlObject } from '../../../harness/cql/render.ts';
import { prepareServerStores } from '../../../harness/cql/stores.ts';
import { comparableServer, differences, parseCassandraYaml } from '../../../harness/cql/targets/compare.ts';
import { adminFromEnv, ExternalCassandra, readClusterConfig, redactYamlPasswords } from '../../../harness/cql/targets/external.ts';
import { writeServerFiles } from '../../../harness/cql/targets/write-server.ts';

let dir: string;
let pki: PkiManifest;
const servers = loadServers();
const setupOf = (key: string): CqlServerSetup => {
  const s = servers[key]!;
  return { tls: s.tls, authenticator: s.authenticator, authorizer: s.authorizer };
};
let n = 0;

/** A server configuration rendered as the embedded target would, in its own directory and ports. */
async function rendered(key: string, setup: CqlServerSetup = setupOf(key)): Promise<Record<string, unknown>> {
  const d = join(dir, `r${++n}`);
  const stores = setup.tls ? await prepareServerStores(setup.tls, pki, join(d, 'stores')) : undefined;
  return cassandraYamlObject(setup, { clusterName: `c${n}`, dir: d, host: '127.0.0.1', nativePort: 9000 + n, storagePort: 7000 + n }, stores);
}
const cmp = (doc: Record<string, unknown>) => comparableServer(doc, { baseDir: dir });
async function diff(cluster: Record<string, unknown>, cell: Record<string, unknown>): Promise<string[]> {
  return differences(await cmp(cluster), await cmp(cell));
}
const ceo = (doc: Record<string, unknown>) => doc['client_encryption_options'] as Record<string, unknown>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'secmatrix-unit-cqlext-'));
  pki = await buildPki(cqlPkiRequest(), { outDir: join(dir, 'pki') });
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('cassandra.yaml comparison (external target)', () => {
  it('a configuration equals itself rendered elsewhere: other ports, directories, cluster name, store paths', async () => {
    for (const key of ['password', 'tls-server', 'tls-mutual', 'tls-mutual-pem', 'tls-mutual-jks', 'tls12-one-suite', 'mtls-fallback'])
      expect(await diff(await rendered(key), await rendered(key)), key).toEqual([]);
  });

  it('a one-key difference is named: the authenticator', async () => {
    const cluster = await rendered('mtls');
    cluster['authenticator'] = 'PasswordAuthenticator';
    expect(await diff(cluster, await rendered('mtls'))).toEqual([
      "the cluster's authenticator is PasswordAuthenticator, this cell's server needs MutualTlsAuthenticator",
    ]);
    // The validator is a parameter of the mTLS authenticators: compared when both use one.
    const other = await rendered('mtls');
    other['authenticator'] = {
      class_name: 'org.apache.cassandra.auth.MutualTlsAuthenticator',
      parameters: { validator_class_name: 'com.example.MyValidator' },
    };
    expect(await diff(other, await rendered('mtls'))).toEqual([
      "the cluster's authenticator validator is com.example.MyValidator, this cell's server needs SpiffeCertificateValidator",
    ]);
  });

  it('a one-key difference is named: require_client_auth, a permissions cache, a cipher suite list', async () => {
    const a = await rendered('tls-mutual');
    ceo(a)['require_client_auth'] = false;
    expect(await diff(a, await rendered('tls-mutual'))).toEqual([
      "the cluster's client_encryption_options.require_client_auth is false, this cell's server needs true",
    ]);
    const b = await rendered('password');
    delete b['permissions_validity'];
    expect(await diff(b, await rendered('password'))).toEqual(["the cluster's permissions_validity is 2000 ms, this cell's server needs 0 ms"]);
    const c = await rendered('tls12-one-suite');
    ceo(c)['cipher_suites'] = ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'];
    expect(await diff(c, await rendered('tls12-one-suite'))).toEqual([
      "the cluster's client_encryption_options.cipher_suites is TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, " +
        "this cell's server needs TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    ]);
  });

  it('optional flipped is a difference; TLS on one side only names client encryption, not every TLS key', async () => {
    expect(await diff(await rendered('tls-server'), await rendered('tls-optional'))).toEqual([
      "the cluster's client encryption is required, this cell's server needs optional (plaintext and TLS)",
    ]);
    expect(await diff(await rendered('plain'), await rendered('tls-server'))).toEqual([
      "the cluster's client encryption is off, this cell's server needs required",
    ]);
  });

  it('other store content: another server certificate, a store with the right name but other content', async () => {
    const d = await diff(await rendered('tls-untrusted-cert'), await rendered('tls-server'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatch(
      /^the cluster's client_encryption_options\.keystore content is private key \+ chain member-untrusted-ca \[sha256 [0-9a-f]{16}\].*, this cell's server needs private key \+ chain member-rsa /,
    );
    // The cell's file name and format, another certificate inside (a copy: PKCS12 stores are the PKI's own files).
    const cluster = await rendered('tls-server');
    const ks = join(dir, 'copy', 'member-rsa.keystore.p12');
    await mkdir(join(dir, 'copy'), { recursive: true });
    await copyFile(pki.artifacts['member-expired']!.files.keystore!, ks);
    ceo(cluster)['keystore'] = ks;
    ceo(cluster)['keystore_password'] = pki.artifacts['member-expired']!.passwords.keystore;
    expect((await diff(cluster, await rendered('tls-server'))).join('\n')).toMatch(/keystore content is private key \+ chain member-expired/);
    // The trust store: another CA.
    const t = await rendered('tls-mutual');
    ceo(t)['truststore'] = pki.artifacts['untrusted-ca']!.files.truststore;
    ceo(t)['truststore_password'] = pki.artifacts['untrusted-ca']!.passwords.truststore;
    expect((await diff(t, await rendered('tls-mutual'))).join('\n')).toMatch(
      /^the cluster's client_encryption_options\.truststore content is trusted .*untrusted/i,
    );
  });

  it('stores compare by content: JKS and PKCS12 of the same certificates differ only in store_type; an encrypted PEM key is named', async () => {
    expect(await diff(await rendered('tls-mutual-jks'), await rendered('tls-mutual'))).toEqual([
      "the cluster's client_encryption_options.store_type is JKS, this cell's server needs PKCS12",
    ]);
    const d = await diff(await rendered('tls-mutual-pem'), await rendered('tls-mutual-pem-encrypted-key'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatch(/keystore content is private key \+ chain .*, this cell's server needs encrypted private key \+ chain/);
  });

  it("the cluster's own spelling: package-qualified class names, old *_in_ms keys, string booleans", async () => {
    const cluster = await rendered('password');
    cluster['authenticator'] = 'org.apache.cassandra.auth.PasswordAuthenticator';
    cluster['authorizer'] = { class_name: 'org.apache.cassandra.auth.CassandraAuthorizer' };
    delete cluster['roles_validity'];
    cluster['roles_validity_in_ms'] = 0;
    cluster['dynamic_data_masking_enabled'] = 'true';
    expect(await diff(cluster, await rendered('password'))).toEqual([]);
  });

  it('an unknown client_encryption_options key is compared as written', async () => {
    const cluster = await rendered('tls-server');
    ceo(cluster)['max_certificate_validity_period'] = '365d';
    expect(await diff(cluster, await rendered('tls-server'))).toEqual([
      `the cluster's client_encryption_options.max_certificate_validity_period is "365d", this cell's server needs (not set)`,
    ]);
  });

  it('a store that cannot be read (wrong password, missing file) is an error naming the setting and the file', async () => {
    const a = await rendered('tls-server');
    ceo(a)['keystore_password'] = 'not-the-password';
    await expect(cmp(a)).rejects.toThrow(
      /client_encryption_options\.keystore .*member-rsa\.keystore\.p12: keytool cannot read it as PKCS12: .*password was incorrect/,
    );
    const b = await rendered('tls-server');
    ceo(b)['keystore'] = join(dir, 'nowhere.p12');
    await expect(cmp(b)).rejects.toThrow(/client_encryption_options\.keystore .*nowhere\.p12 cannot be read here/);
  });
});

describe('the cluster file', () => {
  it('malformed YAML names the file, line and column; a non-mapping says so', () => {
    expect(() =>
      parseCassandraYaml('authenticator: PasswordAuthenticator\nclient_encryption_options:\n  enabled: true\n   optional: [\n', '/x/cassandra.yaml'),
    ).toThrow(/^\/x\/cassandra\.yaml:3:12: not valid YAML: Nested mappings/);
    expect(() => parseCassandraYaml('- a\n- b\n', 'f.yaml')).toThrow(/f\.yaml: a cassandra\.yaml must be a mapping/);
    expect(() => parseCassandraYaml('', 'f.yaml')).toThrow(/this is empty/);
  });

  it('its passwords never reach the evidence', () => {
    const text = 'client_encryption_options:\n  keystore: /k.p12\n  keystore_password: "s3cret-one"\n  truststore_password: s3cret-two\nauthenticator: X\n';
    const r = redactYamlPasswords(text);
    expect(r).not.toMatch(/s3cret/);
    expect(r).toContain("keystore_password: '***'");
    expect(r).toContain('keystore: /k.p12');
  });

  it('ExternalCassandra: cells of the equal configuration run, others are not applicable with the difference', async () => {
    const file = join(dir, 'cluster.yaml');
    await writeFile(file, stringify(await rendered('tls-server')));
    const source = new ExternalCassandra({ address: '127.0.0.1:9042', configFile: file }, {});
    expect(await source.notApplicable(setupOf('tls-server'), { pki, dir: join(dir, 'cell1') })).toBeUndefined();
    expect(await source.notApplicable(setupOf('password'), { pki, dir: join(dir, 'cell2') })).toBe(
      `the external cluster runs another configuration (${file}): ` +
        "the cluster's authenticator is AllowAllAuthenticator, this cell's server needs PasswordAuthenticator; " +
        "the cluster's authorizer is AllowAllAuthorizer, this cell's server needs CassandraAuthorizer; " +
        "the cluster's client encryption is required, this cell's server needs off",
    );
    expect(source.serverVersion).toBe('external cluster at 127.0.0.1:9042');
    await expect(readClusterConfig(join(dir, 'missing.yaml'))).rejects.toThrow(/--external-config .*missing\.yaml cannot be read/);
  });

  it('`secmatrix cql render` writes a configuration whose files a run finds equal to its own (same PKI cache, stores by content)', async () => {
    const out = join(dir, 'render-jks');
    const w = await writeServerFiles({ serverKey: 'tls-mutual-jks', outDir: out, host: '127.0.0.1', nativePort: 19042, storagePort: 17000 });
    expect(w.yamlPath).toBe(join(out, 'cassandra.yaml'));
    expect(w.stores).toEqual([join(out, 'stores', 'member-rsa.keystore.jks'), join(out, 'stores', 'root-ca.truststore.jks')]);
    const source = new ExternalCassandra({ address: '127.0.0.1:19042', configFile: w.yamlPath }, {});
    // The run's own PKI (built here in another directory) and its own JKS conversion: equal content.
    expect(await source.notApplicable(setupOf('tls-mutual-jks'), { pki, dir: join(dir, 'cell3') })).toBeUndefined();
    expect(await source.notApplicable(setupOf('tls-mutual'), { pki, dir: join(dir, 'cell4') })).toMatch(/store_type is JKS, this cell's server needs PKCS12$/);
    await expect(writeServerFiles({ serverKey: 'nope', outDir: out, host: 'h', nativePort: 1, storagePort: 2 })).rejects.toThrow(
      /unknown server configuration "nope"/,
    );
  });

  it('the admin login comes from the environment, default cassandra/cassandra', () => {
    expect(adminFromEnv({})).toEqual({ username: 'cassandra', password: 'cassandra' });
    expect(adminFromEnv({ SECMATRIX_CQL_ADMIN_USER: 'ops', SECMATRIX_CQL_ADMIN_PASSWORD: 'pw' })).toEqual({ username: 'ops', password: 'pw' });
  });
});

describe('--external-address HOST:PORT', () => {
  it('parses host names, IPv4 and bracketed IPv6', () => {
    expect(parseHostPort('db1.example:9042')).toEqual({ host: 'db1.example', port: 9042 });
    expect(parseHostPort('127.0.0.1:19042')).toEqual({ host: '127.0.0.1', port: 19042 });
    expect(parseHostPort('[::1]:9042')).toEqual({ host: '::1', port: 9042 });
  });
  it('refuses what is not HOST:PORT, naming the flag and the value', () => {
    for (const bad of ['127.0.0.1', ':9042', 'host:', 'host:0', 'host:65536', 'host:90x2', '::1:9042', 'a b:9042'])
      expect(() => parseHostPort(bad, '--external-address'), bad).toThrow(`--external-address must be HOST:PORT (port 1-65535), not "${bad}"`);
  });
});
