import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup.ts';

export interface TempDir {
  readonly path: string;
  remove(): Promise<void>;
}

/** A private temp dir (mode 0700, as mkdtemp makes it) that is removed on release or at exit. */
export async function makeTempDir(prefix: string): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), `secmatrix-${prefix}-`));
  const remove = onCleanup(`temp dir ${path}`, () => rm(path, { recursive: true, force: true }));
  return { path, remove };
}
