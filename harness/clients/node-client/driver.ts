// The official Node client (hazelcast-client), driven in-process.
import { createRequire } from 'node:module';
import { Client } from 'hazelcast-client';
import type { TLSSocket } from 'node:tls';
import { CLIENT_DEFAULTS_EVIDENCE, type Check, type ClientSetup, type NegotiatedTls } from '../../core/plan/cell.ts';
import { CAPABILITIES, operationCapability } from '../../core/plan/cell.ts';
import { withTimeout } from '../../core/util/deadline.ts';
import { redactText } from '../../core/util/redact.ts';
import type { CheckResult, ClientDriver, ClientSession, ConnectReport, DriveContext, MemberEndpoint } from '../driver.ts';
import { missingCapabilities } from '../driver.ts';
import { buildClientConfig, NODE_CLIENT_TIMING } from './client-config.ts';
import { CapturingLogger } from './log-capture.ts';
import { NODE_CLIENT_ERRORS } from './error-map.ts';
import { NODE_OPERATIONS, NODE_UNSUPPORTED_OPERATIONS } from './operations.ts';
import type { ClientFaultName } from './client-faults.ts';

const requireHere = createRequire(import.meta.url);
const clientVersion: string = requireHere('hazelcast-client/package.json').version;
/** The client's configuration builder (not in its public API): what newHazelcastClient uses. */
const { ConfigBuilder } = requireHere('hazelcast-client/lib/config/ConfigBuilder') as { ConfigBuilder: new (c: unknown) => { build(): { network: { ssl: { sslOptions: unknown } } } } };


export interface EffectiveTlsDefaults {
  /** Whether the client checks that the member's certificate names the host dialled. */
  hostnameVerification: boolean;
  /** Whether the client refuses a member certificate that does not chain to a trusted CA. */
  verifiesMember: boolean;
  /** Which CAs it trusts: the runtime's default set, or CAs it was given. */
  trust: 'default CAs' | 'given CAs';
}

/**
 * Reads the TLS options the client used: its own checkServerIdentity (if any) is asked about a
 * certificate for another host; Node's default check (none given) refuses it.
 */
export function effectiveTlsDefaults(sslOptions: unknown): EffectiveTlsDefaults {
  const o = (sslOptions ?? {}) as { checkServerIdentity?: (host: string, cert: unknown) => unknown; rejectUnauthorized?: boolean; ca?: unknown };
  let hostnameVerification = true;
  if (typeof o.checkServerIdentity === 'function') {
    const verdict = o.checkServerIdentity('127.0.0.1', { subject: { CN: 'other-host.example' }, subjectaltname: 'DNS:other-host.example' });
    hostnameVerification = verdict instanceof Error;
  }
  return { hostnameVerification, verifiesMember: o.rejectUnauthorized !== false, trust: o.ca ? 'given CAs' : 'default CAs' };
}

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

const ACCESS_DENIED = /AccessControlException/;

export class NodeClientDriver implements ClientDriver {
  private readonly pending = new Set<Promise<unknown>>();
  readonly name: string;

  /** fault: a client bug of client-faults.ts to reproduce (selfcheck only). */
  constructor(private readonly o: { fault?: ClientFaultName } = {}) {
    this.name = `hazelcast-client (Node.js)${o.fault ? ` with injected fault ${o.fault}` : ''}`;
  }

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
  readonly errors = NODE_CLIENT_ERRORS;
  readonly attemptBoundMs = ATTEMPT_BOUND_MS;

  notApplicable(client: ClientSetup): string | undefined {
    const missing = missingCapabilities(this, client);
    if (missing.length === 0) return undefined;
    return [...new Set(missing.map((c) => UNSUPPORTED[c] ?? `the Node client has no '${c}' capability`))].join('; ');
  }

  async connect(endpoint: MemberEndpoint, client: ClientSetup, ctx: DriveContext): Promise<ConnectReport> {
    const started = performance.now();
    const logger = new CapturingLogger();
    const { config, secrets } = buildClientConfig(client, endpoint, ctx.pki, logger, this.o.fault);
    let hz: Client | undefined;
    let rejection: string | undefined;
    // With the client's TLS defaults, the client is built from its effective configuration here
    // (what newHazelcastClient does), so that the TLS options the client chose for itself can be
    // read back afterwards: its own report of its defaults.
    let effective: { network: { ssl: { sslOptions: unknown } } } | undefined;
    let starting: Promise<Client>;
    if (client.tls?.defaults) {
      effective = new ConfigBuilder(config).build();
      starting = new (Client as unknown as new (c: unknown) => { init(): Promise<Client> })(effective).init();
    } else starting = Client.newHazelcastClient(config);
    // With TLS 1.3 the member refuses a client certificate only after the client's handshake ended,
    // and the client then waits out its heartbeat timeout. The member's own refusal settles the
    // outcome at once; the client is left to give up by itself and is awaited in drain().
    try {
      const first = await withTimeout(
        'Node client connect',
        ATTEMPT_BOUND_MS,
        Promise.race([starting.then((c) => ({ client: c })), (ctx.memberRefused ?? new Promise<boolean>(() => undefined)).then((refused) => (refused ? { refused } : new Promise<never>(() => undefined)))]),
      );
      if ('client' in first) hz = first.client;
      else this.leaveToFail(starting);
    } catch (err) {
      rejection = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    const evidence: Record<string, string> = { 'client log': redactText(logger.text(), secrets) };
    if (effective) evidence[CLIENT_DEFAULTS_EVIDENCE] = JSON.stringify(effectiveTlsDefaults(effective.network.ssl.sslOptions));
    const report: ConnectReport = {
      connected: hz !== undefined,
      clientErrors: [...logger.problems(), ...(rejection ? [rejection] : [])],
      evidence,
      secrets,
      durationMs: performance.now() - started,
    };
    const clientTls = hz ? negotiatedByClient(hz) : undefined;
    if (clientTls) report.clientTls = clientTls;
    if (hz) report.session = new NodeClientSession(hz);
    return report;
  }
}

/**
 * What the client's own TLS connection negotiated: the client keeps its connections in a registry
 * (not in its public API); each holds the socket it talks over. Undefined for plain TCP or when the
 * client's internals do not show it.
 */
export function negotiatedByClient(hz: Client): NegotiatedTls | undefined {
  try {
    const registry = (hz as unknown as { connectionRegistry?: { getConnections(): Array<{ socket?: unknown }> } }).connectionRegistry;
    const socket = registry?.getConnections()[0]?.socket as Partial<TLSSocket> | undefined;
    if (!socket || typeof socket.getProtocol !== 'function') return undefined;
    const version = socket.getProtocol();
    if (!version) return undefined;
    const cipher = socket.getCipher?.();
    return { version, ...(cipher?.standardName ? { suite: cipher.standardName } : {}) };
  } catch {
    return undefined;
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
