// One client connection from its protocol header to its close: reads messages, authenticates,
// checks permissions, runs handlers and writes responses. A problem on one connection closes only
// that connection; nothing here may throw into the server.
import type { Socket } from 'node:net';
import type { MemberConfig } from '../config/model.ts';
import { decodeRequest, encodeResponse, MalformedMessage, readHeader, type RequestHeader } from '../protocol/codec.ts';
import { ClientAuthentication, ClientAuthenticationCustom } from '../protocol/definitions/client.ts';
import { encodeError, ErrorCode, MemberError, accessControlError, notAuthenticatedError, unsupportedOperationError } from '../protocol/errors.ts';
import { writeMessage, type ClientMessage } from '../protocol/frames.ts';
import { InboundReader, ProtocolViolation, type ReaderLimits } from '../protocol/reader.ts';
import type { AuthResult, ClientCredentials, ClientSubject, ConnectionFacts, RequiredPermission } from '../security/api.ts';
import { AUTH_STATUS_BYTES, decideAuthentication, type SecurityEngine } from './authentication.ts';
import type { Handler } from './handler.ts';
import type { MemberLog } from './member-log.ts';
import { SERIALIZATION_VERSION, SERVER_HAZELCAST_VERSION, type ConnectionHandle, type MemberState } from './member-state.ts';
import { deniedMessage } from './permissions.ts';

export interface SessionEnvironment {
  config: MemberConfig;
  member: MemberState;
  handlers: ReadonlyMap<number, Handler>;
  security: SecurityEngine;
  log: MemberLog;
  limits?: Partial<ReaderLimits>;
  /** A connection that has not authenticated within this time is closed. */
  authTimeoutMillis: number;
}

/** How long a refused client gets to read the answer before the member drops the connection. */
const CLOSE_GRACE_MILLIS = 1_000;

export class ClientSession implements ConnectionHandle {
  private readonly reader: InboundReader;
  private subject: ClientSubject | undefined;
  private closed = false;
  /** Set once the member decided to close after flushing: why. */
  private closingReason: string | undefined;
  /** Messages are served one after another, in arrival order (authentication is asynchronous). */
  private queue: Promise<void> = Promise.resolve();
  private readonly authTimer: NodeJS.Timeout;
  readonly remote: string;
  readonly whenClosed: Promise<void>;

