// The client-driver contract: a driver turns a cell's ClientSetup into its client's configuration,
// connects to a member, classifies what happened, and runs the cell's checks on a live session.
import type { PkiManifest } from '../../pki/types.ts';
import type { Check, ClientSetup, Evidence, Outcome } from '../core/plan/cell.ts';
import type { MemberEndpoint, MemberEvidence } from '../core/evidence.ts';
import type { KerberosClientEnv } from '../core/services/kerberos-token.ts';

export type { MemberEndpoint, MemberEvidence, MemberEvidenceEvent } from '../core/evidence.ts';

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
