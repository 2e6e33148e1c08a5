// Go adapters, one binary per client version and cached: the adapter's module (main.go, go.mod,
// go.sum) is copied to ~/.cache/secmatrix/adapters/<name>-<version>/src and built there with
// `go build` (SECMATRIX_CACHE_DIR moves the root). A version other than the one go.mod pins is
// `go get MODULE@vVERSION` in that copy first. The build counts as made only once its marker (the
// sources' hash and the version) is written, so an interrupted or outdated build is redone.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheRoot, runBounded } from './venv.ts';

const MARKER = '.secmatrix-ready';
const SOURCES = ['main.go', 'go.mod', 'go.sum'];

/** What a build is made from: the module's files and the client version. */
export function goBuildKey(moduleDir: string, version: string): string {
  const h = createHash('sha256');
  for (const f of SOURCES)
    h.update(`${f}\0`)
      .update(readFileSync(join(moduleDir, f)))
      .update('\0');
  return `${version}\n${h.digest('hex')}\n`;
}

/** The adapter binary for `version` of `goModule`, building it first when the cache lacks it. */
export async function ensureGoAdapter(
  name: string,
  moduleDir: string,
  goModule: string,
  version: string,
  pinned: string,
  log: (l: string) => void = () => undefined,
): Promise<string> {
  const dir = join(cacheRoot(), 'adapters', `${name}-${version}`);
  const binary = join(dir, name);
  const key = goBuildKey(moduleDir, version);
  const marker = join(dir, MARKER);
  if (existsSync(binary) && existsSync(marker) && readFileSync(marker, 'utf8') === key) return binary;
  log(`building the ${name} adapter (${goModule} ${version}) in ${dir}`);
  await rm(dir, { recursive: true, force: true });
  const src = join(dir, 'src');
  await mkdir(src, { recursive: true });
  for (const f of SOURCES) await copyFile(join(moduleDir, f), join(src, f));
  // -mod=mod: go.sum may gain the lines a `go get` needs; GOTOOLCHAIN=local: never fetch a toolchain.
  const env = { GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
  if (version !== pinned) await runBounded(['go', '-C', src, 'get', `${goModule}@v${version}`], 600_000, log, env);
  await runBounded(['go', '-C', src, 'build', '-trimpath', '-o', binary, '.'], 600_000, log, env);
  await writeFile(marker, key);
  return binary;
}
