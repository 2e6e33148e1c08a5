// The adapter-process driver: any client, in any language, behind the adapter protocol
// (docs/adapter-protocol.md). It implements the same ClientDriver contract as the in-process Node
// driver: hello once (protocol version, capabilities), a `connect` per client setup, `run` per
// check, `close`; facts from the adapter are classified with the adapter's error map here, never
// in the adapter. Every step is bounded; a hung, crashed or garbage-speaking adapter fails the cell
// it serves with its stderr attached, and the next cell gets a fresh adapter.
import type { Check, ClientSetup, Outcome } from '../../core/plan/cell.ts';
import { CAPABILITIES } from '../../core/plan/cell.ts';
import type { TlsCatalogue as Catalogue } from '../../core/plan/tls-facts.ts';
import { loadMatrices } from '../../hazelcast/plan/load.ts';
import type { CheckResult, ClientDriver, ClientSession, ConnectAttempt, DriveContext, MemberEndpoint } from '../driver.ts';
import { kerberosToken } from '../../core/services/kerberos-token.ts';
import { redactText } from '../../core/util/redact.ts';
import { connectedOutcome } from '../../core/drive/classify.ts';
import { adapterNegotiated, classifyFailedConnect, describeFact } from './classify.ts';
import { connectMessage, ConnectMessageError } from './connect-message.ts';
import { meaningOf, type ErrorFact, type ErrorMap } from './error-map.ts';
import { AdapterStartError, startAdapter, type HelloFacts } from './hello.ts';
import { AdapterFailure, AdapterProcess, type AdapterCommand, type AdapterMessage } from './process.ts';

/** An adapter ready to start: what the registry (or --client PATH) resolved. */
export interface ResolvedAdapter {
  /** Registry name, or the path of a vendor's executable. */
  name: string;
  command: AdapterCommand;
  errorMap: ErrorMap;
  /** deviations.yaml shipped with the adapter, if any. */
  deviationsFile?: string | undefined;
}

export interface AdapterTimeouts {
  helloMs: number;
  connectMs: number;
  operationMs: number;
  /** Slack on top of the client's own timeouts before the adapter counts as hung. */
  slackMs: number;
}

export const DEFAULT_ADAPTER_TIMEOUTS: AdapterTimeouts = { helloMs: 30_000, connectMs: 6_000, operationMs: 5_000, slackMs: 8_000 };

let catalogueCache: Catalogue | undefined;
function catalogue(): Catalogue {
  catalogueCache ??= loadMatrices().catalogue;
  return catalogueCache;
}

/** Kerberos scenarios the runner must play itself (tokens from the KDC) unless the adapter can. */
function kerberosNeedsRunner(setup: ClientSetup): boolean {
  const c = setup.credentials;
  return c.kind === 'kerberos' && ((c.ticket ?? 'fresh') !== 'fresh' || c.mutual === true);
}

export class AdapterDriver implements ClientDriver {
  /** The adapter gets Kerberos tickets itself (its client's own support) or asks the runner's KDC (see connect). */
  readonly handlesKerberos = true;
  readonly name: string;
  readonly version: string;
  readonly language: string;
  readonly adapterVersion: string;
  readonly capabilities: ReadonlySet<string>;
  private proc: AdapterProcess | undefined;
  private sessions = 0;
  /** Adapter starts after the first (each one follows a hung / crashed / garbage adapter). */
  restarts = 0;

  private constructor(
    readonly spec: ResolvedAdapter,
    hello: HelloFacts,
    proc: AdapterProcess,
    private readonly timeouts: AdapterTimeouts,
  ) {
    this.proc = proc;
    this.name = hello.client.name;
    this.version = hello.client.version;
    this.language = hello.client.language;
    this.adapterVersion = hello.adapter.version;
    this.capabilities = new Set(hello.capabilities);
  }

  static async start(spec: ResolvedAdapter, timeouts: AdapterTimeouts = DEFAULT_ADAPTER_TIMEOUTS): Promise<AdapterDriver> {
    const { proc, hello } = await startAdapter(spec, timeouts.helloMs);
    return new AdapterDriver(spec, hello, proc, timeouts);
  }

  get errorMap(): ErrorMap {
    return this.spec.errorMap;
  }

