// What every container run shares, whatever its family: one run id carried as a label by each of its
// containers (container-spec.ts reads SECMATRIX_RUN_ID), a sweep of that label on the way out (also
// on Ctrl-C, through the cleanup registry), and the reaper process that sweeps it and removes the
// run's temp dir if this process dies without its cleanups (SIGKILL, a crash).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { onCleanup } from '../util/cleanup.ts';
import { childrenGone } from '../util/reap.ts';
import { REPO_ROOT } from '../util/repo-root.ts';
import { removeLabelled, RUN_LABEL, sweepUntilQuiet } from './docker-api.ts';
import { chooseEngine } from './engine.ts';

export interface ContainerRunScope {
  runId: string;
  /** RUN_LABEL=runId */
  label: string;
  socket: string | undefined;
  /** Removes what carries the label now; names what it removed. */
  sweep(): Promise<string[]>;
  /** Waits for this process's children, then sweeps until the engine is quiet (registered for Ctrl-C too). */
  release(): Promise<void>;
}

/** A new run id with its cleanup registered; the engine must have been chosen (useEngine) before. */
export function openContainerRunScope(): ContainerRunScope {
  const runId = randomUUID();
  const label = `${RUN_LABEL}=${runId}`;
  const sweep = async () => {
    const r = await removeLabelled(label);
    return [...r.containers.map((c) => `container ${c.name} (${c.image}, ${c.state})`), ...r.networks.map((n) => `network ${n.name}`)];
  };
  const release = onCleanup(`containers of run ${runId}`, async () => {
    // Every child (the vitest workers and what they started) first, so none starts a container after the sweep.
    await childrenGone(/./, 15_000);
    await sweepUntilQuiet(label);
  });
  return { runId, label, socket: chooseEngine()?.socket, sweep, release };
}

/**
 * Whatever ends this process — also what our cleanups never see (SIGKILL, a crash) — the reaper
 * removes the run's containers and its temp dir (which holds the private keys) once it is gone.
 * Returns the function that ends the reaper after a normal cleanup.
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
