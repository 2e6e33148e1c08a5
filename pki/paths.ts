// Where the PKI lives on disk by default; kept free of heavy imports so the CLI can show it cheaply.
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/core/util/repo-root.ts';

/** `.secmatrix-cache/pki/` under the repository root. */
export function defaultCacheDir(): string {
  return `${join(REPO_ROOT, '.secmatrix-cache', 'pki')}/`;
}