  notApplicable(client: ClientSetup): string | undefined {
    const has = (c: string) => this.capabilities.has(c);
    let missing = client.requiredCapabilities.filter((c) => !has(c));
    // Kerberos: the adapter's own (hazelcast-kerberos...), or a token the runner gets from the KDC.
    if (client.credentials.kind === 'kerberos' && has(CAPABILITIES.tokenCredentials)) missing = missing.filter((c) => c !== CAPABILITIES.kerberosCredentials);
    if (client.credentials.kind === 'kerberos' && !has(CAPABILITIES.kerberosCredentials) && !has(CAPABILITIES.tokenCredentials))
      missing.push(CAPABILITIES.kerberosCredentials);
    if (missing.length === 0) return undefined;
    return `${this.name} ${this.version} (adapter) does not declare: ${[...new Set(missing)].join(', ')}`;
  }

  /** The live adapter, or a fresh one when the last one failed. */
  private async live(): Promise<AdapterProcess> {
    if (this.proc?.alive) return this.proc;
    const { proc, hello } = await startAdapter(this.spec, this.timeouts.helloMs);
    if (hello.client.version !== this.version) {
      await proc.stop(1000);
      throw new AdapterStartError(`the restarted adapter reports client version ${hello.client.version}, not ${this.version}`, proc.stderr);
    }
    this.restarts++;
    this.proc = proc;
    return proc;
  }

  async connect(endpoint: MemberEndpoint, setup: ClientSetup, ctx: DriveContext): Promise<ConnectAttempt> {
    const started = performance.now();
    let client = setup;
    const notes: string[] = [];
    if (setup.credentials.kind === 'kerberos' && (kerberosNeedsRunner(setup) || !this.capabilities.has(CAPABILITIES.kerberosCredentials))) {
      // The runner plays the scenario (expired, replayed, GSS flags) and hands the token over.
      if (!ctx.kerberos) return { outcome: { kind: 'error', message: 'Kerberos credentials but the run has no KDC' }, evidence: {}, durationMs: 0 };
      const token = await kerberosToken(setup.credentials, ctx.kerberos);
      if (!token.ok)
        return {
          outcome: { kind: 'no-credentials', reason: token.reason },
          evidence: { 'client log': `no Kerberos token (runner's kinit): ${token.message}` },
          durationMs: performance.now() - started,
        };
      notes.push('Kerberos: the GSSAPI token was obtained by the runner and sent as token credentials (the scenario needs it)');
      client = { ...setup, credentials: { kind: 'token', encoding: 'base64', token: token.tokenBase64 } };
      if (setup.credentials.ticket === 'replayed') {
        const first = await this.connect(endpoint, client, ctx);
        await first.session?.close();
        if (first.outcome.kind !== 'connected')
          return { ...first, outcome: { kind: 'error', message: `the first use of the token was not accepted: ${JSON.stringify(first.outcome)}` } };
      }
    }
    const keytab =
      client.credentials.kind === 'kerberos' && client.credentials.login === 'keytab' && ctx.kerberos
        ? await ctx.kerberos.keytab(`${client.credentials.principal}@${ctx.kerberos.realm}`)
        : undefined;
    let built: ReturnType<typeof connectMessage>;
    const session = `s${++this.sessions}`;
    try {
      built = connectMessage({
        session,
        endpoint,
        client,
        pki: ctx.pki,
        catalogue: catalogue(),
        ...(ctx.kerberos ? { kerberos: { env: ctx.kerberos, ...(keytab ? { keytab } : {}) } } : {}),
        timeouts: { connectMs: this.timeouts.connectMs, operationMs: this.timeouts.operationMs },
      });
    } catch (err) {
      if (err instanceof ConnectMessageError) return { outcome: { kind: 'error', message: err.message }, evidence: {}, durationMs: 0 };
      throw err;
    }
    const secrets = built.secrets;
    const mark = ctx.evidence.mark();
    let proc: AdapterProcess;
    try {
      proc = await this.live();
    } catch (err) {
      const e = err as AdapterStartError;
      return {
        outcome: { kind: 'error', message: `the adapter could not be (re)started: ${e.message}` },
        evidence: { 'adapter log': redactText(e.stderr ?? '', secrets) },
        durationMs: performance.now() - started,
      };
    }
    const logFrom = proc.stderr.length;
    const evidence = (extra: Record<string, string> = {}) => ({
      'connect request (redacted)': redactText(JSON.stringify(built.message, null, 2), secrets),
      'adapter log': redactText(proc.stderr.slice(logFrom), secrets),
      ...(notes.length ? { notes: notes.join('\n') } : {}),
      ...extra,
    });
    let answer: AdapterMessage;
    try {
      answer = await proc.request('connect', built.message, this.timeouts.connectMs + this.timeouts.slackMs);
    } catch (err) {
      const f = err as AdapterFailure;
      return {
        outcome: { kind: 'error', message: `adapter failure (${f.kind}): ${f.message}` },
        evidence: evidence({ 'adapter log': redactText(f.stderr ?? '', secrets) }),
        durationMs: performance.now() - started,
      };
    }
    if (answer.type === 'unsupported') {
      return {
        outcome: { kind: 'not-applicable', reason: `${this.name}: ${String(answer['reason'])}` },
        evidence: evidence(),
        durationMs: performance.now() - started,
      };
    }
    if (answer.type === 'protocol-error') {
      return {
        outcome: { kind: 'error', message: `the adapter refused the connect request: ${String(answer['message'])}` },
        evidence: evidence(),
        durationMs: performance.now() - started,
      };
    }
    if (answer.type === 'connected') {
      await ctx.evidence.waitFor(mark, (e) => e.kind === 'auth', 150);
      const outcome = connectedOutcome(ctx.evidence.since(mark), adapterNegotiated(answer['negotiated']));
      const negotiated: Record<string, string> = answer['negotiated'] ? { negotiated: JSON.stringify(answer['negotiated']) } : {};
      return { outcome, session: new AdapterSession(this, proc, session), evidence: evidence(negotiated), durationMs: performance.now() - started };
    }
    // failed: facts through the error map, against the member's own evidence.
    await ctx.evidence.waitFor(mark, (e) => e.kind === 'tls-refused' || e.kind === 'auth', 150);
    const facts = [answer['error'] as ErrorFact, ...((answer['causes'] as ErrorFact[] | undefined) ?? [])];
    const outcome: Outcome = classifyFailedConnect(this.spec.errorMap, answer['stage'] as string, facts, ctx.evidence.since(mark));
    return {
      outcome,
      evidence: evidence({ 'client errors': redactText(facts.map(describeFact).join('\n'), secrets) }),
      durationMs: performance.now() - started,
    };
  }

