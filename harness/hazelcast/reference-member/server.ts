// The reference member's network side: listens (plain TCP or TLS), logs each connection's TLS
// result, and hands every connection to a ClientSession. Stopping closes every connection and the
// listener.
import { X509Certificate } from 'node:crypto';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket, type TlsOptions } from 'node:tls';
import { onCleanup } from '../../core/util/cleanup.ts';
import { withTimeout } from '../../core/util/deadline.ts';
import type { MemberConfig, SslConfig } from './config/model.ts';
import type { ReaderLimits } from './protocol/reader.ts';
import type { ConnectionFacts } from './security/api.ts';
import { authenticate, checkPermission } from './security/index.ts';
import { buildTlsServerOptions, checkClientCertificate } from './tls/index.ts';
import type { SecurityEngine } from './services/authentication.ts';
import { publishDistributedObjectEvents } from './services/client.ts';
import type { Handler } from './services/handler.ts';
import { buildHandlerTable, DEFAULT_HANDLERS } from './services/index.ts';
import { MemberLog, type MemberLogEntry } from './services/member-log.ts';
import { MemberState } from './services/member-state.ts';
import { ClientSession } from './services/session.ts';

export type { MemberEvent, MemberLogEntry } from './services/member-log.ts';
export type { SecurityEngine } from './services/authentication.ts';

/** The TLS side of a member: node TLS server options, and the check applied once a handshake completed. */
export interface TlsSetup {
  options: TlsOptions;
  /** Returns why a connection must be refused after its handshake (e.g. no trusted client certificate), or undefined. */
  afterHandshake?(socket: TLSSocket): string | undefined;
  /** When set, every handshake fails for this reason (e.g. the configured protocol is disabled by the JDK). */
  refuseAllHandshakes?: string;
}

/** A fatal handshake_failure alert record, as JSSE sends when no protocol is enabled. */
const HANDSHAKE_FAILURE_ALERT = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]);
/** Longest the member waits for a ClientHello it is going to refuse anyway. */
const REFUSE_WAIT_MS = 5_000;

export interface StartMemberOptions {
  config: MemberConfig;
  /** Overrides the configured port; 0 picks a free one. */
  port?: number;
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /** Address advertised to clients (auth response, members view); default: host, or 127.0.0.1 for a wildcard. */
  advertiseHost?: string;
  log?: (entry: MemberLogEntry) => void;
  /** Replaces the security layer (tests); default: harness/member/security. */
  security?: SecurityEngine;
  /** Replaces the TLS set-up built from config.ssl (tests); default: harness/member/tls.ts. */
  tls?: TlsSetup;
  limits?: Partial<ReaderLimits>;
  /** Connections that have not authenticated by then are closed; default 120 s. */
  authTimeoutMillis?: number;
  /** How many events `events` keeps (oldest dropped first); default unlimited, so indexes stay valid. */
  maxEvents?: number;
  /** Extra handler lists (a data structure not yet in the default table). */
  handlers?: Handler[][];
}

export interface RunningMember {
  readonly host: string;
  readonly port: number;
  readonly uuid: string;
  readonly clusterId: string;
  readonly tls: boolean;
  /** Events so far, oldest first (the most recent `maxEvents`). */
  readonly events: readonly MemberLogEntry[];
  /** Calls listener for each new event; returns the unsubscribe function. */
  onEvent(listener: (entry: MemberLogEntry) => void): () => void;
  /** The first event (past or future) matching predicate, within timeoutMs. */
  waitForEvent(predicate: (entry: MemberLogEntry) => boolean, timeoutMs?: number): Promise<MemberLogEntry>;
  /** Currently open client connections. */
  connectionCount(): number;
  stop(): Promise<void>;
}

