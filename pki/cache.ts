// The on-disk cache. Two kinds of entries, both addressed by a hash of what they were made from:
//   v1/keys/<hash>.key.pem   a PKCS#8 private key (hash of id and key type): the slow part to make
//   v1/entries/<hash>/       everything else of one artifact (certificate, encrypted key, PKCS#12
//                            files) plus meta.json with the SHA-256 of each file, so damage is noticed
// Entries are written to a temp name and renamed into place, so a reader never sees half an entry and
// two builds racing on the same cache both end up with a complete one.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from './canonical-hash.ts';

const LAYOUT = 'v1';

export interface EntryMeta {
  id: string;
  hash: string;
  /** File name -> SHA-256 of its contents. */
  files: Record<string, string>;
  info: Record<string, string>;
}

export interface CacheEntry {
  meta: EntryMeta;
  files: Record<string, Buffer>;
}

export type EntryLookup = { state: 'hit'; entry: CacheEntry } | { state: 'miss' } | { state: 'corrupt'; reason: string };

function tempSuffix(): string {
  return `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

function isErrno(err: unknown, ...codes: string[]): boolean {
  return typeof err === 'object' && err !== null && codes.includes((err as NodeJS.ErrnoException).code ?? '');
}

export class PkiCache {
  constructor(readonly dir: string) {}

  keyPath(hash: string): string {
    return join(this.dir, LAYOUT, 'keys', `${hash}.key.pem`);
  }

  entryPath(hash: string): string {
    return join(this.dir, LAYOUT, 'entries', hash);
  }

  async readKey(hash: string): Promise<string | undefined> {
    try {
      return await readFile(this.keyPath(hash), 'utf8');
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return undefined;
      throw err;
    }
  }

  async writeKey(hash: string, pem: string): Promise<void> {
    const path = this.keyPath(hash);
    await mkdir(join(this.dir, LAYOUT, 'keys'), { recursive: true, mode: 0o700 });
    const tmp = path + tempSuffix();
    await writeFile(tmp, pem, { mode: 0o600 });
    await rename(tmp, path);
  }

  async readEntry(hash: string): Promise<EntryLookup> {
    const dir = this.entryPath(hash);
    let metaText: string;
    try {
      metaText = await readFile(join(dir, 'meta.json'), 'utf8');
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw err;
      // A directory without meta.json is debris of a crashed writer (writers rename complete dirs only).
      try {
        await stat(dir);
      } catch (dirErr) {
        if (isErrno(dirErr, 'ENOENT')) return { state: 'miss' };
        throw dirErr;
      }
      return { state: 'corrupt', reason: 'meta.json is missing' };
    }
    let meta: EntryMeta;
    try {
      meta = JSON.parse(metaText) as EntryMeta;
      if (meta.hash !== hash || typeof meta.files !== 'object' || meta.files === null) throw new Error('unexpected content');
    } catch (err) {
      return { state: 'corrupt', reason: `meta.json is unreadable (${(err as Error).message})` };
    }
    const files: Record<string, Buffer> = {};
    for (const [name, digest] of Object.entries(meta.files)) {
      let data: Buffer;
      try {
        data = await readFile(join(dir, name));
      } catch (err) {
        if (isErrno(err, 'ENOENT')) return { state: 'corrupt', reason: `${name} is missing` };
        throw err;
      }
      if (sha256Hex(data) !== digest) return { state: 'corrupt', reason: `${name} does not match its recorded SHA-256` };
      files[name] = data;
    }
    return { state: 'hit', entry: { meta, files } };
  }

  /** Removes a damaged entry so it can be written again. */
  async dropEntry(hash: string): Promise<void> {
    await rm(this.entryPath(hash), { recursive: true, force: true });
  }

  async writeEntry(hash: string, id: string, files: Record<string, Uint8Array | string>, info: Record<string, string>): Promise<CacheEntry> {
    const buffers: Record<string, Buffer> = {};
    for (const [name, data] of Object.entries(files)) buffers[name] = Buffer.from(data);
    const meta: EntryMeta = { id, hash, files: Object.fromEntries(Object.entries(buffers).map(([n, b]) => [n, sha256Hex(b)])), info };
    const final = this.entryPath(hash);
    const tmp = final + tempSuffix();
    await mkdir(tmp, { recursive: true, mode: 0o700 });
    try {
      for (const [name, data] of Object.entries(buffers)) await writeFile(join(tmp, name), data, { mode: 0o600 });
      await writeFile(join(tmp, 'meta.json'), JSON.stringify(meta, null, 2));
      await rename(tmp, final);
    } catch (err) {
      await rm(tmp, { recursive: true, force: true });
      // Another build finished the same entry first: theirs is as good as ours.
      if (!isErrno(err, 'ENOTEMPTY', 'EEXIST')) throw err;
    }
    return { meta, files: buffers };
  }
}
