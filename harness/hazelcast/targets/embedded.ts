// The embedded default target: the reference member, in-process, started from the very member
// configuration file a container would mount (rendered XML, read back by the member's own reader).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PkiManifest } from '../../../pki/types.ts';
import { loadMemberConfig, setJvmSystemProperties, startReferenceMember, JVM } from '../reference-member/index.ts';
import type { MemberSetup } from '../model.ts';
import { renderMemberConfig, storesFromPki } from '../render/index.ts';
import { memberEvidence } from './member-evidence.ts';
import { memberConfigFile, type StartedTarget, type TargetProvider, type TargetServices } from './target.ts';

/** javax.net.ssl.trustStore(+Password) of an ldap realm's jvmTrustStore (PKI artifact). */
function jvmTrustOf(setup: MemberSetup, pki: PkiManifest): Record<string, string> {
  const auth = setup.security.clientRealm?.authentication;
  const ldap = auth?.kind === 'ldap' ? auth : auth?.kind === 'kerberos' ? auth.ldap : undefined;
  if (!ldap?.jvmTrustStore) return {};
  const store = storesFromPki(pki).trustStore(ldap.jvmTrustStore);
  return { [JVM.trustStore]: store.path, [JVM.trustStorePassword]: store.password };
}

export class EmbeddedTarget implements TargetProvider {
  readonly name = 'embedded';
  readonly serverVersion = 'reference-member (Hazelcast client protocol 2.x)';

  async start(setup: MemberSetup, ctx: { pki: PkiManifest; workDir: string; services?: TargetServices }): Promise<StartedTarget> {
    await mkdir(ctx.workDir, { recursive: true });
    // Port 0 in the file would be rejected by a real member; the free port is given as an override.
    const rendered = renderMemberConfig(setup, storesFromPki(ctx.pki), { port: 5701, ...(ctx.services ? { services: ctx.services.refs } : {}) });
    // JVM-wide settings of the ldap / kerberos login (not in the configuration file): like -D
    // options of the member's JVM, in force while this member runs.
    const restoreJvm = setJvmSystemProperties({ ...(ctx.services?.jvmProperties ?? {}), ...jvmTrustOf(setup, ctx.pki) });
    const path = join(ctx.workDir, 'hazelcast.xml');
    await writeFile(path, rendered.xml, { mode: 0o600 });
    await writeFile(join(ctx.workDir, 'hazelcast.yaml'), rendered.yaml, { mode: 0o600 });
    let member;
    try {
      const config = await loadMemberConfig(path, { port: 0 });
      member = await startReferenceMember({ config, port: 0, host: '127.0.0.1' });
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