export async function startReferenceMember(opts: StartMemberOptions): Promise<RunningMember> {
  const { config } = opts;
  const bindHost = opts.host ?? '127.0.0.1';
  const advertiseHost = opts.advertiseHost ?? (bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost);
  const tlsSetup = opts.tls ?? (config.ssl ? await tlsSetupFor(config, config.ssl) : undefined);
  const security = opts.security ?? DEFAULT_SECURITY;

  const log = new MemberLog(() => knownSecrets(config), opts.maxEvents);
  if (opts.log) log.subscribe(opts.log);

  const sessions = new Set<ClientSession>();
  let nextConnectionId = 1;
  let member: MemberState | undefined;
  let handlers: Map<number, Handler> | undefined;
  const rawSockets = new Set<Socket>();

  const startSession = (socket: Socket, connectionId: number, peerCertificate: X509Certificate | undefined) => {
    if (!member || !handlers) {
      socket.destroy();
      return;
    }
    const facts: ConnectionFacts = {
      remoteAddress: plainAddress(socket.remoteAddress),
      remotePort: socket.remotePort ?? 0,
      peerCertificate,
    };
    const session = new ClientSession(connectionId, socket, {
      config,
      member,
      handlers,
      security,
      log,
      limits: opts.limits,
      authTimeoutMillis: opts.authTimeoutMillis ?? 120_000,
    }, facts);
    sessions.add(session);
    void session.whenClosed.then(() => sessions.delete(session));
  };

  let server: Server;
  if (tlsSetup?.refuseAllHandshakes) {
    const reason = tlsSetup.refuseAllHandshakes;
    server = createNetServer((socket) => {
      const id = nextConnectionId++;
      const remote = describeRemote(socket);
      rawSockets.add(socket);
      socket.once('close', () => rawSockets.delete(socket));
      socket.on('error', () => undefined);
      log.emit({ kind: 'connection-opened', connectionId: id, remote });
      const timer = setTimeout(() => socket.destroy(), REFUSE_WAIT_MS);
      timer.unref();
      // Read the ClientHello, answer with the alert JSSE sends, and close: the handshake cannot succeed.
      socket.once('data', () => {
        clearTimeout(timer);
        log.emit({ kind: 'tls-failed', connectionId: id, remote, error: reason });
        socket.end(HANDSHAKE_FAILURE_ALERT);
      });
    });
  } else if (tlsSetup) {
    const tlsServer = createTlsServer(tlsSetup.options);
    // Raw TCP connections get their id first, so a failed handshake can be told apart per connection;
    // the TLS socket has the same remote address and port as its raw socket.
    const idByRemote = new Map<string, number>();
    tlsServer.on('connection', (raw: Socket) => {
      const id = nextConnectionId++;
      const remote = describeRemote(raw);
      idByRemote.set(remote, id);
      rawSockets.add(raw);
      raw.once('close', () => {
        rawSockets.delete(raw);
        idByRemote.delete(remote);
      });
      log.emit({ kind: 'connection-opened', connectionId: id, remote });
    });
    // With rejectUnauthorized, Node drops a connection whose client certificate failed verification
    // right after the handshake, with no error event: its reason is only in authorizationError. The
    // keylog event hands over each TLS socket early enough to watch for that.
    const watched = new WeakSet<TLSSocket>();
    tlsServer.on('keylog', (_line: Buffer, socket: TLSSocket) => {
      if (watched.has(socket)) return;
      watched.add(socket);
      const remote = describeRemote(socket);
      socket.once('close', () => {
        const code = socket.authorizationError;
        if (code && !established.has(socket)) {
          log.emit({ kind: 'tls-failed', connectionId: idByRemote.get(remote) ?? null, remote, error: `bad client certificate: ${String(code)}` });
        }
      });
    });
    const established = new WeakSet<TLSSocket>();
    tlsServer.on('tlsClientError', (err: Error, socket: TLSSocket) => {
      const remote = describeRemote(socket);
      log.emit({ kind: 'tls-failed', connectionId: idByRemote.get(remote) ?? null, remote, error: tlsErrorText(err) });
      socket.destroy();
    });
    tlsServer.on('secureConnection', (socket: TLSSocket) => {
      established.add(socket);
      const id = idByRemote.get(describeRemote(socket)) ?? nextConnectionId++;
      const cert = peerCertificate(socket);
      const verified = socket.authorized && cert !== undefined;
      log.emit({
        kind: 'tls-established',
        connectionId: id,
        remote: describeRemote(socket),
        protocol: socket.getProtocol() ?? null,
        cipher: socket.getCipher()?.standardName ?? socket.getCipher()?.name ?? null,
        peerSubject: cert ? subjectDn(cert) : null,
        peerVerified: verified,
        peerError: cert && !socket.authorized ? String(socket.authorizationError ?? 'untrusted') : null,
      });
      const refusal = tlsSetup.afterHandshake?.(socket);
      if (refusal) {
        log.emit({ kind: 'tls-failed', connectionId: id, remote: describeRemote(socket), error: refusal });
        socket.destroy();
        return;
      }
      socket.on('error', () => undefined);
      startSession(socket, id, verified ? cert : undefined);
    });
    server = tlsServer;
  } else {
    server = createNetServer((socket) => {
      const id = nextConnectionId++;
      rawSockets.add(socket);
      socket.once('close', () => rawSockets.delete(socket));
      log.emit({ kind: 'connection-opened', connectionId: id, remote: describeRemote(socket) });
      startSession(socket, id, undefined);
    });
  }
  server.on('error', () => undefined);

  const autoIncrementCount = opts.port === undefined && config.portAutoIncrement ? config.portCount : 1;
  const port = await listen(server, bindHost, opts.port ?? config.port, autoIncrementCount);
  member = new MemberState(config.clusterName, advertiseHost, port);
  member.userCodeDeployment = config.userCodeDeployment === true;
  publishDistributedObjectEvents(member);
  handlers = buildHandlerTable(...DEFAULT_HANDLERS, ...(opts.handlers ?? []));
  const state = member;

  log.emit({
    kind: 'listening',
    host: bindHost,
    port,
    tls: tlsSetup !== undefined,
    security: config.security.enabled,
    memberUuid: state.uuid,
    clusterName: config.clusterName,
  });

  let stopping: Promise<void> | undefined;
  const doStop = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sessions) s.close('member stopping');
    for (const raw of rawSockets) raw.destroy();
    await withTimeout('closing member connections', 5_000, Promise.all([...sessions].map((s) => s.whenClosed))).catch(() => undefined);
    await withTimeout('closing member listener', 5_000, closed).catch(() => undefined);
    log.emit({ kind: 'stopped' });
  };
  const release = onCleanup(`reference member on ${bindHost}:${port}`, () => (stopping ??= doStop()));

  return {
    host: advertiseHost,
    port,
    uuid: state.uuid,
    clusterId: state.clusterId,
    tls: tlsSetup !== undefined,
    events: log.entries,
    onEvent: (listener) => log.subscribe(listener),
    waitForEvent: (predicate, timeoutMs = 10_000) => log.waitFor(predicate, timeoutMs),
    connectionCount: () => sessions.size,
    stop: async () => {
      await release();
      await stopping;
    },
  };
}

