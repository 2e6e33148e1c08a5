// A real Apache Cassandra as a local JVM process, testcontainers-style: `new CassandraProcess()`
// stores settings through `with…()`, `start()` renders cassandra.yaml into a private directory,
// starts the JVM in its own process group on free loopback ports and returns a StartedCassandra
// once the native port answers (and, with authentication, the superuser can log in). The started
// handle owns stop(): the whole process group is killed and the directory removed — also on
// failure and on Ctrl-C (harness/util/cleanup.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { join } from 'node:path';
import { onCleanup } from '../../core/util/cleanup.ts';
import { freePort } from '../../core/util/ports.ts';
import { makeTempDir } from '../../core/util/tempdir.ts';
import type { CqlServerSetup } from '../model.ts';
import { renderCassandraYaml, type ServerStores } from '../render.ts';
import { cassandraJvmArgs } from './jvm-options.ts';
import { DEFAULT_CASSANDRA_VERSION, ensureCassandra } from './install.ts';
import { watchGroup } from '../watchdog.ts';

export const HOST = '127.0.0.1';

/** Logs in as the superuser (or just opens a session) to tell the server is ready; supplied by the caller (a CQL client). */
export type ReadyProbe = (s: { host: string; nativePort: number }) => Promise<void>;

/** Cassandra stopped on its own before being ready, or refused its configuration. */
export class CassandraStartError extends Error {
  override name = 'CassandraStartError';
  constructor(
    message: string,
    /** The tail of its log (the reason, e.g. a ConfigurationException). */
    readonly logTail: string,
    /** True when Cassandra itself rejected the configuration (exited with a configuration error). */
    readonly configurationRejected: boolean,
  ) {
    super(message);
  }
}

export interface StartedCassandra {
  readonly host: string;
  readonly nativePort: number;
  readonly storagePort: number;
  readonly dir: string;
  readonly yaml: string;
  readonly pid: number;
  readonly startMs: number;
  /** What it logged since `mark` (a byte offset from mark()). */
  mark(): number;
  logSince(mark: number): string;
  stop(): Promise<void>;
}

function tail(text: string, lines = 40): string {
  return text.split('\n').slice(-lines).join('\n');
}

function portAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = netConnect({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

// Not unref'd: the readiness loop itself must keep the process alive (it is bounded by its deadline).
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

export class CassandraProcess {
  private setup: CqlServerSetup = { tls: null, authenticator: 'AllowAllAuthenticator', authorizer: 'AllowAllAuthorizer' };
  private stores: ServerStores | undefined;
  private version = DEFAULT_CASSANDRA_VERSION;
  private startupTimeoutMs = 90_000;
  private heap = '768m';
  private probe: ReadyProbe | undefined;
  private baseDir: string | undefined;
  private dataDir: string | undefined;
  private jsse = false;

  /** The server configuration (rendered into cassandra.yaml) and the stores its TLS part points at. */
  withSetup(setup: CqlServerSetup, stores?: ServerStores): this {
    this.setup = setup;
    this.stores = stores;
    return this;
  }
  withVersion(v: string): this {
    this.version = v;
    return this;
  }
  withStartupTimeout(ms: number): this {
    this.startupTimeoutMs = ms;
    return this;
  }
  withHeap(h: string): this {
    this.heap = h;
    return this;
  }
  /** Readiness beyond the open port: e.g. a superuser login. Retried until the startup timeout. */
  withReadyProbe(p: ReadyProbe): this {
    this.probe = p;
    return this;
  }
  /** A parent directory (the run's temp dir); default a fresh private temp dir. */
  withWorkDir(dir: string): this {
    this.baseDir = dir;
    return this;
  }
  /** Reuse the data of an earlier server (a restart with another configuration). */
  withDataDir(dir: string): this {
    this.dataDir = dir;
    return this;
  }
  withJsse(on = true): this {
    this.jsse = on;
    return this;
  }

  async start(): Promise<StartedCassandra> {
    const lib = await ensureCassandra(this.version);
    const started = performance.now();
    const own = this.baseDir ? undefined : await makeTempDir('cassandra');
    const dir = own?.path ?? this.baseDir!;
    await mkdir(dir, { recursive: true });
    const dataDir = this.dataDir ?? join(dir, 'server');
    const [nativePort, storagePort] = [await freePort(HOST), await freePort(HOST)];
    const yaml = renderCassandraYaml(this.setup, { clusterName: 'secmatrix', dir: dataDir, host: HOST, nativePort, storagePort }, this.stores);
    const yamlPath = join(dir, `cassandra-${nativePort}.yaml`);
    await writeFile(yamlPath, yaml, { mode: 0o600 });
    const logPath = join(dir, `cassandra-${nativePort}.log`);
    const logFd = openSync(logPath, 'a');
    // The JVM's temp files (native libraries unpacked at each start) stay inside the server's dir.
    const tmpDir = join(dir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const args = cassandraJvmArgs({ lib, yamlPath, storageDir: dataDir, logDir: join(dir, 'logs'), tmpDir, heap: this.heap, jsse: this.jsse });
    const child = spawn('java', args, { cwd: dir, detached: true, stdio: ['ignore', logFd, logFd] });
    closeSync(logFd);
    if (child.pid !== undefined) watchGroup(child.pid);
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const exitedP = new Promise<void>((r) => child.once('exit', (code, signal) => ((exited = { code, signal }), r())));
    child.once('error', () => undefined);
    const readLog = () => {
      try {
        return readFileSync(logPath, 'utf8');
      } catch {
        return '';
      }
    };
    let stopped = false;
    const stopNow = async () => {
      if (stopped) return;
      stopped = true;
      // A throw-away directory: SIGKILL the whole group at once (SIGTERM costs ~6 s).
      killGroup(child, 'SIGKILL');
      if (!exited) await Promise.race([exitedP, sleep(5000)]);
      if (own) await own.remove();
    };
    const release = onCleanup(`cassandra (pid ${child.pid}) in ${dir}`, stopNow);

    try {
      const deadline = performance.now() + this.startupTimeoutMs;
      let lastProbeError = '';
      for (;;) {
        if (exited) {
          const log = readLog();
          const rejected = /ConfigurationException|Invalid yaml|Exception encountered during startup|Fatal configuration error/i.test(log);
          throw new CassandraStartError(`Cassandra exited before it was ready (code ${exited.code}, signal ${exited.signal})`, tail(log), rejected);
        }
        if (performance.now() > deadline)
          throw new CassandraStartError(
            `Cassandra was not ready within ${this.startupTimeoutMs} ms${lastProbeError ? ` (last login attempt: ${lastProbeError})` : ''}`,
            tail(readLog()),
            false,
          );
        if (await portAnswers(HOST, nativePort)) {
          if (!this.probe) break;
          try {
            await this.probe({ host: HOST, nativePort });
            break;
          } catch (err) {
            lastProbeError = err instanceof Error ? err.message : String(err);
          }
        }
        await sleep(250);
      }
    } catch (err) {
      await release();
      throw err;
    }
    const startMs = performance.now() - started;
    return {
      host: HOST,
      nativePort,
      storagePort,
      dir: dataDir,
      yaml,
      pid: child.pid!,
      startMs,
      mark: () => Buffer.byteLength(readLog()),
      logSince: (m: number) => Buffer.from(readLog()).subarray(m).toString('utf8'),
      stop: release,
    };
  }
}

/** Removes a data directory kept for a restart (the caller's, when it is outside a temp dir). */
export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
