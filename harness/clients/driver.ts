// The client-driver contract: a driver turns a cell's ClientSetup into its client's configuration,
// connects to a member and reports the facts (connected or not, the client's own error texts), and
// runs the cell's checks on a live session. Core does the rest (harness/core/drive): it gets
// Kerberos tickets from the run's KDC and replays them, waits for the member's evidence, and
// classifies the facts with the driver's error map (kept beside the driver).
import type { PkiManifest } from '../../pki/types.ts';
import type { ErrorMap } from '../core/drive/error-map.ts';
import type { MemberEndpoint, MemberEvidence } from '../core/evidence.ts';
import type { KerberosClientEnv } from '../core/services/kerberos-token.ts';
import type { Check, ClientSetup, Evidence, NegotiatedTls, Outcome } from '../core/plan/cell.ts';

export type { MemberEndpoint, MemberEvidence, MemberEvidenceEvent } from '../core/evidence.ts';
export type { ErrorMap } from '../core/drive/error-map.ts';

export interface DriveContext {
  pki: PkiManifest;
  /**
   * Resolves true as soon as the member has refused this attempt's TLS handshake (a client that
   * learns of it late, e.g. a TLS 1.3 client-certificate refusal, may stop waiting then), or false
   * when it has not within the driver's attemptBoundMs.
   */
  memberRefused?: Promise<boolean>;
  /** The member's own log, for a driver that classifies by itself (an adapter with its error-map.yaml). */
  evidence: MemberEvidence;
  /** The run's KDC, for a driver that handles Kerberos credentials itself (handlesKerberos). */
  kerberos?: KerberosClientEnv;
}

/** What a driver saw of one connection attempt: facts only; core classifies them. */
export interface ConnectReport {
  connected: boolean;
  /** The client's own error texts (its log's warnings, the rejection), as the client wrote them. */
  clientErrors: string[];
  /** Present when connected; the caller owns it and must close it. */
  session?: ClientSession;
  /** The client's side of the evidence (its log), already redacted. */
  evidence: Evidence;
  /** Literal secrets of the client's configuration (redacted from the member's log as well). */
  secrets: string[];
  /** What the client's own connection says it negotiated (TLS only, when the driver can tell). */
  clientTls?: NegotiatedTls;
  durationMs: number;
}

export type CheckResult =
  | { result: 'granted' }
  | { result: 'denied'; message: string }
  | { result: 'error'; message: string };

export interface ClientSession {
  run(check: Check): Promise<CheckResult>;
  close(): Promise<void>;
}

/** A classified attempt (harness/core/drive/connect.ts). */
export interface ConnectAttempt {
  /** connected, tls-refused, auth-refused, no-credentials or error (never access-denied: checks come later). */
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
  /**
   * How the client's error texts read as refusals (beside the driver, e.g. node-client/error-map.ts);
   * absent: OpenSSL's texts (core/drive/openssl-errors.ts). Unused by a driver that classifies itself.
   */
  readonly errors?: ErrorMap;
  /** Longest a single connection attempt may take, whatever the client does; stated = it gets ctx.memberRefused. */
  readonly attemptBoundMs?: number;
  /**
   * True for a driver that gets (or asks the runner for) Kerberos tickets itself, e.g. an adapter
   * whose client has its own Kerberos support. Otherwise Kerberos credentials never reach the
   * driver: core turns them into the GSSAPI token (token credentials, base64) first.
   */
  readonly handlesKerberos?: boolean;
  /**
   * One connection attempt: the facts (ConnectReport), which core classifies with `errors`; or,
   * from a driver that classifies by itself (an adapter with its error-map.yaml), the classified
   * attempt (ConnectAttempt), which core takes as it is.
   */
  connect(endpoint: MemberEndpoint, client: ClientSetup, ctx: DriveContext): Promise<ConnectReport | ConnectAttempt>;
  /** Waits (bounded) until nothing the driver started is still running. */
  drain(): Promise<void>;
}

/** The common check of capabilities against a setup's requirements. */
export function missingCapabilities(driver: Pick<ClientDriver, 'capabilities'>, client: ClientSetup): string[] {
  return client.requiredCapabilities.filter((c) => !driver.capabilities.has(c));
}
