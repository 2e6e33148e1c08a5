// What a target tells about a connection, in words every system shares: the member's (server's)
// own log read as events. Targets produce it (harness/<family>/targets), the run's classification
// and the drivers read it.
import type { TlsRefusalReason } from './plan/cell.ts';

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
