// The target contract: something that runs a member for a cell group's configuration (embedded
// reference member now; containers and external clusters plug in behind the same interface).
import type { PkiManifest } from '../../pki/types.ts';
import type { MemberEndpoint, MemberEvidence } from '../drivers/driver.ts';
import type { MemberSetup } from '../plan/cell.ts';
import type { RealmServiceRefs } from '../render/realms.ts';

export interface RenderedConfig {
  /** The member configuration as the member reads it (XML) and its YAML twin. */
  xml: string;
  yaml: string;
  /** Path of the file the member was started from. */
  path: string;
}

/** The run's LDAP / KDC services as a member needs them (realms area). */
export interface TargetServices {
  /** What the rendered configuration names (URLs, admin account, principal, keytab). */
  refs: RealmServiceRefs;
  /** JVM-wide settings (-D options): krb5.conf, replay cache directory. */
  jvmProperties: Record<string, string>;
}

export interface StartedTarget {
  readonly endpoint: MemberEndpoint;
  readonly evidence: MemberEvidence;
  readonly config: RenderedConfig;
  /** The member's log lines since a mark (redacted), for reports. */
  logSince(mark: number): string;
  /**
   * Resolves once every line the member wrote so far can be read (a container member's lines travel
   * through the engine); absent where the log is read in-process or not at all.
   */
  settle?(): Promise<void>;
  stop(): Promise<void>;
}

export interface TargetProvider {
  readonly name: string;
  /** The server version this provider runs, for reports. */
  readonly serverVersion: string;
  start(setup: MemberSetup, ctx: { pki: PkiManifest; workDir: string; services?: TargetServices }): Promise<StartedTarget>;
  /** Why a configuration cannot run on this target (an external cluster runs only its own), or undefined. */
  notApplicable?(setup: MemberSetup, ctx: { pki: PkiManifest; services?: TargetServices }): Promise<string | undefined>;
}
