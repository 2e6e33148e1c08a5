// Process-wide registry of things to release (processes, servers, temp dirs, containers), so that
// success, failure and Ctrl-C all end with nothing left behind.
type Releaser = () => Promise<void> | void;

const releasers = new Map<number, { what: string; release: Releaser }>();
let nextId = 1;
let signalsHooked = false;

let signalled = false;
const onSignal = (signal: NodeJS.Signals): void => {
  // Exit with the conventional status (128 + signal number). A second signal while releasing ends
  // the process at once.
  const status = signal === 'SIGINT' ? 130 : 143;
  if (signalled) process.exit(status);
  signalled = true;
  void releaseAll().finally(() => process.exit(status));
};

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  // `on`, not `once`: a library that re-raises a signal when no other listener is left (execa's
  // signal-exit) would otherwise kill the process while the releases are still running.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * Makes this registry the only Ctrl-C / SIGTERM handler of the process. Libraries that exit on a
 * signal on their own (vitest's logger exits 1 ms after SIGINT) would otherwise end the process
 * before the asynchronous releases (workers, members, temp dirs) have run.
 */
export function claimSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (listener !== onSignal) process.off(signal, listener);
  }
  hookSignals();
}

/** Registers something to release; returns a function that releases it now (once) and unregisters it. */
export function onCleanup(what: string, release: Releaser): () => Promise<void> {
  hookSignals();
  const id = nextId++;
  releasers.set(id, { what, release });
  return async () => {
    const entry = releasers.get(id);
    if (!entry) return;
    releasers.delete(id);
    await entry.release();
  };
}

/** Releases everything still registered, newest first; errors are reported, not thrown. */
export async function releaseAll(): Promise<void> {
  const entries = [...releasers.entries()].reverse();
  releasers.clear();
  for (const [, { what, release }] of entries) {
    try {
      await release();
    } catch (err) {
      process.stderr.write(`secmatrix: releasing ${what} failed: ${String(err)}\n`);
    }
  }
}

/** What is still registered (for tests that check nothing is left behind). */
export function pendingCleanups(): string[] {
  return [...releasers.values()].map((e) => e.what);
}
