// The on-disk cache: a hit makes nothing, a changed request remakes only what depends on the change,
// and a damaged entry or key is noticed, reported and made again.
import { createPublicKey, X509Certificate } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../../../harness/core/util/tempdir.ts';
import { buildPki, defaultPkiRequest, type CertRequest, type PkiArtifact, type PkiRequest, type PkiSet } from '../../../pki/index.ts';

const ANCHOR = '2026-01-01T00:00:00.000Z';

// Small and EC-only, so cold builds take milliseconds.
function request(over: Partial<Record<string, Partial<CertRequest>>> = {}): PkiRequest {
  const certs: CertRequest[] = [
    { id: 'root', kind: 'ca', description: 'root', keyType: 'ec-p256', subject: 'CN=Root,O=Test', issuer: 'self' },
    { id: 'inter', kind: 'ca', description: 'intermediate', keyType: 'ec-p256', subject: 'CN=Inter,O=Test', issuer: 'root' },
    { id: 'member', kind: 'member', description: 'member', keyType: 'ec-p256', subject: 'CN=member,O=Test', issuer: 'inter' },
    { id: 'client', kind: 'client', description: 'client', keyType: 'ec-p256', subject: 'CN=client,O=Test', issuer: 'inter' },
    { id: 'other-root', kind: 'ca', description: 'another root', keyType: 'ec-p256', subject: 'CN=Other,O=Test', issuer: 'self' },
  ].map((c) => ({ ...c, ...over[c.id] }) as CertRequest);
  return { anchor: ANCHOR, certs, bundles: [{ id: 'bundle', description: 'roots', cas: ['root', 'inter'] }] };
}

const ALL = ['root', 'inter', 'member', 'client', 'other-root', 'bundle'];
const sorted = (xs: string[]) => [...xs].sort();