  /** Ends the adapter process (bye, bounded; its process group killed). */
  async drain(): Promise<void> {
    const p = this.proc;
    this.proc = undefined;
    await p?.stop();
  }

  /** For sessions: run a request on the adapter process that opened them. */
  async request(proc: AdapterProcess, type: 'run' | 'close', body: Record<string, unknown>): Promise<AdapterMessage> {
    return proc.request(type, body, this.timeouts.operationMs + this.timeouts.slackMs);
  }
}

class AdapterSession implements ClientSession {
  constructor(
    private readonly driver: AdapterDriver,
    private readonly proc: AdapterProcess,
    private readonly session: string,
  ) {}

  async run(check: Check): Promise<CheckResult> {
    if (!this.proc.alive) return { result: 'error', message: 'the adapter that opened this session is gone (it failed earlier)' };
    let answer: AdapterMessage;
    try {
      answer = await this.driver.request(this.proc, 'run', { session: this.session, op: check.operation, object: check.objectName, args: {} });
    } catch (err) {
      const f = err as AdapterFailure;
      return { result: 'error', message: `adapter failure (${f.kind}): ${f.message}\n--- adapter log ---\n${f.stderr ?? ''}` };
    }
    if (answer.type === 'result') return { result: 'granted' };
    if (answer.type === 'unsupported')
      return { result: 'error', message: `the adapter cannot run ${check.operation} although it declared op:${check.operation}: ${String(answer['reason'])}` };
    if (answer.type === 'protocol-error') return { result: 'error', message: `the adapter refused the run request: ${String(answer['message'])}` };
    const facts = [answer['error'] as ErrorFact, ...((answer['causes'] as ErrorFact[] | undefined) ?? [])];
    const message = facts.map(describeFact).join(' <- caused by ');
    const meanings = facts.map((f) => meaningOf(this.driver.errorMap, 'run', f));
    return meanings.includes('denied') ? { result: 'denied', message } : { result: 'error', message };
  }

  async close(): Promise<void> {
    if (!this.proc.alive) return;
    await this.driver.request(this.proc, 'close', { session: this.session }).catch(() => undefined);
  }
}
