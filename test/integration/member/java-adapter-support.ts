// The hazelcast-java adapter as a process for the member integration tests: starts the built jar,
// speaks adapter protocol v1 (docs/adapter-protocol.md) on its stdio, bounds every request and
// kills the process (group) on stop. Self-contained on purpose: the suite's AdapterDriver lives in
// harness/clients/adapter and is not needed to show that the Java client works against the member.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const JAVA_ADAPTER_DIR = join(import.meta.dirname, '../../../harness/clients/adapters/hazelcast-java');
export const JAVA_ADAPTER_JAR = join(JAVA_ADAPTER_DIR, 'target/hazelcast-java-adapter.jar');

/** Why the Java adapter cannot run here, or undefined (CI builds it with .ci/setup-java-adapter.sh). */
export function javaAdapterMissing(): string | undefined {
  if (!existsSync(JAVA_ADAPTER_JAR) || statSync(JAVA_ADAPTER_JAR).size === 0) {
    return `${JAVA_ADAPTER_JAR} is not built: run .ci/setup-java-adapter.sh`;
  }
  return undefined;
}

export interface AdapterError {
  class: string;
  code: string | null;
  message: string;
}

export type Reply = { id: number; type: string; [k: string]: unknown };

export class JavaAdapter {
  private nextId = 1;
  private readonly waiting = new Map<number, (r: Reply) => void>();
  private readonly stray: string[] = [];
  readonly stderr: string[] = [];
  private exited = false;

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let msg: Reply;
      try {
        msg = JSON.parse(line) as Reply;
      } catch {
        this.stray.push(line);
        return;
      }
      this.waiting.get(msg.id)?.(msg);
      this.waiting.delete(msg.id);
    });
    createInterface({ input: child.stderr! }).on('line', (line) => {
      this.stderr.push(line);
      if (this.stderr.length > 2000) this.stderr.shift();
    });
    child.once('exit', () => {
      this.exited = true;
    });
  }

  static start(env: Record<string, string> = {}): JavaAdapter {
    // adapter.sh execs java: the child is the JVM itself (a process group of its own).
    const child = spawn(join(JAVA_ADAPTER_DIR, 'adapter.sh'), [], {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, ...env },
    });
    return new JavaAdapter(child);
  }

  /** Lines on stdout that were not protocol messages (must stay empty). */
  get garbage(): readonly string[] {
    return this.stray;
  }

  request(body: Record<string, unknown>, timeoutMs = 30_000): Promise<Reply> {
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      if (this.exited) return reject(new Error('the adapter has exited'));
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`adapter: no answer to ${JSON.stringify(body)} within ${timeoutMs} ms\n${this.stderr.slice(-30).join('\n')}`));
      }, timeoutMs);
      this.waiting.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.child.stdin!.write(`${JSON.stringify({ id, ...body })}\n`);
    });
  }

  hello(): Promise<Reply> {
    return this.request({ type: 'hello', protocol: 1 });
  }

  connect(session: string, member: { host: string; port: number }, credentials: unknown = null, extra: Record<string, unknown> = {}): Promise<Reply> {
    return this.request({
      type: 'connect',
      session,
      system: 'hazelcast',
      addresses: [`${member.host}:${member.port}`],
      clusterName: 'dev',
      tls: null,
      credentials,
      timeouts: { connectMs: 10_000, operationMs: 10_000 },
      options: {},
      ...extra,
    });
  }

  run(session: string, op: string, object: string, args: Record<string, unknown> = {}): Promise<Reply> {
    return this.request({ type: 'run', session, op, object, args });
  }

  /** bye, then (bounded) wait for exit; kills the process group if it lingers. */
  async stop(): Promise<void> {
    if (!this.exited) {
      await this.request({ type: 'bye' }, 10_000).catch(() => undefined);
      await new Promise<void>((resolve) => {
        if (this.exited) return resolve();
        const timer = setTimeout(() => {
          try {
            process.kill(-this.child.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
          resolve();
        }, 5_000);
        this.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

export const devPassword = { kind: 'username-password', username: 'dev', password: 's3crEt' };
