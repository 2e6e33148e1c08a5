// What a server's key or trust store *holds*, independent of its file format, file name, alias names
// or password: the certificates of each entry (subject and SHA-256 fingerprint) and, for a PEM key,
// whether it is encrypted. Two stores made from the same PKI compare equal even when their bytes
// differ (keytool's JKS conversion stamps a creation date); another certificate never does.
import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface StoreRef {
  /** `client_encryption_options.keystore` or `.truststore`: named in messages. */
  what: string;
  path: string;
  /** JKS, PKCS12 or PEM. */
  type: string;
  password?: string | undefined;
}

const CERT = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

function describeCert(pem: string): string {
  const c = new X509Certificate(pem);
  const cn = /(?:^|\n|,\s*)CN=([^\n,]+)/.exec(c.subject)?.[1] ?? c.subject.replace(/\n/g, ',');
  return `${cn} [sha256 ${c.fingerprint256.replace(/:/g, '').slice(0, 16).toLowerCase()}]`;
}

function pemContent(text: string): string {
  const certs = (text.match(CERT) ?? []).map(describeCert);
  const key = /-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(text)
    ? 'encrypted private key'
    : /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/.test(text)
      ? 'private key'
      : undefined;
  if (!certs.length && !key) throw new Error('holds no PEM certificate or private key');
  return [...(key ? [`${key} + chain ${certs.join(' > ') || '(none)'}`] : certs.map((c) => `trusted ${c}`))].join('; ');
}

/** keytool -list -rfc: entries with their type and certificate chain, aliases left out, in a stable order. */
async function keystoreContent(ref: StoreRef): Promise<string> {
  if (ref.password === undefined) throw new Error(`${ref.type} store without a password: secmatrix cannot read what it holds`);
  let out: string;
  try {
    // The password goes through the environment, never the command line.
    ({ stdout: out } = await run('keytool', ['-list', '-rfc', '-keystore', ref.path, '-storetype', ref.type, '-storepass:env', 'SECMATRIX_STOREPASS'], {
      env: { ...process.env, SECMATRIX_STOREPASS: ref.password },
      timeout: 30_000,
    }));
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    const why = `${e.stdout ?? ''}${e.stderr ?? ''}`.split('\n').find((l) => /error|exception/i.test(l)) ?? e.message;
    throw new Error(`keytool cannot read it as ${ref.type}: ${why.trim()}`);
  }
  const entries = out
    .split(/^Alias name: .*$/m)
    .slice(1)
    .map((block) => {
      const type = /Entry type: (\S+)/.exec(block)?.[1] ?? '?';
      const certs = (block.match(CERT) ?? []).map(describeCert);
      return type === 'PrivateKeyEntry' ? `private key + chain ${certs.join(' > ')}` : `trusted ${certs.join(' > ')}`;
    });
  if (!entries.length) throw new Error('holds no entry');
  return entries.sort().join('; ');
}

const cache = new Map<string, Promise<string>>();

/** The store's content, as a comparable string; cached by the file's bytes, type and password. */
export async function storeContent(ref: StoreRef): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(ref.path);
  } catch (err) {
    throw new Error(`${ref.what} ${ref.path} cannot be read here: ${(err as Error).message}`);
  }
  const type = ref.type.toUpperCase();
  const key = createHash('sha256')
    .update(bytes)
    .update(`\0${type}\0${ref.password ?? ''}`)
    .digest('hex');
  let p = cache.get(key);
  if (!p) {
    p = type === 'PEM' ? Promise.resolve().then(() => pemContent(bytes.toString('utf8'))) : keystoreContent({ ...ref, type });
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  try {
    return await p;
  } catch (err) {
    throw new Error(`${ref.what} ${ref.path}: ${(err as Error).message}`);
  }
}
