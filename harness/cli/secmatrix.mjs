#!/usr/bin/env node
// Entry point for `npx secmatrix`. Runs the compiled copy in dist/ (made by `npm run build`, which
// `npm ci` runs through `prepare`) when it is at least as new as every source file; otherwise the
// TypeScript sources through tsx, so an edited checkout never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stamp = join(root, 'dist', '.build-stamp');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function compiledIsCurrent() {
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return ['harness', 'pki', 'reports'].every((d) => newestSource(join(root, d)) <= built);
}

let main;
if (process.env.SECMATRIX_FROM_SOURCE !== '1' && compiledIsCurrent()) {
  ({ main } = await import('../../dist/harness/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
