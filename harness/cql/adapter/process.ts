// Drives one adapter process over the adapter protocol v1 (docs/adapter-protocol.md): JSON lines on
// stdin/stdout, stderr captured as the adapter's log. Every step is bounded; an adapter that is late,
// exits or speaks out of protocol is killed (its process group) and the step reported as failed.
// Registered with the cleanup registry, so Ctrl-C leaves no adapter behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { onCleanup } from '../../core/util/cleanup.ts';
import type { AdapterCommand } from './adapters.ts';
import { watchGroup } from '../watchdog.ts';

export type AdapterResponse = { id: number | null; type: string; [k: string]: unknown };

export class AdapterError extends Error {
  override name = 'AdapterError';
}

export interface AdapterHello {
  client: { name: string; version: string; language: string };
  adapter: { version: string };
  capabilities: string[];
}

export class AdapterProcess {
  private child: ChildProcess;
  private nextId = 1;
  private waiting = new Map<number, { resolve: (r: AdapterResponse) => void; reject: (e: Error) => void }>();
  private stderr = '';
  private exited = false;
  private releaseCleanup: () => Promise<void>;
  hello: AdapterHello | undefined;

  private constructor(cmd: AdapterCommand) {
    this.child = spawn(cmd.command, cmd.args, {
      cwd: cmd.dir,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    if (this.child.pid !== undefined) watchGroup(this.child.pid);
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (d: string) => {
      this.stderr += d;
      if (this.stderr.length > 2_000_000) this.stderr = this.stderr.slice(-1_000_000);
    });
    this.child.stdin!.on('error', () => undefined);
    const rl = createInterface({ input: this.child.stdout! });
    rl.on('line', (line) => this.onLine(line));
    this.child.once('exit', (code, signal) => {
      this.exited = true;
      const err = new AdapterError(`the adapter exited (code ${code}, signal ${signal})`);
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    });
    this.child.once('error', (e) => {
      this.exited = true;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    });
    this.releaseCleanup = onCleanup(`adapter ${cmd.command} (pid ${this.child.pid})`, () => this.kill());
  }

  static async start(cmd: AdapterCommand, timeoutMs = 20_000): Promise<AdapterProcess> {
    if (cmd.missing) throw new AdapterError(cmd.missing);
    const a = new AdapterProcess(cmd);
    try {
      const r = await a.request({ type: 'hello', protocol: 1 }, timeoutMs);
      if (r.type !== 'hello') throw new AdapterError(`the adapter answered hello with ${r.type}: ${String(r['message'] ?? '')}`);
      a.hello = r as unknown as AdapterHello;
    } catch (e) {
      await a.close();
      // Say why: the adapter's own log (a missing module, a Python traceback).
      const log = a.stderr.trim().split('\n').slice(-8).join('\n');
      throw new AdapterError(`${e instanceof Error ? e.message : String(e)}${log ? `; its log ends:\n${log}` : ''}`);
    }
    return a;
  }

  get log(): string {
    return this.stderr;
  }

  /** Log length now, to slice what one step logged. */
  mark(): number {
    return this.stderr.length;
  }
  logSince(m: number): string {
    return this.stderr.slice(m);
  }

  private onLine(line: string): void {
    let msg: AdapterResponse;
    try {
      msg = JSON.parse(line) as AdapterResponse;
      if (typeof msg !== 'object' || msg === null) throw new Error('not an object');
    } catch {
      const err = new AdapterError(`garbage from the adapter on stdout: ${line.slice(0, 200)}`);
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
      void this.kill();
      return;
    }
    const w = typeof msg.id === 'number' ? this.waiting.get(msg.id) : undefined;
    if (!w) return;
    this.waiting.delete(msg.id as number);
    w.resolve(msg);
  }

  /** One request, answered within `timeoutMs` or the adapter is killed. */
  request(body: Record<string, unknown>, timeoutMs: number): Promise<AdapterResponse> {
    if (this.exited) return Promise.reject(new AdapterError('the adapter is not running'));
    const id = this.nextId++;
    return new Promise<AdapterResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        void this.kill();
        reject(new AdapterError(`the adapter did not answer ${String(body['type'])} within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      this.waiting.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.child.stdin!.write(`${JSON.stringify({ id, ...body })}\n`);
    });
  }

  get running(): boolean {
    return !this.exited;
  }

  private async kill(): Promise<void> {
    if (this.exited || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    await new Promise<void>((r) => {
      if (this.exited) return r();
      const t = setTimeout(r, 3000);
      t.unref();
      this.child.once('exit', () => (clearTimeout(t), r()));
    });
  }

  /** bye (bounded), then the process group is killed if still there. */
  async close(): Promise<void> {
    if (!this.exited) {
      try {
        await this.request({ type: 'bye' }, 3000);
      } catch {
        /* killed below */
      }
      this.child.stdin!.end();
      await new Promise<void>((r) => {
        if (this.exited) return r();
        const t = setTimeout(r, 2000);
        t.unref();
        this.child.once('exit', () => (clearTimeout(t), r()));
      });
    }
    await this.kill();
    await this.releaseCleanup();
  }
}
