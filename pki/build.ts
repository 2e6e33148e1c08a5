// Builds a PKI set: keys and artifacts from the cache where possible, the rest made now, then every
// file written into the output directory together with manifest.json.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { hashOf } from './canonical-hash.ts';
import { PkiCache, type CacheEntry } from './cache.ts';
import { issueCertificate, serialFromHash } from './certificate.ts';
import { defaultPkiRequest } from './default-request.ts';
import { encryptPkcs8Pem } from './encrypted-key.ts';
import { generateKeyPem, importKeyPem, type KeyPair } from './keys.ts';
import { defaultCacheDir } from './paths.ts';
import { fromPem } from './pem.ts';
import { makeKeyStore, makeTrustStore } from './pkcs12.ts';
import { resolveRequest, type ResolvedBundle, type ResolvedCert } from './request.ts';
import type { CacheReport, PkiArtifact, PkiManifest, PkiRequest, PkiSet } from './types.ts';
import { WINDOW_DESCRIPTIONS } from './validity.ts';
import { x509 } from './x509.ts';

/** Bumped whenever the way artifacts are made changes, so old cache entries are not reused. */
const FORMAT_VERSION = 1;

export interface BuildOptions {
  /** Default: `.secmatrix-cache/pki/` under the repository root. */
  cacheDir?: string;
  /** Default: `<cacheDir>/sets/<hash of the request>/`. */
  outDir?: string;
  /** Reference time for the default validity anchor (tests); default now. */
  now?: Date;
}

/** Test-only passwords, derived from the id so they are stable and obvious. */
export function passwordFor(id: string): string {
  return `test-only-${id}`;
}

function fingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}

interface MadeCert {
  req: ResolvedCert;
  hash: string;
  key: KeyPair;
  entry: CacheEntry;
  certPem: string;
  certDer: Uint8Array;
  /** Parsed lazily: only needed when something it issues has to be made. */
  parsed(): x509.X509Certificate;
}

async function loadOrMakeKey(cache: PkiCache, c: ResolvedCert, report: CacheReport): Promise<{ key: KeyPair; digest: string }> {
  const hash = hashOf({ v: FORMAT_VERSION, key: c.id, keyType: c.keyType });
  const cached = await cache.readKey(hash);
  if (cached !== undefined) {
    try {
      return { key: await importKeyPem(cached, c.keyType), digest: hashOf(cached) };
    } catch (err) {
      report.repaired.push({ id: c.id, what: `key ${cache.keyPath(hash)}`, reason: (err as Error).message });
    }
  }
  const pem = await generateKeyPem(c.keyType);
  await cache.writeKey(hash, pem);
  report.keysGenerated.push(c.id);
  return { key: await importKeyPem(pem, c.keyType), digest: hashOf(pem) };
}

/** Looks an entry up; a damaged one is reported, removed and treated as missing. */
async function lookup(cache: PkiCache, hash: string, id: string, report: CacheReport): Promise<CacheEntry | undefined> {
  const found = await cache.readEntry(hash);
  if (found.state === 'hit') {
    report.hits.push(id);
    return found.entry;
  }
  if (found.state === 'corrupt') {
    report.repaired.push({ id, what: `cache entry ${cache.entryPath(hash)}`, reason: found.reason });
    await cache.dropEntry(hash);
  }
  report.generated.push(id);
  return undefined;
}

function chainAbove(c: ResolvedCert, made: Map<string, MadeCert>): MadeCert[] {
  const out: MadeCert[] = [];
  for (let id = c.issuer; id !== 'self'; ) {
    const m = made.get(id)!;
    out.push(m);
    id = m.req.issuer;
  }
  return out;
}

async function makeCert(cache: PkiCache, c: ResolvedCert, key: { key: KeyPair; digest: string }, made: Map<string, MadeCert>, report: CacheReport): Promise<MadeCert> {
  const issuer = c.issuer === 'self' ? undefined : made.get(c.issuer)!;
  const password = passwordFor(c.id);
  // Everything that shapes the files, and nothing else (descriptions and bad labels are manifest-only).
  const hash = hashOf({
    v: FORMAT_VERSION,
    id: c.id,
    kind: c.kind,
    keyType: c.keyType,
    subject: c.subject,
    sans: c.sans,
    ekus: c.ekus,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    isCa: c.isCa,
    pathLength: c.pathLength ?? null,
    issuer: issuer ? issuer.hash : 'self',
    key: key.digest,
    password,
  });
  let entry = await lookup(cache, hash, c.id, report);
  if (!entry) {
    const cert = await issueCertificate(c, key.key, serialFromHash(hash), issuer ? { cert: issuer.parsed(), key: issuer.key } : undefined);
    const certDer = new Uint8Array(cert.rawData);
    const files: Record<string, Uint8Array | string> = { 'cert.pem': cert.toString('pem') + '\n' };
    if (c.kind === 'ca') {
      files['truststore.p12'] = await makeTrustStore({ entries: [{ alias: c.id, der: certDer }], password });
    } else {
      files['key.enc.pem'] = encryptPkcs8Pem(key.key.pkcs8Pem, password);
      files['keystore.p12'] = await makeKeyStore({ alias: c.id, pkcs8Der: fromPem('PRIVATE KEY', key.key.pkcs8Pem), chainDer: [certDer, ...chainAbove(c, made).map((m) => m.certDer)], password });
    }
    entry = await cache.writeEntry(hash, c.id, files, { serialNumber: cert.serialNumber, fingerprintSha256: fingerprint(certDer) });
  }
  const certPem = entry.files['cert.pem']!.toString('utf8');
  const certDer = fromPem('CERTIFICATE', certPem);
  let parsed: x509.X509Certificate | undefined;
  return { req: c, hash, key: key.key, entry, certPem, certDer, parsed: () => (parsed ??= new x509.X509Certificate(certDer)) };
}

