// The target contract: something that runs a server (member) for a cell group's setup. Each family
// has its own (Hazelcast: embedded reference member, containers, an external cluster); M is the
// family's server setup, S what the family's services tell a server (e.g. LDAP / KDC references).
import type { PkiManifest } from '../../pki/types.ts';
import type { MemberEndpoint, MemberEvidence } from './evidence.ts';

/** The configuration a server was started from, as reports attach it. */
export interface ServerConfig {
  /** Path of the file the server was started from. */
  path: string;
  /** Attachment title, e.g. 'member configuration (hazelcast.xml, redacted)'. */
  title: string;
  contentType: string;
  /** The file's text (reports redact it). */
  text: string;
}

export interface StartedTarget {
  readonly endpoint: MemberEndpoint;
  readonly evidence: MemberEvidence;
  readonly config: ServerConfig;
  /** The member's log lines since a mark (redacted), for reports. */
  logSince(mark: number): string;
  /**
   * Resolves once every line the member wrote so far can be read (a container member's lines travel
   * through the engine); absent where the log is read in-process or not at all.
   */
  settle?(): Promise<void>;
  stop(): Promise<void>;
}

export interface TargetContext<S> {
  pki: PkiManifest;
  workDir: string;
  services?: S;
}

export interface TargetProvider<M = unknown, S = unknown> {
  readonly name: string;
  /** The server version this provider runs, for reports. */
  readonly serverVersion: string;
  start(setup: M, ctx: TargetContext<S>): Promise<StartedTarget>;
  /** Why a configuration cannot run on this target (an external cluster runs only its own), or undefined. */
  notApplicable?(setup: M, ctx: Omit<TargetContext<S>, 'workDir'>): Promise<string | undefined>;
}
