// `secmatrix cql render --server KEY --out DIR`: one server configuration of matrices/cql/servers.yaml
// written for an operator to start their own (external) Cassandra with — its cassandra.yaml
// (render.ts) and the key and trust stores it names (stores.ts), from the suite's PKI. The PKI comes
// from the same cache as every run's (pki/: deterministic, keys kept), so a later
// `secmatrix run --target external` renders the same certificates and finds the stores equal.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildPki } from '../../../pki/index.ts';
import { CQL_IDS, cqlPkiRequest, SPIFFE } from '../pki-request.ts';
import { loadServers } from '../plan/load.ts';
import { renderCassandraYaml } from '../render.ts';
import { prepareServerStores } from '../stores.ts';

export interface WriteServerOptions {
  serverKey: string;
  outDir: string;
  host: string;
  nativePort: number;
  storagePort: number;
  /** PKI cache (default: the one every run uses). */
  cacheDir?: string;
}

export interface WrittenServer {
  yamlPath: string;
  dataDir: string;
  stores: string[];
  notes: string[];
}

export function serverKeys(): { key: string; description: string }[] {
  return Object.entries(loadServers()).map(([key, s]) => ({ key, description: s.description }));
}

export async function writeServerFiles(o: WriteServerOptions): Promise<WrittenServer> {
  const servers = loadServers();
  const server = servers[o.serverKey];
  if (!server) throw new Error(`unknown server configuration "${o.serverKey}" (matrices/cql/servers.yaml: ${Object.keys(servers).join(', ')})`);
  const out = resolve(o.outDir);
  await mkdir(out, { recursive: true, mode: 0o700 });
  const setup = { tls: server.tls, authenticator: server.authenticator, authorizer: server.authorizer };
  const pki = await buildPki(cqlPkiRequest(), { outDir: join(out, 'pki'), ...(o.cacheDir ? { cacheDir: o.cacheDir } : {}) });
  const stores = setup.tls ? await prepareServerStores(setup.tls, pki, join(out, 'stores')) : undefined;
  const dataDir = join(out, 'data');
  const yaml = renderCassandraYaml(
    setup,
    { clusterName: 'secmatrix', dir: dataDir, host: o.host, nativePort: o.nativePort, storagePort: o.storagePort },
    stores,
  );
  const yamlPath = join(out, 'cassandra.yaml');
  // It holds the stores' (test-only) passwords, as Cassandra needs them.
  await writeFile(yamlPath, yaml, { mode: 0o600 });
  const notes: string[] = [];
  if (setup.authenticator === 'MutualTlsAuthenticator') {
    const admin = pki.artifacts[CQL_IDS.clientAdmin]!.files;
    notes.push(
      "MutualTlsAuthenticator accepts certificates only: before the suite can log in, map its admin certificate's identity to a superuser role " +
        `(start once with MutualTlsWithPasswordFallbackAuthenticator and optional: true, then ADD IDENTITY '${SPIFFE.admin}' TO ROLE 'cassandra'). ` +
        `The admin certificate: ${admin.chain ?? '?'}, its key: ${admin.key ?? '?'}.`,
    );
  }
  if (setup.authenticator !== 'AllowAllAuthenticator')
    notes.push(
      'The suite logs in as SECMATRIX_CQL_ADMIN_USER / SECMATRIX_CQL_ADMIN_PASSWORD (default cassandra/cassandra) ' +
        'and creates sm_* roles and the sm_ks keyspace: use a disposable cluster.',
    );
  return { yamlPath, dataDir, stores: stores ? [stores.keystore, ...(stores.truststore ? [stores.truststore] : [])] : [], notes };
}
