import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup.ts';

export interface TempDir {
  readonly path: string;
  remove(): Promise<void>;
}

// Every temp dir this process made, swept synchronously when it exits. The async release can race
// with work still in flight (Ctrl-C while the PKI is being written: a recursive mkdir re-creates
// the dir after it was removed); nothing runs after the 'exit' handlers, so this sweep is final.
const made = new Set<string>();
let sweepHooked = false;
function sweepAtExit(path: string): void {
  made.add(path);
  if (sweepHooked) return;
  sweepHooked = true;
  process.once('exit', () => {
    for (const p of made) {
      try {
        rmSync(p, { recursive: true, force: true, maxRetries: 3, retryDelay: 20 });
      } catch (err) {
        // Never throw from an exit handler (it would replace the exit status); say what is left.
        process.stderr.write(`secmatrix: could not remove ${p}: ${String(err)}\n`);
      }
    }
  });
}

/** A private temp dir (mode 0700, as mkdtemp makes it) that is removed on release or at exit. */
export async function makeTempDir(prefix: string): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), `secmatrix-${prefix}-`));
  sweepAtExit(path);
  const remove = onCleanup(`temp dir ${path}`, () => rm(path, { recursive: true, force: true }));
  return { path, remove };
}