  constructor(
    readonly id: number,
    private readonly socket: Socket,
    private readonly env: SessionEnvironment,
    private readonly facts: ConnectionFacts,
  ) {
    this.remote = `${facts.remoteAddress}:${facts.remotePort}`;
    this.reader = new InboundReader({ limits: env.limits });
    this.whenClosed = new Promise((resolve) => socket.once('close', () => resolve()));
    this.authTimer = setTimeout(() => this.close(`not authenticated within ${env.authTimeoutMillis} ms`), env.authTimeoutMillis);
    this.authTimer.unref();
    // As the real member (hazelcast.socket.no.delay): a response followed by an event must not wait
    // for the client's delayed ACK.
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.onEnd());
    socket.on('error', (err) => this.close(`socket error: ${err.message}`));
    socket.on('close', () => this.onClose());
  }

  get alive(): boolean {
    return !this.closed && this.closingReason === undefined;
  }

  get authenticatedSubject(): ClientSubject | undefined {
    return this.subject;
  }

  send(message: ClientMessage): void {
    if (this.closed || this.socket.destroyed) return;
    this.socket.write(writeMessage(message));
  }

  /** Closes at once (no more reads or writes). */
  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.authTimer);
    this.env.member.dropConnection(this.id);
    this.env.log.emit({ kind: 'connection-closed', connectionId: this.id, remote: this.remote, reason });
    this.socket.destroy();
  }

  /** Flushes what was written, then closes; drops the socket if the peer lingers. */
  private closeAfterFlush(reason: string): void {
    if (this.closingReason !== undefined || this.closed) return;
    this.closingReason = reason;
    this.socket.end();
    const timer = setTimeout(() => this.close(reason), CLOSE_GRACE_MILLIS);
    timer.unref();
    this.socket.once('close', () => clearTimeout(timer));
  }

  private onData(chunk: Buffer): void {
    if (!this.alive) return;
    let messages: ClientMessage[];
    try {
      messages = this.reader.push(chunk);
    } catch (err) {
      this.violation(err);
      return;
    }
    for (const message of messages) {
      this.queue = this.queue.then(() => this.serve(message)).catch((err: unknown) => this.violation(err));
    }
  }

  private onEnd(): void {
    // After a refusal the member stopped reading: what the client sent since does not matter.
    if (!this.alive) return;
    try {
      this.reader.end();
    } catch (err) {
      this.violation(err);
      return;
    }
    // Answer what is already queued, then close our side too.
    void this.queue.then(() => this.closeAfterFlush('client closed the connection'));
  }

  private onClose(): void {
    if (!this.closed) this.close(this.closingReason ?? 'peer closed the connection');
  }

  private violation(err: unknown): void {
    if (this.closed) return;
    if (err instanceof ProtocolViolation || err instanceof MalformedMessage) {
      this.env.log.emit({
        kind: 'protocol-violation',
        connectionId: this.id,
        remote: this.remote,
        violation: err instanceof ProtocolViolation ? err.kind : 'malformed-message',
        reason: err.message,
      });
      this.close(`protocol violation: ${err.message}`);
      return;
    }
    this.close(`internal error: ${err instanceof Error ? err.message : String(err)}`);
  }

  private async serve(message: ClientMessage): Promise<void> {
    if (!this.alive) return;
    const header = readHeader(message);
    if (header.messageType === ClientAuthentication.id || header.messageType === ClientAuthenticationCustom.id) {
      await this.authenticate(header, message);
      return;
    }
    const handler = this.env.handlers.get(header.messageType);
    if (!handler) {
      // The real member answers with UnsupportedOperationException and keeps the connection.
      const reason = `Unrecognized client message received with type: 0x${header.messageType.toString(16)}`;
      this.env.log.emit({ kind: 'unknown-message', connectionId: this.id, messageType: header.messageType, reason });
      this.send(encodeError(header.correlationId, unsupportedOperationError(reason)));
      return;
    }
    if (!this.subject) {
      this.env.log.emit({ kind: 'not-authenticated', connectionId: this.id, operation: handler.def.name });
      this.send(encodeError(header.correlationId, notAuthenticatedError(`Client ${this.remote} must authenticate before any operation.`)));
      this.closeAfterFlush(`${handler.def.name} before authentication`);
      return;
    }
    const request = decodeRequest(handler.def, message);
    const denied = this.checkPermissions(handler, request);
    if (denied) {
      this.send(encodeError(header.correlationId, denied));
      return;
    }
    const after: Array<() => void> = [];
    let response: ClientMessage;
    try {
      const values = await handler.handle(
        { member: this.env.member, connection: this, header, afterResponse: (fn) => after.push(fn) },
        request,
      );
      response = encodeResponse(handler.def, header.correlationId, values);
    } catch (err) {
      if (err instanceof MalformedMessage) throw err;
      const error = err instanceof MemberError ? err : new MemberError(ErrorCode.HAZELCAST, 'com.hazelcast.core.HazelcastException', String((err as Error)?.message ?? err));
      this.env.log.emit({ kind: 'operation-failed', connectionId: this.id, operation: handler.def.name, error: error.message });
      this.send(encodeError(header.correlationId, error));
      return;
    }
    this.send(response);
    for (const fn of after) fn();
  }

  /** The first denied permission as the error to answer with, or undefined when all are granted. */
  private checkPermissions(handler: Handler, request: Record<string, unknown>): MemberError | undefined {
    const { config, security } = this.env;
    if (!config.security.enabled || !handler.permission || !this.subject) return undefined;
    const needed = handler.permission(request);
    const list: RequiredPermission[] = needed === undefined ? [] : Array.isArray(needed) ? needed : [needed];
    for (const required of list) {
      const decision = security.checkPermission(config, this.subject, required);
      this.env.log.emit({
        kind: 'permission',
        connectionId: this.id,
        identity: this.subject.identity,
        roles: this.subject.roles,
        operation: handler.def.name,
        permission: required,
        granted: decision.granted,
        reason: decision.reason,
      });
      if (!decision.granted) return accessControlError(deniedMessage(required));
    }
    return undefined;
  }

  private async authenticate(header: RequestHeader, message: ClientMessage): Promise<void> {
    const custom = header.messageType === ClientAuthenticationCustom.id;
    const req = custom ? decodeRequest(ClientAuthenticationCustom, message) : decodeRequest(ClientAuthentication, message);
    const credentials: ClientCredentials =
      'credentials' in req
        ? { kind: 'token', token: req.credentials }
        : { kind: 'password', username: req.username, password: req.password };
    let result: AuthResult;
    if (this.subject) {
      // A repeated authentication on an authenticated connection is answered as the real member does.
      result = { status: 'AUTHENTICATED', subject: this.subject, reason: 'connection already authenticated' };
    } else {
      try {
        result = await decideAuthentication({
          config: this.env.config,
          security: this.env.security,
          clusterName: req.clusterName,
          serializationVersion: req.serializationVersion,
          credentials,
          facts: this.facts,
        });
      } catch (err) {
        // Never leave the client waiting: an internal failure is a refusal.
        result = { status: 'CREDENTIALS_FAILED', reason: `authentication error: ${err instanceof Error ? err.message : String(err)}` };
      }
    }
    if (this.closed) return;
    const subject = result.status === 'AUTHENTICATED' ? result.subject : undefined;
    const ok = subject !== undefined;
    const { member } = this.env;
    this.env.log.emit({
      kind: 'authentication',
      connectionId: this.id,
      remote: this.remote,
      method: custom ? 'token' : 'password',
      status: result.status,
      identity: subject ? subject.identity : null,
      roles: subject ? subject.roles : [],
      username: credentials.kind === 'password' ? credentials.username : null,
      clusterName: req.clusterName,
      clientName: req.clientName,
      clientType: req.clientType,
      clientVersion: req.clientHazelcastVersion,
      reason: result.reason,
    });
    const def = custom ? ClientAuthenticationCustom : ClientAuthentication;
    // On refusal the real member sends no address and no member UUID, but the rest as usual.
    this.send(
      encodeResponse(def, header.correlationId, {
        status: AUTH_STATUS_BYTES[result.status],
        memberUuid: ok ? member.uuid : null,
        serializationVersion: SERIALIZATION_VERSION,
        partitionCount: member.partitionCount,
        clusterId: member.clusterId,
        failoverSupported: false,
        address: ok ? { host: member.host, port: member.port } : null,
        serverHazelcastVersion: SERVER_HAZELCAST_VERSION,
      }),
    );
    if (subject) {
      this.subject = subject;
      clearTimeout(this.authTimer);
    } else {
      this.closeAfterFlush(`authentication ${result.status}`);
    }
  }
}
