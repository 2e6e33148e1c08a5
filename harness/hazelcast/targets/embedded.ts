// The embedded default target: the reference member, in-process, started from the very member
// configuration file a container would mount (rendered XML, read back by the member's own reader).
import { mkdir } from 'node:fs/promises';
import type { PkiManifest } from '../../../pki/types.ts';
import { loadMemberConfig, setJvmSystemProperties, startReferenceMember, FAULT_NAMES, UnknownFaultError } from '../reference-member/index.ts';
import type { MemberSetup } from '../model.ts';
import { renderMemberConfig, storesFromPki } from '../render/index.ts';
import { jvmTrustProperties, ldapJvmTrustStore } from './jvm-trust.ts';
import { memberEvidence } from './member-evidence.ts';
import { memberConfigFile, writeMemberConfig, type StartedTarget, type TargetProvider, type TargetServices } from './target.ts';

/** javax.net.ssl.trustStore(+Password) of an ldap realm's jvmTrustStore (PKI artifact), at the PKI's file. */
function jvmTrustOf(setup: MemberSetup, pki: PkiManifest): Record<string, string> {
  const t = ldapJvmTrustStore(setup, pki);
  return t ? jvmTrustProperties(t.path, t.password) : {};
}

export class EmbeddedTarget implements TargetProvider {
  readonly name = 'embedded';
  readonly serverVersion: string;

  /** fault: one of harness/hazelcast/reference-member/faults.ts, switched on in every member this target starts (selfcheck). */
  constructor(private readonly o: { fault?: string } = {}) {
    if (o.fault && !(FAULT_NAMES as readonly string[]).includes(o.fault)) throw new UnknownFaultError(o.fault);
    this.serverVersion = `reference-member (Hazelcast client protocol 2.x)${o.fault ? ` with injected fault ${o.fault}` : ''}`;
  }

  async start(setup: MemberSetup, ctx: { pki: PkiManifest; workDir: string; services?: TargetServices }): Promise<StartedTarget> {
    await mkdir(ctx.workDir, { recursive: true });
    // Port 0 in the file would be rejected by a real member; the free port is given as an override.
    const rendered = renderMemberConfig(setup, storesFromPki(ctx.pki), { port: 5701, ...(ctx.services ? { services: ctx.services.refs } : {}) });
    // JVM-wide settings of the ldap / kerberos login (not in the configuration file): like -D
    // options of the member's JVM, in force while this member runs.
    const restoreJvm = setJvmSystemProperties({ ...(ctx.services?.jvmProperties ?? {}), ...jvmTrustOf(setup, ctx.pki) });
    const path = await writeMemberConfig(ctx.workDir, rendered);
    let member;
    try {
      const config = await loadMemberConfig(path, { port: 0 });
      member = await startReferenceMember({ config, port: 0, host: '127.0.0.1', ...(this.o.fault ? { fault: this.o.fault } : {}) });
    } catch (err) {
      restoreJvm();
      throw err;
    }
    const started = member;
    return {
      endpoint: { host: started.host, port: started.port },
      evidence: memberEvidence(started),
      config: memberConfigFile(path, rendered.xml),
      logSince: (mark) => started.events.slice(mark).map((e) => `${e.time} ${e.text}`).join('\n'),
      stop: () => started.stop().finally(restoreJvm),
    };
  }
}
