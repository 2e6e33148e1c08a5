// The member's structured event log: what tests and the conformance driver read (connection TLS
// results, authentication results, permission decisions, protocol violations), each with a
// human-readable line for the CLI. Secrets never enter it: events carry no passwords or tokens, and
// every line passes through the redactor with the secrets the member knows.
import { redactText } from '../../../core/util/redact.ts';
import type { AuthStatus, RequiredPermission } from '../security/api.ts';
import type { ViolationKind } from '../protocol/reader.ts';

export type MemberEvent =
  | { kind: 'listening'; host: string; port: number; tls: boolean; security: boolean; memberUuid: string; clusterName: string }
  | { kind: 'connection-opened'; connectionId: number; remote: string }
  | {
      kind: 'tls-established';
      connectionId: number;
      remote: string;
      protocol: string | null;
      cipher: string | null;
      /** Subject DN of the client certificate (RFC 2253 order), null when none was presented. */
      peerSubject: string | null;
      /** True when the client presented a certificate the member trusts. */
      peerVerified: boolean;
      /** Why a presented certificate was not trusted. */
      peerError: string | null;
    }
  | { kind: 'tls-failed'; connectionId: number | null; remote: string; error: string }
  | {
      kind: 'authentication';
      connectionId: number;
      remote: string;
      method: 'password' | 'token';
      status: AuthStatus;
      identity: string | null;
      roles: string[];
      /** The username the client offered (never the password). */
      username: string | null;
      clusterName: string;
      clientName: string;
      clientType: string;
      clientVersion: string;
      reason: string;
    }
  | {
      kind: 'permission';
      connectionId: number;
      identity: string;
      roles: string[];
      operation: string;
      permission: RequiredPermission;
      granted: boolean;
      reason: string;
    }
  | { kind: 'protocol-violation'; connectionId: number; remote: string; violation: ViolationKind | 'malformed-message'; reason: string }
  | { kind: 'unknown-message'; connectionId: number; messageType: number; reason: string }
  | { kind: 'not-authenticated'; connectionId: number; operation: string }
  | { kind: 'operation-failed'; connectionId: number; operation: string; error: string }
  | { kind: 'connection-closed'; connectionId: number; remote: string; reason: string }
  | { kind: 'stopped' };

export type MemberLogEntry = MemberEvent & {
  /** ISO timestamp. */
  time: string;
  /** One human-readable line (redacted). */
  text: string;
};

export function describeEvent(e: MemberEvent): string {
  switch (e.kind) {
    case 'listening':
      return `member ${e.memberUuid} of cluster "${e.clusterName}" listening on ${e.host}:${e.port} (${e.tls ? 'TLS' : 'plain'}, security ${e.security ? 'enabled' : 'disabled'})`;
    case 'connection-opened':
      return `#${e.connectionId} connection from ${e.remote}`;
    case 'tls-established': {
      const peer = e.peerSubject ? `client certificate "${e.peerSubject}" ${e.peerVerified ? 'trusted' : `not trusted (${e.peerError})`}` : 'no client certificate';
      return `#${e.connectionId} TLS ${e.protocol} ${e.cipher}, ${peer}`;
    }
    case 'tls-failed':
      return `${e.connectionId === null ? '' : `#${e.connectionId} `}TLS handshake with ${e.remote} failed: ${e.error}`;
    case 'authentication':
      return e.status === 'AUTHENTICATED'
        ? `#${e.connectionId} authenticated (${e.method}) identity "${e.identity}" roles [${e.roles.join(', ')}], client ${e.clientType} ${e.clientVersion} "${e.clientName}"`
        : `#${e.connectionId} authentication ${e.status} (${e.method}${e.username !== null ? `, username "${e.username}"` : ''}, cluster "${e.clusterName}"): ${e.reason}`;
    case 'permission':
      return `#${e.connectionId} ${e.granted ? 'GRANTED' : 'DENIED'} ${e.operation} needs ${e.permission.type}:${e.permission.name}:${e.permission.action || '-'} for "${e.identity}" [${e.roles.join(', ')}]: ${e.reason}`;
    case 'protocol-violation':
      return `#${e.connectionId} closing: ${e.violation}: ${e.reason}`;
    case 'unknown-message':
      return `#${e.connectionId} ${e.reason}`;
    case 'not-authenticated':
      return `#${e.connectionId} ${e.operation} before authentication: refused, closing`;
    case 'operation-failed':
      return `#${e.connectionId} ${e.operation} failed: ${e.error}`;
    case 'connection-closed':
      return `#${e.connectionId} closed (${e.remote}): ${e.reason}`;
    case 'stopped':
      return 'member stopped';
  }
}

/** Collects events, fans them out, and lets callers wait for one. */
export class MemberLog {
  readonly entries: MemberLogEntry[] = [];
  private readonly listeners = new Set<(entry: MemberLogEntry) => void>();

  constructor(
    private readonly secrets: () => readonly string[],
    /**
     * A long-running member (the CLI) logs every permission decision: it may keep only the most recent
     * entries. Unlimited by default, so that indexes into `entries` stay valid for callers.
     */
    private readonly maxEntries = Number.POSITIVE_INFINITY,
  ) {}

  emit(event: MemberEvent): MemberLogEntry {
    const entry = { ...event, time: new Date().toISOString(), text: redactText(describeEvent(event), this.secrets()) } as MemberLogEntry;
    this.entries.push(entry);
    if (this.entries.length > this.maxEntries) this.entries.splice(0, this.entries.length - Math.floor(this.maxEntries * 0.9));
    for (const l of this.listeners) {
      try {
        l(entry);
      } catch {
        // A failing observer must not disturb the member.
      }
    }
    return entry;
  }

  subscribe(listener: (entry: MemberLogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first entry (already logged or coming) that matches; rejects after timeoutMs. */
  waitFor(predicate: (entry: MemberLogEntry) => boolean, timeoutMs: number): Promise<MemberLogEntry> {
    const found = this.entries.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no matching member event within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      const off = this.subscribe((e) => {
        if (!predicate(e)) return;
        clearTimeout(timer);
        off();
        resolve(e);
      });
    });
  }
}
