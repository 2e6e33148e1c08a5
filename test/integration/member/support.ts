// Shared set-up of the member integration tests: configurations, the official client with bounded
// timeouts and a captured log, and tracking so that every member and client is stopped.
import { Client, type ClientConfig } from 'hazelcast-client';
import { connect, type Socket } from 'node:net';
import { expect } from 'vitest';
import { decodeResponse, encodeRequest, type EventDef, type MessageDef } from '../../../harness/hazelcast/reference-member/protocol/codec.ts';
import { ClientAuthentication, structs } from '../../../harness/hazelcast/reference-member/protocol/definitions/index.ts';
import { writeMessage, type ClientMessage } from '../../../harness/hazelcast/reference-member/protocol/frames.ts';
import { InboundReader } from '../../../harness/hazelcast/reference-member/protocol/reader.ts';
import { t, type Fields, type ValuesOf } from '../../../harness/hazelcast/reference-member/protocol/types.ts';
import type { MemberConfig } from '../../../harness/hazelcast/reference-member/config/model.ts';
import { parseMemberConfig } from '../../../harness/hazelcast/reference-member/config/parse.ts';
import { startReferenceMember, type RunningMember, type StartMemberOptions } from '../../../harness/hazelcast/reference-member/index.ts';
import { withTimeout } from '../../../harness/core/util/deadline.ts';

type HazelcastClient = Awaited<ReturnType<typeof Client.newHazelcastClient>>;

/** A member configuration as the seed documents write it, parsed by the real configuration reader. */
export function memberConfig(body = '', clusterName = 'dev'): MemberConfig {
  const xml = `<hazelcast xmlns="http://www.hazelcast.com/schema/config">
  <cluster-name>${clusterName}</cluster-name>
  ${body}
</hazelcast>`;
  return parseMemberConfig(xml, 'test-member.xml');
}

/** Security disabled, no TLS: the member checks only the cluster name. */
export const plainConfig = (): MemberConfig => memberConfig();

export interface CapturedLog {
  lines: string[];
}

/** Things started by a test, stopped in afterEach in reverse order. */
export class Tracker {
  private readonly stops: Array<() => Promise<unknown>> = [];

  /** Starts a member on a free loopback port. */
  async member(opts: StartMemberOptions): Promise<RunningMember> {
    const m = await startReferenceMember({ port: 0, ...opts });
    this.stops.push(() => m.stop());
    return m;
  }

  /** Connects the official client; resolves with it and its log, or rejects within the bounded timeout. */
  async client(member: { host: string; port: number }, config: ClientConfig = {}, log: CapturedLog = { lines: [] }): Promise<HazelcastClient> {
    const client = await withTimeout('client connect', 20_000, Client.newHazelcastClient(clientConfig(member, config, log)));
    this.stops.push(() => withTimeout('client shutdown', 10_000, client.shutdown()).catch(() => undefined));
    return client;
  }

  async stopAll(): Promise<void> {
    while (this.stops.length > 0) {
      const stop = this.stops.pop()!;
      await stop().catch(() => undefined);
    }
  }
}

export function clientConfig(member: { host: string; port: number }, config: ClientConfig, log: CapturedLog): ClientConfig {
  const record = (level: string) => (objectName: string, message: string, furtherInfo?: unknown) => {
    log.lines.push(`${level} ${objectName} ${message}${furtherInfo ? ` ${String(furtherInfo)}` : ''}`);
  };
  return {
    clusterName: 'dev',
    ...config,
    network: { clusterMembers: [`${member.host}:${member.port}`], ...config.network },
    connectionStrategy: {
      ...config.connectionStrategy,
      connectionRetry: {
        clusterConnectTimeoutMillis: 3_000,
        initialBackoffMillis: 100,
        maxBackoffMillis: 500,
        ...config.connectionStrategy?.connectionRetry,
      },
    },
    customLogger: {
      log: (_level: number, objectName: string, message: string) => log.lines.push(`${objectName} ${message}`),
      error: record('ERROR'),
      warn: record('WARN'),
      info: record('INFO'),
      debug: () => undefined,
      trace: () => undefined,
    },
  };
}

/** Measures how long a promise takes to settle, and how it settled. */
export async function timed<T>(p: Promise<T>): Promise<{ ms: number; value?: T; error?: Error }> {
  const start = performance.now();
  try {
    const value = await p;
    return { ms: performance.now() - start, value };
  } catch (error) {
    return { ms: performance.now() - start, error: error as Error };
  }
}

/**
 * A hand-driven client socket: sends exact bytes and reads the member's messages, for what the
 * official client never sends (garbage, truncated frames, unknown message types).
 */
export class RawConnection {
  private readonly reader = new InboundReader({ expectHeader: false });
  private readonly inbox: ClientMessage[] = [];
  private waiters: Array<() => void> = [];
  private ended = false;
  private nextCorrelation = 1n;
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.inbox.push(...this.reader.push(chunk));
      this.wake();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.ended = true;
        this.wake();
        resolve();
      }),
    );
  }

  static open(member: { host: string; port: number }): Promise<RawConnection> {
    return withTimeout(
      'raw connect',
      5_000,
      new Promise<RawConnection>((resolve, reject) => {
        const socket = connect(member.port, member.host, () => resolve(new RawConnection(socket)));
        socket.once('error', reject);
      }),
    );
  }

  write(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /** Sends a request through the member's own codec definitions; returns its correlation id. */
  send<Req extends Fields>(def: MessageDef<Req, Fields, Record<string, EventDef>>, values: ValuesOf<Req>): bigint {
    const correlationId = this.nextCorrelation++;
    this.socket.write(writeMessage(encodeRequest(def, correlationId, values)));
    return correlationId;
  }

  async authenticate(clusterName = 'dev', serializationVersion = 1, credentials: { username: string | null; password: string | null } = { username: null, password: null }) {
    this.write('CP2');
    this.send(ClientAuthentication, {
      uuid: '11111111-2222-3333-4444-555555555555',
      serializationVersion,
      clusterName,
      username: credentials.username,
      password: credentials.password,
      clientType: 'RAW',
      clientHazelcastVersion: '5.7.0',
      clientName: 'raw',
      labels: [],
    });
    return decodeResponse(ClientAuthentication, await this.next());
  }

  async next(timeoutMs = 5_000): Promise<ClientMessage> {
    const deadline = Date.now() + timeoutMs;
    while (this.inbox.length === 0) {
      if (this.ended) throw new Error('connection closed before a message arrived');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.inbox.shift()!;
  }

  /** Resolves when the member closed the connection; rejects if it is still open after timeoutMs. */
  waitClosed(timeoutMs = 5_000): Promise<void> {
    return withTimeout('member closing the raw connection', timeoutMs, this.closed);
  }

  get isClosed(): boolean {
    return this.ended;
  }

  destroy(): void {
    this.socket.destroy();
  }

  end(): void {
    this.socket.end();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }
}

/** The error holders of an error response (message type 0). */
export function errorHolders(message: ClientMessage) {
  expect(message[0]!.content.readInt32LE(0)).toBe(0);
  return decodeRaw({ errors: t.list(structs.ErrorHolder) }, message).errors;
}

function decodeRaw<F extends Fields>(fields: F, message: ClientMessage): ValuesOf<F> {
  // An error response has the response shape; reuse the response decoder with an ad-hoc definition.
  return decodeResponse({ name: 'error', id: -1, request: {}, response: fields, events: {} }, message);
}
