// A container as data first, then started: `new ContainerSpec(image).withFile(...).withEnv(...)
// .withWaitForLog(...).start()`. The data form (`definition()`) is what tests check when the image
// cannot be run here (Hazelcast Enterprise: no registry, no license), and it is exactly what
// `start()` hands to testcontainers. The started handle owns its teardown (also on Ctrl-C).
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import type { Readable } from 'node:stream';
import { onCleanup } from '../util/cleanup.ts';
import { useEngine, SECMATRIX_LABEL } from './engine.ts';
import { RUN_LABEL } from './docker-api.ts';
import { runGone } from '../util/orphan-guard.ts';

export interface FileInContainer {
  target: string;
  /** Exactly one of: the bytes, or a file on this machine. */
  content?: string | Buffer;
  source?: string;
  mode: number;
}

export interface ContainerDefinition {
  image: string;
  command: string[];
  /** Values of secret variables appear as "<redacted>". */
  env: Record<string, string>;
  files: Array<{ target: string; from: string; mode: string }>;
  ports: Array<{ container: number; host?: number }>;
  wait: { logMessage: string; times: number; timeoutMs: number };
  labels: Record<string, string>;
  network?: { name: string; aliases: string[] };
  /** 'host': the container shares this machine's network (members reach each other and the services on 127.0.0.1). */
  networkMode?: string;
  /** Directories of this machine mounted into the container (data kept across two starts). */
  mounts?: Array<{ source: string; target: string }>;
}

/** The container did not start or become ready; `logTail` is what it printed (last lines). */
export class ContainerStartError extends Error {
  override name = 'ContainerStartError';
  constructor(
    message: string,
    readonly logTail: string,
  ) {
    super(message);
  }
}

export const REDACTED = '<redacted>';

export class ContainerSpec {
  private command: string[] = [];
  private readonly env = new Map<string, { value: string; secret: boolean }>();
  private readonly files: FileInContainer[] = [];
  private readonly ports: Array<{ container: number; host?: number }> = [];
  private wait = { pattern: /.^/ as RegExp, times: 1, timeoutMs: 60_000 };
  private readonly labels: Record<string, string> = { [SECMATRIX_LABEL]: 'true' };
  private network: { name: string; aliases: string[] } | undefined;
  private networkMode: string | undefined;
  private readonly mounts: Array<{ source: string; target: string }> = [];
  private stopTimeoutMs = 2_000;

  constructor(readonly image: string) {
    // Every container of one run carries the run's id: the run's parent sweeps it after Ctrl-C.
    const run = process.env['SECMATRIX_RUN_ID'];
    if (run) this.labels[RUN_LABEL] = run;
  }

  withCommand(args: string[]): this {
    this.command = [...args];
    return this;
  }
  /** A secret value (license key) is passed to the engine but never shown by definition(). */
  withEnv(name: string, value: string, o: { secret?: boolean } = {}): this {
    this.env.set(name, { value, secret: !!o.secret });
    return this;
  }
  withFile(f: FileInContainer): this {
    if ((f.content === undefined) === (f.source === undefined)) throw new Error(`file ${f.target}: give content or source, not both or neither`);
    this.files.push(f);
    return this;
  }
  /** host given: published on the same host port (members advertise the address clients dial). */
  withPort(container: number, host?: number): this {
    this.ports.push(host === undefined ? { container } : { container, host });
    return this;
  }
  withWaitForLog(pattern: RegExp, o: { times?: number; timeoutMs: number }): this {
    this.wait = { pattern, times: o.times ?? 1, timeoutMs: o.timeoutMs };
    return this;
  }
  withLabel(name: string, value: string): this {
    this.labels[name] = value;
    return this;
  }
  withNetworkMode(mode: string): this {
    this.networkMode = mode;
    return this;
  }
  /** How long stop() lets the process end on SIGTERM before the engine kills it (0: at once, for throw-away data). */
  withStopTimeout(ms: number): this {
    this.stopTimeoutMs = ms;
    return this;
  }
  /** A directory of this machine at `target` inside (read-write): needs a local engine. */
  withBindMount(source: string, target: string): this {
    this.mounts.push({ source, target });
    return this;
  }
  withNetwork(name: string, ...aliases: string[]): this {
    this.network = { name, aliases };
    return this;
  }

