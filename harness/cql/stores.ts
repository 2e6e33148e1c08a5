// Prepares the files a server setup's TLS part points at, in the server's directory: PKCS#12 from
// the PKI as is, JKS converted with keytool (what the seed's `truststore.jks` is), PEM key+chain and
// CA file for PEMBasedSslContextFactory.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PkiManifest } from '../../pki/types.ts';
import type { CqlServerTls } from './model.ts';
import type { ServerStores } from './render.ts';

const run = promisify(execFile);

function artifact(pki: PkiManifest, id: string) {
  const a = pki.artifacts[id];
  if (!a) throw new Error(`PKI has no artifact "${id}"`);
  return a;
}

async function toJks(src: string, srcPass: string, dest: string): Promise<void> {
  await run(
    'keytool',
    [
      '-importkeystore',
      '-noprompt',
      '-srckeystore',
      src,
      '-srcstoretype',
      'PKCS12',
      '-srcstorepass',
      srcPass,
      '-destkeystore',
      dest,
      '-deststoretype',
      'JKS',
      '-deststorepass',
      srcPass,
    ],
    { timeout: 30_000 },
  );
}

export async function prepareServerStores(tls: CqlServerTls, pki: PkiManifest, dir: string): Promise<ServerStores> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const server = artifact(pki, tls.serverCert);
  const ca = tls.trustCa ? artifact(pki, tls.trustCa) : undefined;
  if (tls.storeFormat === 'pkcs12') {
    return {
      keystore: server.files.keystore!,
      keystorePassword: server.passwords.keystore!,
      ...(ca ? { truststore: ca.files.truststore!, truststorePassword: ca.passwords.truststore! } : {}),
    };
  }
  if (tls.storeFormat === 'jks') {
    const ks = join(dir, `${server.id}.keystore.jks`);
    await toJks(server.files.keystore!, server.passwords.keystore!, ks);
    const out: ServerStores = { keystore: ks, keystorePassword: server.passwords.keystore! };
    if (ca) {
      const ts = join(dir, `${ca.id}.truststore.jks`);
      await toJks(ca.files.truststore!, ca.passwords.truststore!, ts);
      out.truststore = ts;
      out.truststorePassword = ca.passwords.truststore!;
    }
    return out;
  }
  // PEM: the private key followed by the chain; with an encrypted key, keystore_password is its password.
  const keyPem = join(dir, `${server.id}.key-and-chain.pem`);
  const key = await readFile(tls.pemKeyEncrypted ? server.files.keyEncrypted! : server.files.key!, 'utf8');
  await writeFile(keyPem, key + (await readFile(server.files.chain!, 'utf8')), { mode: 0o600 });
  const out: ServerStores = { keystore: keyPem, ...(tls.pemKeyEncrypted ? { keystorePassword: server.passwords.key! } : {}) };
  if (ca) {
    const caPem = join(dir, `${ca.id}.pem`);
    await copyFile(ca.files.cert!, caPem);
    out.truststore = caPem;
  }
  return out;
}
