// Where the PKI lives on disk by default; kept free of heavy imports so the CLI can show it cheaply.
import { fileURLToPath } from 'node:url';

/** `.secmatrix-cache/pki/` under the repository root. */
export function defaultCacheDir(): string {
  return fileURLToPath(new URL('../.secmatrix-cache/pki/', import.meta.url));
}
