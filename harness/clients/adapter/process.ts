// One adapter process: started in its own process group, spoken to one request at a time over JSON
// lines, every request bounded. Whatever goes wrong (no answer in time, exit, a line that is not
// the protocol) ends the whole process group and is reported as an AdapterFailure that carries the
// adapter's stderr, so the cell it was serving fails with it and the next cell gets a fresh adapter.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { responseProblem, type RequestType } from './schemas.ts';

export type AdapterFailureKind = 'hung' | 'crashed' | 'garbage' | 'protocol' | 'start';

export class AdapterFailure extends Error {
  override name = 'AdapterFailure';
  constructor(
    readonly kind: AdapterFailureKind,
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

export interface AdapterCommand {
  /** argv: the executable and its arguments. */
  command: string[];
  env?: Record<string, string>;
  cwd?: string;
}

export type AdapterMessage = Record<string, unknown> & { id: number | null; type: string };

/** Bytes of stderr kept (the tail): enough for the causes, bounded for a chatty adapter. */
const STDERR_KEEP = 64 * 1024;
/** How long a failure waits for the rest of the adapter's stderr (its process group is killed). */
const STDERR_DRAIN_MS = 1000;

export class AdapterProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private stderrText = '';
  /** Characters of stderr received in all (the kept text is its tail). */
  private stderrTotal = 0;
  private nextId = 1;
  private waiting: { id: number; request: RequestType; resolve: (m: AdapterMessage) => void; reject: (e: AdapterFailure) => void } | undefined;
  private exitInfo: string | undefined;
  private readonly exited: Promise<void>;
  private readonly stderrClosed: Promise<void>;
  private failure: AdapterFailure | undefined;

  constructor(
    readonly spec: AdapterCommand,
    private readonly label: string,
  ) {
    const [exe, ...args] = spec.command;
    if (!exe) throw new AdapterFailure('start', `${label}: empty command`, '');
    // detached: its own process group, so the whole tree (a JVM's or a venv's children) can be ended.
    this.child = spawn(exe, args, { cwd: spec.cwd, env: { ...process.env, ...spec.env }, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.child.stderr.setEncoding('utf8');
    this.stderrClosed = new Promise((resolve) => this.child.stderr.once('close', () => resolve()));
    this.child.stderr.on('data', (s: string) => {
      this.stderrTotal += s.length;
      this.stderrText = (this.stderrText + s).slice(-STDERR_KEEP);
    });
    this.child.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      this.child.once('error', (err) => {
        this.exitInfo = `could not start: ${err.message}`;
        this.fail(new AdapterFailure('start', `${label} could not be started (${spec.command.join(' ')}): ${err.message}`, this.stderrText));
        resolve();
      });
      this.child.once('exit', (code, signal) => {
        this.exitInfo ??= signal ? `killed by ${signal}` : `exited with status ${code}`;
        const during = this.waiting ? ` while answering '${this.waiting.request}'` : '';
        this.fail(new AdapterFailure('crashed', `${label} ${this.exitInfo}${during}`, this.stderrText));
        resolve();
      });
    });
    const lines = createInterface({ input: this.child.stdout });
    lines.on('line', (line) => this.onLine(line));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The adapter's log so far (its stderr, tail). */
  get stderr(): string {
    return this.stderrText;
  }

  /** A position in the log, to take what one step logged with logSince. */
  mark(): number {
    return this.stderrTotal;
  }

  /** What the adapter logged since mark (from the kept tail, marked … when older text is gone). */
  logSince(mark: number): string {
    const dropped = this.stderrTotal - this.stderrText.length;
    return mark >= dropped ? this.stderrText.slice(mark - dropped) : `…${this.stderrText}`;
  }

  get alive(): boolean {
    return this.failure === undefined && this.exitInfo === undefined;
  }

  private onLine(line: string): void {
    if (line.trim() === '') return;
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      this.fail(new AdapterFailure('garbage', `${this.label} printed a line that is not JSON: ${JSON.stringify(line.slice(0, 200))}`, this.stderrText));
      return;
    }
    const w = this.waiting;
    if (!w) {
      this.fail(new AdapterFailure('garbage', `${this.label} printed a message nobody asked for: ${line.slice(0, 200)}`, this.stderrText));
      return;
    }
    const problem = responseProblem(w.request, msg);
    if (problem) {
      this.fail(new AdapterFailure('garbage', `${this.label} answered '${w.request}' out of protocol (${problem}): ${line.slice(0, 300)}`, this.stderrText));
      return;
    }
    const m = msg as AdapterMessage;
    // A protocol-error may carry id null (unparseable request); a raw probe (id -1) takes any id.
    if (m.id !== w.id && !(m.type === 'protocol-error' && (m.id === null || w.id === -1))) {
      this.fail(new AdapterFailure('garbage', `${this.label} answered id ${String(m.id)} to request ${w.id}`, this.stderrText));
      return;
    }
    this.waiting = undefined;
    w.resolve(m);
  }

  /** Marks the adapter broken, rejects the open request, and ends its process group. */
  private fail(f: AdapterFailure): void {
    if (!this.failure) this.failure = f;
    const w = this.waiting;
    this.waiting = undefined;
    this.killGroup();
    // stdout and stderr are separate pipes: what the adapter logged just before the line that broke
    // the protocol may still be in transit. The failure carries its log once stderr has closed (the
    // group is killed), at most STDERR_DRAIN_MS later.
    if (w) {
      const drained = new Promise<void>((resolve) => setTimeout(resolve, STDERR_DRAIN_MS).unref());
      void Promise.race([this.stderrClosed, drained]).then(() => w.reject(new AdapterFailure(f.kind, f.message, this.stderrText)));
    }
  }

  private killGroup(): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }

