// Process-wide registry of things to release (processes, servers, temp dirs, containers), so that
// success, failure and Ctrl-C all end with nothing left behind.
type Releaser = () => Promise<void> | void;

const releasers = new Map<number, { what: string; release: Releaser }>();
let nextId = 1;
let signalsHooked = false;

const onSignal = (signal: NodeJS.Signals): void => {
  void releaseAll().finally(() => {
    // Re-raise with the conventional exit status (128 + signal number).
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
};

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
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
