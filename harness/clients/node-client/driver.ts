// The official Node client (hazelcast-client), driven in-process.
import { createRequire } from 'node:module';
import { Client } from 'hazelcast-client';
import type { Check, ClientSetup } from '../../core/plan/cell.ts';
import { CAPABILITIES, operationCapability } from '../../core/plan/cell.ts';
import { withTimeout } from '../../core/util/deadline.ts';
import { redactText } from '../../core/util/redact.ts';
import { classifyAttempt } from '../classify.ts';
import type { CheckResult, ClientDriver, ClientSession, ConnectAttempt, DriveContext, MemberEndpoint } from '../driver.ts';
import { missingCapabilities } from '../driver.ts';
import { buildClientConfig, NODE_CLIENT_TIMING } from './client-config.ts';
import { CapturingLogger } from './log-capture.ts';
import { kerberosToken } from '../../core/services/kerberos-token.ts';
import { NODE_OPERATIONS, NODE_UNSUPPORTED_OPERATIONS } from './operations.ts';

const clientVersion: string = createRequire(import.meta.url)('hazelcast-client/package.json').version;

/** Why the Node client cannot express a capability (for not-applicable reasons). */
const UNSUPPORTED: Record<string, string> = {
  [CAPABILITIES.pinSslv2]: 'Node.js (OpenSSL 3) has no SSLv2: the client cannot even be configured to offer it',
  [CAPABILITIES.pinSslv3]: 'Node.js (OpenSSL 3) has no SSLv3: minVersion/maxVersion accept TLSv1 and above only',
  [CAPABILITIES.keyPasswordCallable]: 'a key password given by a callable is a Python-client option (ssl_password); Node takes a string passphrase',
  [CAPABILITIES.keyPasswordBytes]: 'a key password given as bytes is a Python-client option (ssl_password); Node takes a string passphrase',
};

// Operations are capabilities too: those of the registry are supported, the others carry their reason.
for (const [op, why] of Object.entries(NODE_UNSUPPORTED_OPERATIONS)) UNSUPPORTED[operationCapability(op)] = why;

const SUPPORTED = new Set<string>([
  ...Object.values(CAPABILITIES).filter((c) => !(c in UNSUPPORTED)),
  ...Object.keys(NODE_OPERATIONS).map(operationCapability),
]);

/** Longest a single connection attempt may take, whatever the client does. */
const ATTEMPT_BOUND_MS = NODE_CLIENT_TIMING.heartbeatTimeoutMs + NODE_CLIENT_TIMING.connectionTimeoutMs + 2000;
/** How long to wait for the member's log entry about an attempt that already ended on the client. */
const MEMBER_EVIDENCE_GRACE_MS = 150;

const ACCESS_DENIED = /AccessControlException/;

export class NodeClientDriver implements ClientDriver {
  private readonly pending = new Set<Promise<unknown>>();
  readonly name = 'hazelcast-client (Node.js)';

  /** A client whose outcome is already known keeps failing on its own; it is shut down if it ever connects. */
  private leaveToFail(starting: Promise<Client>): void {
    const settled = starting.then((c) => c.shutdown()).catch(() => undefined);
    this.pending.add(settled);
    void settled.finally(() => this.pending.delete(settled));
  }

  /** Waits (bounded) for every client left to fail by itself. */
  async drain(): Promise<void> {
    await withTimeout('Node clients giving up', ATTEMPT_BOUND_MS, Promise.all([...this.pending])).catch(() => undefined);
  }
  readonly version = clientVersion;
  readonly capabilities: ReadonlySet<string> = SUPPORTED;

  notApplicable(client: ClientSetup): string | undefined {
    const missing = missingCapabilities(this, client);
    if (missing.length === 0) return undefined;
    return [...new Set(missing.map((c) => UNSUPPORTED[c] ?? `the Node client has no '${c}' capability`))].join('; ');
  }

