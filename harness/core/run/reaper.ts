// The run's reaper: a detached process that outlives this one (harness/core/containers/reaper.mjs).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../util/repo-root.ts';

/**
 * Whatever ends this process — also what our cleanups never see (SIGKILL, a crash) — the reaper
 * removes the run's containers (when it has a label and an engine socket) and its temp dir (which
 * holds the private keys) once it is gone. Returns the function that ends the reaper after a
 * normal cleanup.
 */
export function startReaper(o: { label?: string | undefined; socket?: string | undefined; dir: string }): () => void {
  // Started through a shell that exits at once, so the reaper is nobody's child: it is not one of
  // this run's processes (which must all be gone on Ctrl-C), and it outlives this process.
  const r = spawnSync(
    'sh',
    [
      '-c',
      '"$0" "$@" </dev/null >/dev/null 2>&1 & echo $!',
      process.execPath,
      join(REPO_ROOT, 'harness/core/containers/reaper.mjs'),
      String(process.pid),
      o.label ?? '-',
      o.socket ?? '-',
      o.dir,
    ],
    { encoding: 'utf8', timeout: 10_000 },
  );
  const pid = Number(r.stdout.trim());
  // By its own pid, nothing else.
  return () => {
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  };
}