  definition(): ContainerDefinition {
    return {
      image: this.image,
      command: [...this.command],
      env: Object.fromEntries([...this.env].map(([k, v]) => [k, v.secret ? REDACTED : v.value])),
      files: this.files.map((f) => ({ target: f.target, from: f.source ?? `(${Buffer.byteLength(f.content!)} bytes)`, mode: f.mode.toString(8) })),
      ports: this.ports.map((p) => ({ ...p })),
      wait: { logMessage: String(this.wait.pattern), times: this.wait.times, timeoutMs: this.wait.timeoutMs },
      labels: { ...this.labels },
      ...(this.network ? { network: { ...this.network, aliases: [...this.network.aliases] } } : {}),
      ...(this.networkMode ? { networkMode: this.networkMode } : {}),
      ...(this.mounts.length ? { mounts: this.mounts.map((m) => ({ ...m })) } : {}),
    };
  }

  /** The testcontainers form of this definition (no engine contacted). */
  toGenericContainer(onLog: (line: string) => void, network?: import('testcontainers').StartedNetwork): GenericContainer {
    let c = new GenericContainer(this.image)
      .withEnvironment(Object.fromEntries([...this.env].map(([k, v]) => [k, v.value])))
      .withLabels(this.labels)
      .withWaitStrategy(Wait.forLogMessage(this.wait.pattern, this.wait.times))
      .withStartupTimeout(this.wait.timeoutMs)
      // Images are built locally (or pulled once by the user): never pull an image that exists.
      .withLogConsumer((stream: Readable) => {
        let rest = '';
        stream.on('data', (b: Buffer | string) => {
          rest += b.toString();
          const lines = rest.split('\n');
          rest = lines.pop()!;
          for (const l of lines) onLog(l.replace(/\r$/, ''));
        });
        stream.on('end', () => rest && onLog(rest));
      });
    if (this.command.length) c = c.withCommand(this.command);
    if (this.ports.length) c = c.withExposedPorts(...this.ports.map((p) => (p.host === undefined ? p.container : { container: p.container, host: p.host })));
    const content = this.files.filter((f) => f.content !== undefined).map((f) => ({ content: f.content!, target: f.target, mode: f.mode }));
    const sources = this.files.filter((f) => f.source !== undefined).map((f) => ({ source: f.source!, target: f.target, mode: f.mode }));
    if (content.length) c = c.withCopyContentToContainer(content);
    if (sources.length) c = c.withCopyFilesToContainer(sources);
    if (this.networkMode) c = c.withNetworkMode(this.networkMode);
    if (this.mounts.length) c = c.withBindMounts(this.mounts.map((m) => ({ source: m.source, target: m.target, mode: 'rw' as const })));
    if (network) c = c.withNetwork(network).withNetworkAliases(...(this.network?.aliases ?? []));
    return c;
  }

  async start(o: { network?: import('testcontainers').StartedNetwork } = {}): Promise<StartedSpec> {
    if (runGone()) throw new Error(`not starting ${this.image}: the run was interrupted`);
    await useEngine();
    const lines: string[] = [];
    const listeners = new Set<(line: string) => void>();
    const onLog = (line: string) => {
      lines.push(line);
      for (const l of listeners) l(line);
    };
    let container: StartedTestContainer;
    try {
      container = await this.toGenericContainer(onLog, o.network).start();
    } catch (err) {
      // testcontainers removes a container whose wait failed; say what the member printed.
      const tail = lines.slice(-30).join('\n');
      throw new ContainerStartError(`${this.image} did not become ready: ${err instanceof Error ? err.message : String(err)}${tail ? `\n--- container log (last lines) ---\n${tail}` : ''}`, tail);
    }
    const started = container;
    const stopTimeoutMs = this.stopTimeoutMs;
    if (runGone()) {
      await started.stop({ remove: true, removeVolumes: true, timeout: 1_000 });
      throw new Error(`stopped ${this.image} again: the run was interrupted while it started`);
    }
    const release = onCleanup(`container ${started.getName()} (${this.image})`, async () => {
      await started.stop({ remove: true, removeVolumes: true, timeout: stopTimeoutMs });
    });
    return {
      container: started,
      host: started.getHost(),
      mappedPort: (p: number) => started.getMappedPort(p),
      lines,
      onLine(l) {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      stop: release,
    };
  }
}

export interface StartedSpec {
  readonly container: StartedTestContainer;
  readonly host: string;
  mappedPort(containerPort: number): number;
  /** Every log line so far (stdout and stderr), oldest first. */
  readonly lines: readonly string[];
  onLine(listener: (line: string) => void): () => void;
  /** Stops and removes the container (bounded); later calls do nothing. */
  stop(): Promise<void>;
}
