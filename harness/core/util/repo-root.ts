// The repository's root: the nearest directory above this file that holds secmatrix's
// package.json. Found by walking up rather than by a fixed '../..', so the same code works from
// the TypeScript sources and from the compiled copy in dist/ (which the CLI runs for speed).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'secmatrix') return dir;
    if (dirname(dir) === dir) throw new Error(`no secmatrix package.json above ${from}`);
  }
}

export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