/** Listens on port, or (auto-increment, as the real member) on the first free one of `count` ports from it. */
async function listen(server: Server, host: string, port: number, count: number): Promise<number> {
  const attempts = port === 0 ? 1 : Math.max(1, count);
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await new Promise<number>((resolve, reject) => {
        const onError = (err: Error) => {
          server.off('listening', onListening);
          reject(err);
        };
        const onListening = () => {
          server.off('error', onError);
          const addr = server.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port + i);
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(port === 0 ? 0 : port + i, host);
      });
    } catch (err) {
      lastError = err;
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') break;
    }
  }
  throw new Error(`reference member cannot listen on ${host}:${port}${attempts > 1 ? `-${port + attempts - 1}` : ''}: ${(lastError as Error)?.message}`);
}

function plainAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function describeRemote(socket: Socket): string {
  return `${plainAddress(socket.remoteAddress)}:${socket.remotePort ?? 0}`;
}

function peerCertificate(socket: TLSSocket): X509Certificate | undefined {
  try {
    return socket.getPeerX509Certificate() ?? undefined;
  } catch {
    return undefined;
  }
}

/** Subject DN in RFC 2253 order (most specific first), as Java's X500Principal.getName() gives it. */
export function subjectDn(cert: X509Certificate): string {
  return cert.subject
    .split('\n')
    .filter((l) => l.length > 0)
    .reverse()
    .join(',');
}

function tlsErrorText(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code ? `${code}: ${err.message}` : err.message;
}

/** Secrets from the configuration that must never appear in log lines. */
function knownSecrets(config: MemberConfig): string[] {
  const out: string[] = [];
  if (config.ssl?.keyStorePassword) out.push(config.ssl.keyStorePassword);
  if (config.ssl?.trustStorePassword) out.push(config.ssl.trustStorePassword);
  for (const realm of config.security.realms.values()) {
    const id = realm.identity;
    if (id?.kind === 'username-password') out.push(id.password);
    if (id?.kind === 'token') out.push(id.value.toString('utf8'), id.value.toString('base64'));
  }
  return out;
}

/** TLS from the configuration's network/ssl; the client certificate is judged after the handshake. */
async function tlsSetupFor(config: MemberConfig, ssl: SslConfig): Promise<TlsSetup> {
  const { mutualAuthentication, refuseAllHandshakes, ...options } = await buildTlsServerOptions(ssl, config.source);
  return {
    options,
    ...(refuseAllHandshakes ? { refuseAllHandshakes } : {}),
    afterHandshake: (socket) => {
      const verdict = checkClientCertificate(socket, mutualAuthentication);
      return verdict.accept ? undefined : verdict.reason;
    },
  };
}

const DEFAULT_SECURITY: SecurityEngine = { authenticate, checkPermission };
