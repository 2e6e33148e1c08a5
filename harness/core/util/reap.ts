// Child processes that must be gone before their work dirs are removed: vitest's close() asks its
// fork workers to stop but does not wait for them, and an interrupted worker may still be writing
// a member's configuration into the run's temp dir. Linux /proc; elsewhere there is nothing to wait for.
import { readdirSync, readFileSync } from 'node:fs';

/** Pids of this process's direct children whose command line matches. */
export function childPids(match: RegExp): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const d of entries) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (match.test(cmd)) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/** Waits (bounded) for the matching children to exit; SIGTERM at half the bound, SIGKILL at the end. */
export async function reapChildren(match: RegExp, ms: number): Promise<void> {
  const pids = childPids(match);
  if (pids.length === 0) return;
  const started = Date.now();
  let termed = false;
  while (pids.some(alive)) {
    const spent = Date.now() - started;
    if (spent > ms) {
      for (const p of pids.filter(alive)) process.kill(p, 'SIGKILL');
      return;
    }
    if (!termed && spent > ms / 2) {
      termed = true;
      for (const p of pids.filter(alive)) process.kill(p, 'SIGTERM');
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits (bounded, sending no signal) until no matching child of this process is alive. */
export async function childrenGone(match: RegExp, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && childPids(match).some(alive)) await new Promise((r) => setTimeout(r, 100));
}
