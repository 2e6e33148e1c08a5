// A suite worker whose run is gone must not go on starting members. On Ctrl-C the run's process
// closes vitest and exits; a forked worker caught mid-cell would otherwise be left orphaned, still
// walking cells and starting containers after the run swept them. The IPC channel to the parent
// closes when the parent ends: from then on nothing new may start, what is registered is released
// (bounded), and the worker exits. The run's parent sweeps whatever was still in flight.
import { releaseAll } from '../util/cleanup.ts';

let armed = false;
let gone = false;

/** True once the worker's run is gone: starting anything now would leak it. */
export function runGone(): boolean {
  return gone;
}

export function exitWhenOrphaned(): void {
  if (armed || !process.send) return;
  armed = true;
  const orphaned = () => {
    gone = true;
    const bound = new Promise((r) => setTimeout(r, 3_000).unref());
    void Promise.race([releaseAll(), bound]).finally(() => process.exit(130));
  };
  if (!process.connected) orphaned();
  else process.once('disconnect', orphaned);
}
