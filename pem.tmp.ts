import { buildPki } from './pki/index.ts';
import { cqlPkiRequest } from './harness/cql/pki-request.ts';
import { makeTempDir } from './harness/util/tempdir.ts';
import { CassandraProcess } from './harness/cql/cassandra/process.ts';
import { prepareServerStores } from './harness/cql/stores.ts';
const work = await makeTempDir('pem');
try {
  const pki = await buildPki(cqlPkiRequest(), { outDir: `${work.path}/pki` });
  const tls = { serverCert: 'member-rsa', storeFormat: 'pem', trustCa: 'root-ca', requireClientAuth: true } as const;
  const stores = await prepareServerStores(tls, pki, `${work.path}/stores`);
  try { await new CassandraProcess().withSetup({ tls, authenticator: 'AllowAllAuthenticator', authorizer: 'AllowAllAuthorizer' }, stores).withWorkDir(work.path).start().then((s) => s.stop()); }
  catch (e: any) { console.log(e.message); console.log(e.logTail.split('\n').filter((l: string) => /Exception|Caused|ERROR/.test(l)).join('\n')); }
} finally { await work.remove(); }
