// What "left behind" means for the services: processes (slapd, krb5kdc and their watchdogs) in our
// process tree, TCP ports still listening, temp dirs still on disk.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';

const DAEMONS = new Set(['slapd', 'krb5kdc']);

/** Parent pid and command name of every process we may read. */
function processTable(): Map<number, { ppid: number; comm: string }> {
  const out = new Map<number, { ppid: number; comm: string }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may hold spaces, so split at the last ')'.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      out.set(Number(d), { ppid, comm });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Every descendant of `root` (children, grandchildren...) with its command name. */
export function descendants(root: number): { pid: number; comm: string }[] {
  const table = processTable();
  const found: { pid: number; comm: string }[] = [];
  const todo = [root];
  while (todo.length) {
    const p = todo.pop()!;
    for (const [pid, e] of table) {
      if (e.ppid === p) {
        found.push({ pid, comm: e.comm });
        todo.push(pid);
      }
    }
  }
  return found;
}

/** slapd / krb5kdc processes below `root`. */
export function serviceDaemons(root: number): { pid: number; comm: string }[] {
  return descendants(root).filter((p) => DAEMONS.has(p.comm));
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie is dead for our purposes (its parent has not reaped it yet).
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Loopback TCP ports the given processes listen on (from /proc/net/tcp and their fds). */
export function listeningPorts(pids: number[]): number[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        try {
          const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
          if (m) inodes.add(m[1]!);
        } catch {
          // closed meanwhile
        }
      }
    } catch {
      // gone
    }
  }
  const ports: number[] = [];
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    // local_address st=0A (LISTEN) ... inode
    if (f.length > 9 && f[3] === '0A' && inodes.has(f[9]!)) ports.push(parseInt(f[1]!.split(':')[1]!, 16));
  }
  return ports;
}

/** Whether something accepts a TCP connection on 127.0.0.1:port (bounded: 1 s). */
export function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/** secmatrix temp dirs in the system temp dir. */
export function secmatrixTempDirs(): Set<string> {
  return new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('secmatrix-')));
}

/** Polls until `ok()` or the deadline; returns the last value of ok(). */
export async function until(ok: () => boolean | Promise<boolean>, ms: number, stepMs = 50): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await ok()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
