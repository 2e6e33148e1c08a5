// Foreground daemons (slapd, krb5kdc) as children that cannot outlive us: each runs under a tiny
// sh watchdog that kills it when our end of its stdin closes — which also happens when this
// process dies without running its cleanups (SIGKILL, crash). Normal stops go through onCleanup.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { onCleanup } from '../util/cleanup.ts';

/** A service that could not start; the message says why (and never holds a secret). */
export class ServiceError extends Error {
  override name = 'ServiceError';
}

const SBIN = ['/usr/sbin', '/sbin', '/usr/local/sbin'];

/** Absolute path of a program on PATH or in the sbin directories, or undefined. */
export function findBinary(name: string): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), ...SBIN];
  for (const d of dirs) {
    const p = join(d, name);
    if (d && existsSync(p)) return p;
  }
  return undefined;
}

// $1.. = the daemon and its arguments. Prints the daemon's pid, then waits for stdin to close.
const WATCHDOG = '"$@" & c=$!; echo $c; read _x; kill -TERM $c 2>/dev/null; i=0; while kill -0 $c 2>/dev/null && [ $i -lt 30 ]; do sleep 0.1; i=$((i+1)); done; kill -KILL $c 2>/dev/null; wait $c 2>/dev/null; exit 0';

export interface Daemon {
  readonly pid: number;
  /** Collected stderr/stdout (bounded), for error messages. */
  output(): string;
  alive(): boolean;
  stop(): Promise<void>;
}

export async function startDaemon(what: string, argv: string[], env: NodeJS.ProcessEnv): Promise<Daemon> {
  const child: ChildProcess = spawn('sh', ['-c', WATCHDOG, 'watchdog', ...argv], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString('utf8')).slice(-8000);
  };
  child.stderr!.on('data', keep);
  // Closing stdin is how we stop the watchdog; if it is already gone, EPIPE says nothing new.
  child.stdin!.on('error', () => undefined);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = await new Promise<number>((resolve, reject) => {
    let first = '';
    const onData = (b: Buffer) => {
      first += b.toString('utf8');
      const nl = first.indexOf('\n');
      if (nl >= 0) {
        child.stdout!.off('data', onData);
        child.stdout!.on('data', keep);
        keep(Buffer.from(first.slice(nl + 1)));
        resolve(Number(first.slice(0, nl)));
      }
    };
    child.stdout!.on('data', onData);
    child.once('error', (e) => reject(new ServiceError(`${what}: cannot start: ${e.message}`)));
  });
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const release = onCleanup(`${what} (pid ${pid})`, async () => {
    child.stdin!.end();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (alive()) process.kill(pid, 'SIGKILL');
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { pid, output: () => out, alive, stop: release };
}

/** Resolves once a TCP connection to host:port succeeds; fails after `ms` or when `gone()` says the process died. */
export async function waitForPort(host: string, port: number, ms: number, gone: () => string | undefined): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host, port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    const why = gone();
    if (why) throw new ServiceError(why);
    if (Date.now() > deadline) throw new ServiceError(`nothing answers on ${host}:${port} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Runs a tool to completion; rejects with its output on a non-zero exit, or after `ms` (the tool is
 * then killed). stdin is written and closed.
 */
export function runTool(argv: string[], env: NodeJS.ProcessEnv, stdin = '', ms = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new ServiceError(`${argv[0]} ${argv[1] ?? ''} did not finish within ${ms} ms: ${out.trim().slice(-1000)}`));
    }, ms);
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new ServiceError(`${argv[0]}: ${e.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new ServiceError(`${argv[0]} ${argv[1] ?? ''} exited ${code}: ${out.trim().slice(-1000)}`));
    });
    // A tool that never reads stdin (kinit -k, kadmin.local ktadd) may exit first: EPIPE on our
    // write is no error of the tool's; its exit status says how it went.
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
  });
}
