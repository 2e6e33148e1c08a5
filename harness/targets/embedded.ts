// The embedded default target: the reference member, in-process, started from the very member
// configuration file a container would mount (rendered XML, read back by the member's own reader).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PkiManifest } from '../../pki/types.ts';
import { loadMemberConfig } from '../member/config/parse.ts';
import { startReferenceMember } from '../member/server.ts';
import type { MemberSetup } from '../plan/cell.ts';
import { renderMemberConfig, storesFromPki } from '../render/index.ts';
import { memberEvidence } from './member-evidence.ts';
import type { StartedTarget, TargetProvider } from './target.ts';

export class EmbeddedTarget implements TargetProvider {
  readonly name = 'embedded';
  readonly serverVersion = 'reference-member (Hazelcast client protocol 2.x)';

  async start(setup: MemberSetup, ctx: { pki: PkiManifest; workDir: string }): Promise<StartedTarget> {
    await mkdir(ctx.workDir, { recursive: true });
    // Port 0 in the file would be rejected by a real member; the free port is given as an override.
    const rendered = renderMemberConfig(setup, storesFromPki(ctx.pki), { port: 5701 });
    const path = join(ctx.workDir, 'hazelcast.xml');
    await writeFile(path, rendered.xml, { mode: 0o600 });
    await writeFile(join(ctx.workDir, 'hazelcast.yaml'), rendered.yaml, { mode: 0o600 });
    const config = await loadMemberConfig(path, { port: 0 });
    const member = await startReferenceMember({ config, port: 0, host: '127.0.0.1' });
    return {
      endpoint: { host: member.host, port: member.port },
      evidence: memberEvidence(member),
      config: { ...rendered, path },
      logSince: (mark) => member.events.slice(mark).map((e) => `${e.time} ${e.text}`).join('\n'),
      stop: () => member.stop(),
    };
  }
}