  async connect(endpoint: MemberEndpoint, setup: ClientSetup, ctx: DriveContext): Promise<ConnectAttempt> {
    let client = setup;
    if (setup.credentials.kind === 'kerberos') {
      // No Kerberos in the Node client: get the GSSAPI token first, send it as token credentials.
      const started = performance.now();
      if (!ctx.kerberos) return { outcome: { kind: 'error', message: 'Kerberos credentials but the run has no KDC' }, evidence: {}, durationMs: 0 };
      const token = await kerberosToken(setup.credentials, ctx.kerberos);
      if (!token.ok) return { outcome: { kind: 'no-credentials', reason: token.reason }, evidence: { 'client log': `no Kerberos token: ${token.message}` }, durationMs: performance.now() - started };
      client = { ...setup, credentials: { kind: 'token', encoding: 'base64', token: token.tokenBase64 } };
      if (setup.credentials.ticket === 'replayed') {
        // The token is first accepted once (an eavesdropper's use, or the first connection).
        const first = await this.connect(endpoint, client, ctx);
        await first.session?.close();
        if (first.outcome.kind !== 'connected') return { ...first, outcome: { kind: 'error', message: `the first use of the token was not accepted: ${JSON.stringify(first.outcome)}` } };
      }
    }
    const started = performance.now();
    const logger = new CapturingLogger();
    const { config, secrets } = buildClientConfig(client, endpoint, ctx.pki, logger);
    const mark = ctx.evidence.mark();
    let hz: Client | undefined;
    let rejection: string | undefined;
    const starting = Client.newHazelcastClient(config);
    // With TLS 1.3 the member refuses a client certificate only after the client's handshake ended,
    // and the client then waits out its heartbeat timeout. The member's own refusal settles the
    // outcome at once; the client is left to give up by itself and is awaited in drain().
    const memberRefused = ctx.evidence.waitFor(mark, (e) => e.kind === 'tls-refused' && e.decidedBy === 'member', ATTEMPT_BOUND_MS);
    try {
      const first = await withTimeout(
        'Node client connect',
        ATTEMPT_BOUND_MS,
        Promise.race([starting.then((c) => ({ client: c })), memberRefused.then((e) => (e ? { refusal: e } : new Promise<never>(() => undefined)))]),
      );
      if ('client' in first) hz = first.client;
      else this.leaveToFail(starting);
    } catch (err) {
      rejection = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    if (!hz) {
      // The member logs its side as the connection closes; give that a moment to land.
      await ctx.evidence.waitFor(mark, (e) => e.kind === 'tls-refused' || e.kind === 'auth', MEMBER_EVIDENCE_GRACE_MS);
    } else {
      // The identity the member authenticated: already logged in-process, but a container member's
      // line comes through the engine's log stream a moment later (resolves at once when present).
      await ctx.evidence.waitFor(mark, (e) => e.kind === 'auth', MEMBER_EVIDENCE_GRACE_MS);
    }
    const memberEvents = ctx.evidence.since(mark);
    const clientErrors = [...logger.problems(), ...(rejection ? [rejection] : [])];
    const outcome = classifyAttempt({ connected: hz !== undefined, clientErrors, memberEvents });
    const evidence = {
      'client log': redactText(logger.text(), secrets),
      'member log': redactText(memberEvents.map((e) => `${e.kind}: ${e.detail}`).join('\n'), secrets),
    };
    const attempt: ConnectAttempt = { outcome, evidence, durationMs: performance.now() - started };
    if (hz) attempt.session = new NodeClientSession(hz);
    return attempt;
  }
}

/**
 * The error and its causes, outermost first: the client wraps some member errors (a listener
 * registration fails as "Listener cannot be added!" with the member's error as its cause).
 */
export function describeWithCauses(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    parts.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    e = e instanceof Error ? (e as Error & { cause?: unknown }).cause : undefined;
  }
  return parts.join(' <- caused by ');
}

class NodeClientSession implements ClientSession {
  constructor(private readonly hz: Client) {}

  async run(check: Check): Promise<CheckResult> {
    try {
      await withTimeout(`check ${check.id}`, NODE_CLIENT_TIMING.invocationTimeoutMs + 1000, this.operate(check));
      return { result: 'granted' };
    } catch (err) {
      const message = describeWithCauses(err);
      return ACCESS_DENIED.test(message) ? { result: 'denied', message } : { result: 'error', message };
    }
  }

  private async operate(check: Check): Promise<void> {
    const op = NODE_OPERATIONS[check.operation];
    // notApplicable() keeps cells with other operations away; reaching here is a planning bug.
    if (!op) throw new Error(`the Node client driver has no operation ${check.operation}`);
    await op(this.hz, check.objectName);
  }

  async close(): Promise<void> {
    await withTimeout('Node client shutdown', 5000, this.hz.shutdown()).catch(() => undefined);
  }
}
