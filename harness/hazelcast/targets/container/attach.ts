// A member container's output as it is written: the engine's attach stream (Docker API
// `POST /containers/{id}/attach`, hijacked connection, stdout/stderr frames). The log stream the
// engine serves from its log file (what testcontainers' log consumer reads) is polled — Podman's
// k8s-file reader looks every 250 ms — while the attach stream is forwarded by the container's
// monitor as the bytes arrive (measured here: 0-10 ms against 90-250 ms). Also: a signal sent to the
// container (the reference member answers SIGWINCH with a sync line, see member-command.ts).
import { request, type ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import { readFileSync } from 'node:fs';

export interface AttachedStream {
  /** Ends the attach connection (the container keeps running). */
  close(): void;
}

/** Splits the engine's multiplexed frames (8-byte header: stream, 0, 0, 0, size BE) into lines. */
export class FrameLines {
  private buf: Buffer = Buffer.alloc(0);
  private readonly rest: Record<number, string> = {};

  constructor(private readonly onLine: (line: string, stream: 'stdout' | 'stderr') => void) {}

  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    while (this.buf.length >= 8) {
      const size = this.buf.readUInt32BE(4);
      if (this.buf.length < 8 + size) break;
      const kind = this.buf[0] === 2 ? 2 : 1;
      const text = (this.rest[kind] ?? '') + this.buf.subarray(8, 8 + size).toString('utf8');
      this.buf = this.buf.subarray(8 + size);
      const lines = text.split('\n');
      this.rest[kind] = lines.pop()!;
      for (const l of lines) this.onLine(l.replace(/\r$/, ''), kind === 2 ? 'stderr' : 'stdout');
    }
  }
}

/**
 * Attaches to a running container's stdout and stderr (no stdin, no replay of earlier output):
 * resolves once the engine has switched the connection to the stream, so every line written after
 * that reaches `onLine`.
 */
export function attachContainer(
  socketPath: string,
  id: string,
  onLine: (line: string, stream: 'stdout' | 'stderr') => void,
  timeoutMs = 10_000,
): Promise<AttachedStream> {
  return new Promise((resolve, reject) => {
    const frames = new FrameLines(onLine);
    let req: ClientRequest | undefined;
    let sock: Socket | undefined;
    const timer = setTimeout(() => {
      req?.destroy();
      reject(new Error(`attaching to container ${id.slice(0, 12)}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const stream = (s: Socket | NodeJS.ReadableStream, head?: Buffer) => {
      clearTimeout(timer);
      if (head?.length) frames.push(head);
      s.on('data', (d: Buffer) => frames.push(d));
      s.on('error', () => undefined);
      resolve({ close: () => (sock ? sock.destroy() : req?.destroy()) });
    };
    req = request({
      socketPath,
      method: 'POST',
      path: `/containers/${id}/attach?stream=1&stdout=1&stderr=1`,
      headers: { Connection: 'Upgrade', Upgrade: 'tcp' },
    });
    req.on('upgrade', (_res, s, head) => {
      sock = s;
      stream(s, head);
    });
    // Engines that answer without switching protocols stream the frames in the response body.
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        clearTimeout(timer);
        res.resume();
        reject(new Error(`attaching to container ${id.slice(0, 12)}: HTTP ${res.statusCode}`));
        return;
      }
      stream(res);
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end();
  });
}

/** Sends a signal to a container's main process (Docker API kill); resolves when the engine did. */
export function signalContainer(socketPath: string, id: string, signal: string, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method: 'POST', path: `/containers/${id}/kill?signal=${encodeURIComponent(signal)}`, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode && res.statusCode < 300 ? resolve() : reject(new Error(`signal ${signal} to ${id.slice(0, 12)}: HTTP ${res.statusCode}`)),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`signal ${signal} to ${id.slice(0, 12)}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * The container's main process as a process of this machine — a local engine (rootful Podman here)
 * runs it in this kernel — or undefined (a remote engine, a VM in between, no permission). Checked by
 * its cgroup naming the container, so a reused pid is never mistaken for it.
 */
export async function localMainPid(socketPath: string, id: string, timeoutMs = 5_000): Promise<number | undefined> {
  const body = await new Promise<string>((resolve, reject) => {
    const req = request({ socketPath, method: 'GET', path: `/containers/${id}/json`, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve(text));
    });
    req.on('timeout', () => req.destroy(new Error('no answer')));
    req.on('error', reject);
    req.end();
  });
  const pid = (JSON.parse(body) as { State?: { Pid?: number } }).State?.Pid;
  return pid && isContainerProcess(pid, id) ? pid : undefined;
}

function isContainerProcess(pid: number, id: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cgroup`, 'utf8').includes(id);
  } catch {
    return false;
  }
}

/**
 * Signals the container's main process directly (microseconds, where the engine's kill spawns the
 * OCI runtime: tens of milliseconds, more on a loaded machine). False when it cannot: then use
 * signalContainer.
 */
export function signalLocalProcess(pid: number, id: string, signal: NodeJS.Signals): boolean {
  if (!isContainerProcess(pid, id)) return false;
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}