describe('PKI cache', () => {
  let tmp: TempDir;
  let cacheDir: string;
  let n = 0;
  const build = (req: PkiRequest): Promise<PkiSet> => buildPki(req, { cacheDir, outDir: join(tmp.path, `out-${++n}`) });

  /** The cache entry directory holding the given artifact's current files. */
  async function entryDirOf(set: PkiSet, id: string): Promise<string> {
    const entries = join(cacheDir, 'v1', 'entries');
    const fingerprint = set.artifacts[id]!.fingerprintSha256;
    for (const name of await readdir(entries)) {
      let meta: { id: string; info: { fingerprintSha256?: string } };
      try {
        meta = JSON.parse(await readFile(join(entries, name, 'meta.json'), 'utf8'));
      } catch {
        continue; // an entry this test damaged on purpose; not the one looked for
      }
      if (meta.id === id && (fingerprint === undefined || meta.info.fingerprintSha256 === fingerprint)) return join(entries, name);
    }
    throw new Error(`no cache entry for ${id}`);
  }

  /** The cached key file whose public key is in the artifact's certificate. */
  async function keyFileOf(set: PkiSet, id: string): Promise<string> {
    const spki = (pem: string | Buffer) => createPublicKey(pem).export({ type: 'spki', format: 'der' });
    const want = new X509Certificate(await readFile(set.artifacts[id]!.files.cert!)).publicKey.export({ type: 'spki', format: 'der' });
    const keys = join(cacheDir, 'v1', 'keys');
    for (const name of await readdir(keys)) {
      if (spki(await readFile(join(keys, name))).equals(want)) return join(keys, name);
    }
    throw new Error(`no cached key for ${id}`);
  }

  beforeAll(async () => {
    tmp = await makeTempDir('pki-unit-cache');
    cacheDir = join(tmp.path, 'cache');
  });
  afterAll(async () => {
    await tmp?.remove();
  });

  it('miss: a cold build makes every key and artifact', async () => {
    const set = await build(request());
    expect(sorted(set.cache.generated)).toEqual(sorted(ALL));
    expect(sorted(set.cache.keysGenerated)).toEqual(sorted(ALL.filter((id) => id !== 'bundle')));
    expect(set.cache.hits).toEqual([]);
  });

  it('hit: the same request makes nothing and yields byte-identical files and the same manifest', async () => {
    const a = await build(request());
    const b = await build(request());
    expect(sorted(b.cache.hits)).toEqual(sorted(ALL));
    expect(b.cache.generated).toEqual([]);
    expect(b.cache.keysGenerated).toEqual([]);
    for (const id of ALL) {
      expect(b.artifacts[id]!.fingerprintSha256).toBe(a.artifacts[id]!.fingerprintSha256);
      for (const [format, path] of Object.entries(a.artifacts[id]!.files)) {
        const other = b.artifacts[id]!.files[format as keyof PkiArtifact["files"]]!;
        expect(await readFile(other), `${id} ${format}`).toEqual(await readFile(path!));
      }
    }
  });

  it('changing a leaf remakes only that leaf, and keeps its key', async () => {
    const set = await build(request({ client: { subject: 'CN=someone-else,O=Test' } }));
    expect(set.cache.generated).toEqual(['client']);
    expect(set.cache.keysGenerated).toEqual([]);
  });

  it('changing the intermediate remakes it, what it issued, and the bundle holding it; nothing else', async () => {
    const set = await build(request({ inter: { subject: 'CN=Inter 2,O=Test' } }));
    expect(sorted(set.cache.generated)).toEqual(['bundle', 'client', 'inter', 'member']);
    expect(set.cache.keysGenerated).toEqual([]);
  });

  it('changing a key type makes a new key for that certificate only', async () => {
    const set = await build(request({ member: { keyType: 'rsa2048' } }));
    expect(set.cache.keysGenerated).toEqual(['member']);
    expect(set.cache.generated).toEqual(['member']);
  });

  it('descriptions and bad labels are manifest-only: changing them remakes nothing', async () => {
    const set = await build(request({ client: { description: 'changed', bad: { why: 'testing', expectedFailure: 'X', verifier: 'member' } } }));
    expect(set.cache.generated).toEqual([]);
    expect(set.artifacts.client!.description).toBe('changed');
    expect(set.artifacts.client!.bad?.expectedFailure).toBe('X');
  });

  it('a new anchor remakes certificates but reuses every key', async () => {
    const set = await build({ ...request(), anchor: '2027-01-01T00:00:00.000Z' });
    expect(sorted(set.cache.generated)).toEqual(sorted(ALL));
    expect(set.cache.keysGenerated).toEqual([]);
  });

  it('a tampered file in an entry is reported and the entry made again', async () => {
    const before = await build(request());
    const dir = await entryDirOf(before, 'member');
    await writeFile(join(dir, 'keystore.p12'), 'garbage');
    const set = await build(request());
    expect(set.cache.repaired).toEqual([{ id: 'member', what: `cache entry ${dir}`, reason: 'keystore.p12 does not match its recorded SHA-256' }]);
    expect(set.cache.generated).toEqual(['member']);
    const again = await build(request());
    expect(again.cache.repaired).toEqual([]);
    expect(again.cache.generated).toEqual([]);
  });

  it('an unreadable meta.json or a half-written entry is reported and made again', async () => {
    const before = await build(request());
    await writeFile(join(await entryDirOf(before, 'client'), 'meta.json'), '{ not json');
    const inter = await entryDirOf(before, 'inter');
    const set = await build(request());
    expect(set.cache.repaired.map((r) => r.id)).toEqual(['client']);
    expect(set.cache.repaired[0]!.reason).toMatch(/^meta.json is unreadable/);
    await rm(join(inter, 'meta.json'));
    const set2 = await build(request());
    expect(set2.cache.repaired).toEqual([{ id: 'inter', what: `cache entry ${inter}`, reason: 'meta.json is missing' }]);
  });

  it('a damaged key is reported and replaced; everything signed with or by it is made again', async () => {
    const before = await build(request());
    const keyFile = await keyFileOf(before, 'inter');
    await writeFile(keyFile, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    const set = await build(request());
    expect(set.cache.repaired.map((r) => [r.id, r.what])).toEqual([['inter', `key ${keyFile}`]]);
    expect(set.cache.keysGenerated).toEqual(['inter']);
    expect(sorted(set.cache.generated)).toEqual(['bundle', 'client', 'inter', 'member']);
    expect(set.artifacts.inter!.fingerprintSha256).not.toBe(before.artifacts.inter!.fingerprintSha256);
  });
});

describe('default set', () => {
  let tmp: TempDir;
  beforeAll(async () => {
    tmp = await makeTempDir('pki-unit-default');
  });
  afterAll(async () => {
    await tmp?.remove();
  });

  // Its speed is a figure for `secmatrix bench`, not a threshold here (no timing assertions in tests).
  it('a cached run of the default set makes no key and no artifact again', async () => {
    const opts = { cacheDir: join(tmp.path, 'cache'), outDir: join(tmp.path, 'out') };
    const cold = await buildPki(defaultPkiRequest(), opts);
    expect(cold.cache.keysGenerated).toHaveLength(23);
    const cached = await buildPki(defaultPkiRequest(), opts);
    expect(cached.cache.generated).toEqual([]);
    expect(cached.cache.keysGenerated).toEqual([]);
  }, 90_000);
});
