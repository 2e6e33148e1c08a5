// The Hazelcast family's side of the target contract (harness/core/target.ts): a target starts a
// member for a MemberSetup, told about the run's LDAP / KDC services when the realms area runs.
import type { StartedTarget, TargetProvider } from '../../core/target.ts';
import type { MemberSetup } from '../model.ts';
import type { RealmServiceRefs } from '../render/realms.ts';

export type { StartedTarget } from '../../core/target.ts';

/** The run's LDAP / KDC services as a member needs them (realms area). */
export interface TargetServices {
  /** What the rendered configuration names (URLs, admin account, principal, keytab). */
  refs: RealmServiceRefs;
  /** JVM-wide settings (-D options): krb5.conf, replay cache directory. */
  jvmProperties: Record<string, string>;
}

export type HazelcastTarget = TargetProvider<MemberSetup, TargetServices>;
/** Kept for readers of the old name: a Hazelcast target provider. */
export type { HazelcastTarget as TargetProvider };

/** The attachment form of a rendered member configuration (what reports show). */
export function memberConfigFile(path: string, xml: string): StartedTarget['config'] {
  return { path, title: 'member configuration (hazelcast.xml, redacted)', contentType: 'application/xml', text: xml };
}