async function makeBundle(cache: PkiCache, b: ResolvedBundle, made: Map<string, MadeCert>, report: CacheReport): Promise<CacheEntry> {
  const password = passwordFor(b.id);
  const members = b.cas.map((id) => made.get(id)!);
  const hash = hashOf({ v: FORMAT_VERSION, bundle: b.id, cas: members.map((m) => [m.req.id, m.hash]), password });
  const entry = await lookup(cache, hash, b.id, report);
  if (entry) return entry;
  const truststore = await makeTrustStore({ entries: members.map((m) => ({ alias: m.req.id, der: m.certDer })), password });
  return cache.writeEntry(hash, b.id, { 'truststore.p12': truststore }, {});
}

/** Writes a file atomically (temp + rename), so concurrent readers never see half of it. */
async function put(path: string, data: Uint8Array | string, secret = false): Promise<string> {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(tmp, data, { mode: secret ? 0o600 : 0o644 });
  await rename(tmp, path);
  return path;
}

/**
 * Builds (or loads from the cache) every artifact of a request, writes them into the output
 * directory with manifest.json, and returns the manifest. Throws PkiRequestError for a bad request.
 */
export async function buildPki(request: PkiRequest = defaultPkiRequest(), opts: BuildOptions = {}): Promise<PkiSet> {
  const resolved = resolveRequest(request, opts.now);
  const cacheDir = resolve(opts.cacheDir ?? defaultCacheDir());
  const outDir = resolve(opts.outDir ?? join(cacheDir, 'sets', hashOf(request).slice(0, 16)));
  const cache = new PkiCache(cacheDir);
  const report: CacheReport = { hits: [], generated: [], keysGenerated: [], repaired: [] };

  // Keys first and all at once: RSA generation runs on libuv's thread pool.
  const keyList = await Promise.all(resolved.certs.map((c) => loadOrMakeKey(cache, c, report)));
  const keys = new Map(resolved.certs.map((c, i) => [c.id, keyList[i]!]));

  const made = new Map<string, MadeCert>();
  for (const c of resolved.certs) made.set(c.id, await makeCert(cache, c, keys.get(c.id)!, made, report));
  const bundles = new Map<string, CacheEntry>();
  for (const b of resolved.bundles) bundles.set(b.id, await makeBundle(cache, b, made, report));

  await mkdir(outDir, { recursive: true });
  const artifacts: Record<string, PkiArtifact> = {};
  // Manifest order: the request's order, not the issuing order.
  const requestOrder = request.certs.map((c) => c.id);
  for (const id of requestOrder) {
    const m = made.get(id)!;
    const c = m.req;
    const above = chainAbove(c, made);
    const password = passwordFor(id);
    const file = (suffix: string) => join(outDir, `${id}${suffix}`);
    const artifact: PkiArtifact = {
      id,
      kind: c.kind,
      description: c.description,
      keyType: c.keyType,
      subject: c.subject,
      issuer: c.issuer,
      issuerChain: above.map((a) => a.req.id),
      sans: c.sans,
      ekus: c.ekus,
      isCa: c.isCa,
      validity: c.window,
      notBefore: c.notBefore.toISOString(),
      notAfter: c.notAfter.toISOString(),
      serialNumber: m.entry.meta.info.serialNumber!,
      fingerprintSha256: m.entry.meta.info.fingerprintSha256!,
      files: { cert: await put(file('.crt.pem'), m.certPem) },
      passwords: {},
    };
    if (c.kind === 'ca') {
      artifact.files.truststore = await put(file('.truststore.p12'), m.entry.files['truststore.p12']!);
      artifact.passwords.truststore = password;
    } else {
      // What a peer presents: the leaf and the intermediates, never the root it must already trust.
      const chainPem = [m, ...above.filter((a) => a.req.issuer !== 'self')].map((x) => x.certPem).join('');
      artifact.files.chain = await put(file('.chain.pem'), chainPem);
      artifact.files.key = await put(file('.key.pem'), m.key.pkcs8Pem, true);
      artifact.files.keyEncrypted = await put(file('.key.enc.pem'), m.entry.files['key.enc.pem']!, true);
      artifact.files.combined = await put(file('.combined.pem'), m.key.pkcs8Pem + chainPem, true);
      artifact.files.keystore = await put(file('.keystore.p12'), m.entry.files['keystore.p12']!, true);
      artifact.passwords.key = password;
      artifact.passwords.keystore = password;
    }
    if (c.bad) artifact.bad = c.bad;
    artifacts[id] = artifact;
  }
  for (const b of resolved.bundles) {
    const password = passwordFor(b.id);
    artifacts[b.id] = {
      id: b.id,
      kind: 'bundle',
      description: b.description,
      contains: b.cas,
      files: {
        bundle: await put(join(outDir, `${b.id}.pem`), b.cas.map((id) => made.get(id)!.certPem).join('')),
        truststore: await put(join(outDir, `${b.id}.truststore.p12`), bundles.get(b.id)!.files['truststore.p12']!),
      },
      passwords: { truststore: password },
    };
  }

  const manifest: PkiManifest = { format: 'secmatrix-pki/1', anchor: resolved.anchor.toISOString(), windows: WINDOW_DESCRIPTIONS, outDir, artifacts };
  const manifestPath = await put(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { ...manifest, manifestPath, cache: report };
}

/** One artifact of a set; throws a clear error for an unknown id. */
export function getArtifact(set: PkiManifest, id: string): PkiArtifact {
  const a = set.artifacts[id];
  if (!a) throw new Error(`no PKI artifact "${id}" (known: ${Object.keys(set.artifacts).join(', ')})`);
  return a;
}
