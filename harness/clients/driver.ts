// The client-driver contract: a driver turns a cell's ClientSetup into its client's configuration,
// connects to a member, classifies what happened, and runs the cell's checks on a live session.
import type { PkiManifest } from '../../pki/types.ts';
import type { KerberosClientEnv } from './node-client/kerberos-token.ts';
import type { Check, ClientSetup, Evidence, Outcome, TlsRefusalReason } from '../core/plan/cell.ts';

export interface MemberEndpoint {
  host: string;
  port: number;
}

/** What the member itself reported about a connection (the member's own evidence). */
export type MemberEvidenceEvent =
  | { kind: 'tls-accepted'; protocol: string; cipher: string; peerSubject?: string; detail: string }
  /** decidedBy 'member': the member refused; 'client': the member saw the client give up. */
  | { kind: 'tls-refused'; decidedBy: 'member' | 'client'; reason?: TlsRefusalReason; detail: string }
  | { kind: 'auth'; status: string; identity?: string; roles?: string[]; detail: string }
  | { kind: 'permission'; granted: boolean; detail: string }
  | { kind: 'other'; detail: string };

/** A target's running log, read by position so a driver can take what one attempt produced. */
export interface MemberEvidence {
  /** Current end of the log. */
  mark(): number;
  /** Events logged after `mark`. */
  since(mark: number): MemberEvidenceEvent[];
  /** Resolves when an event matching `pred` is logged after `mark`, or with undefined after `ms`. */
  waitFor(mark: number, pred: (e: MemberEvidenceEvent) => boolean, ms: number): Promise<MemberEvidenceEvent | undefined>;
}

export interface DriveContext {
  pki: PkiManifest;
  evidence: MemberEvidence;
  /** The run's KDC, for clients with Kerberos credentials (realms area). */
  kerberos?: KerberosClientEnv;
}

export type CheckResult =
  | { result: 'granted' }
  | { result: 'denied'; message: string }
  | { result: 'error'; message: string };

export interface ClientSession {
  run(check: Check): Promise<CheckResult>;
  close(): Promise<void>;
}

export interface ConnectAttempt {
  /** connected, tls-refused, auth-refused or error (never access-denied: checks come later). */
  outcome: Outcome;
  /** Present when connected; the caller owns it and must close it. */
  session?: ClientSession;
  evidence: Evidence;
  durationMs: number;
}

export interface ClientDriver {
  readonly name: string;
  readonly version: string;
  readonly capabilities: ReadonlySet<string>;
  /** Why this driver cannot express the client setup, or undefined when it can. */
  notApplicable(client: ClientSetup): string | undefined;
  connect(endpoint: MemberEndpoint, client: ClientSetup, ctx: DriveContext): Promise<ConnectAttempt>;
  /** Waits (bounded) until nothing the driver started is still running. */
  drain(): Promise<void>;
}

/** The common check of capabilities against a setup's requirements. */
export function missingCapabilities(driver: Pick<ClientDriver, 'capabilities'>, client: ClientSetup): string[] {
  return client.requiredCapabilities.filter((c) => !driver.capabilities.has(c));
}