  /** Sends one request and waits (at most ms) for its answer. Throws AdapterFailure. */
  async request(type: RequestType, body: Record<string, unknown>, ms: number): Promise<AdapterMessage> {
    if (this.failure) throw new AdapterFailure(this.failure.kind, this.failure.message, this.stderrText);
    if (this.waiting) throw new Error(`${this.label}: a request is already waiting (requests go one at a time)`);
    const id = this.nextId++;
    const answer = new Promise<AdapterMessage>((resolve, reject) => {
      this.waiting = { id, request: type, resolve, reject };
    });
    this.child.stdin.write(`${JSON.stringify({ id, type, ...body })}\n`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const f = new AdapterFailure('hung', `${this.label} did not answer '${type}' within ${ms} ms`, this.stderrText);
        this.fail(f);
        reject(f);
      }, ms);
    });
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends a raw line (adapter check: malformed requests) and waits for one answer line. */
  async raw(line: string, ms: number): Promise<AdapterMessage> {
    // A protocol-error answer has id null; onLine accepts it for this probe.
    const answer = new Promise<AdapterMessage>((resolve, reject) => {
      this.waiting = { id: -1, request: 'bye', resolve, reject };
    });
    this.child.stdin.write(`${line}\n`);
    let timer: NodeJS.Timeout | undefined;
    try {
      const hung = () => new AdapterFailure('hung', `${this.label} did not answer a malformed request within ${ms} ms`, this.stderrText);
      return await Promise.race([answer, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(hung()), ms)))]);
    } finally {
      clearTimeout(timer);
      this.waiting = undefined;
    }
  }

  /** bye, then the process must exit; bounded, and the process group is killed whatever happens. */
  async stop(ms = 5000): Promise<void> {
    if (this.alive) {
      await this.request('bye', {}, ms).catch(() => undefined);
      this.child.stdin.end();
      await Promise.race([this.exited, new Promise((r) => setTimeout(r, ms))]);
    }
    this.killGroup();
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 2000))]);
  }
}
