// Builds the default PKI set once per test file, in a temp dir with its own cache, removed afterwards.
import { afterAll, beforeAll } from 'vitest';
import { join } from 'node:path';
import { makeTempDir, type TempDir } from '../../../harness/core/util/tempdir.ts';
import { buildPki, defaultPkiRequest, getArtifact, type PkiArtifact, type PkiSet } from '../../../pki/index.ts';
import { EXTRA_MEMBER_NAME } from './expectations.ts';

export interface PkiFixture {
  set: PkiSet;
  dir: string;
  artifact(id: string): PkiArtifact;
  /** A file of an artifact, or a failure naming what is missing. */
  file(id: string, format: keyof PkiArtifact['files']): string;
}

export function usePkiSet(prefix: string): PkiFixture {
  let tmp: TempDir | undefined;
  const fixture = {} as PkiFixture;
  beforeAll(async () => {
    tmp = await makeTempDir(prefix);
    fixture.dir = tmp.path;
    fixture.set = await buildPki(defaultPkiRequest([EXTRA_MEMBER_NAME]), { cacheDir: join(tmp.path, 'cache'), outDir: join(tmp.path, 'out') });
    fixture.artifact = (id) => getArtifact(fixture.set, id);
    fixture.file = (id, format) => {
      const path = fixture.artifact(id).files[format];
      if (!path) throw new Error(`artifact ${id} has no ${format} file`);
      return path;
    };
  }, 60_000);
  afterAll(async () => {
    await tmp?.remove();
  });
  return fixture;
}
