// A suite worker whose run is gone must not go on starting members. On Ctrl-C the run's process
// closes vitest and exits; a forked worker caught mid-cell would otherwise be left orphaned, still
// walking cells and starting containers after the run swept them. The IPC channel to the parent
// closes when the parent ends: the worker exits at once. The run's reaper sweeps containers.

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
    // At once: in-process members die with the worker, daemons have their stdin watchdogs, and the
    // run's reaper removes containers. Waiting would only let the cell loop start more.
    process.exit(130);
  };
  if (!process.connected) orphaned();
  else process.once('disconnect', orphaned);
}
