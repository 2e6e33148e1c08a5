// The container target: each member configuration runs in a real container started through
// testcontainers — the reference member image (default; runs anywhere an engine runs) or the
// official Hazelcast Enterprise image of a given version (one or more members per cluster).
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { PkiManifest } from '../../../pki/types.ts';
import { ContainerSpec, type StartedSpec } from '../../core/containers/container-spec.ts';
import { chooseEngine, useEngine } from '../../core/containers/engine.ts';
import type { MemberSetup } from '../model.ts';
import { freePort } from '../../core/util/ports.ts';
import { enterpriseMemberSpec, licenseKey } from './container/enterprise.ts';
import { attachContainer, localMainPid, signalContainer, signalLocalProcess, type AttachedStream } from './container/attach.ts';
import { LogEvidence } from './container/log-evidence.ts';
import { renderForContainer } from './container/member-files.ts';
import { referenceMemberSpec } from './container/reference.ts';
import { jvmTrustProperties, ldapJvmTrustStore } from './jvm-trust.ts';
import { memberConfigFile, writeMemberConfig, type StartedTarget, type TargetProvider, type TargetServices } from './target.ts';
import { REFERENCE_MEMBER_REPO } from '../../core/containers/images.ts';

/** How late a member's log line may reach us through the engine's log stream (members that cannot sync; see LogEvidence). */
const LOG_LAG_MS = 1_500;
/** The reference member answers this signal with a sync line (member-command.ts). */
const SYNC_SIGNAL: NodeJS.Signals = 'SIGWINCH';

/** The reference member's "version" in --server-version lists. */
export { REFERENCE_VERSION, isReferenceVersion } from './reference-version.ts';
import { REFERENCE_VERSION, isReferenceVersion } from './reference-version.ts';

/** The image of "reference@TAG" / "reference@IMAGE"; undefined for plain "reference" (this tree's build). */
export function referenceVersionImage(version: string): string | undefined {
  if (!version.startsWith(`${REFERENCE_VERSION}@`)) return undefined;
  const given = version.slice(REFERENCE_VERSION.length + 1);
  if (!given) throw new Error(`"${version}": give a tag or an image after "${REFERENCE_VERSION}@"`);
  return given.includes('/') || given.includes(':') ? given : `${REFERENCE_MEMBER_REPO}:${given}`;
}

export interface ContainerTargetOptions {
  /** "reference" (the reference member image) or a Hazelcast version (the Enterprise image). */
  serverVersion: string;
  /** Members per cluster (Enterprise only; the reference member does not cluster). */
  members?: number;
  /** Reference: the full image name (default: the one built for this tree). Enterprise: the repository. */
  image?: string;
  /** 'host' (default): members on this machine's network; 'bridge': one published port (single member). */
  network?: 'host' | 'bridge';
}

export class ContainerTarget implements TargetProvider {
  readonly name = 'container';
  readonly serverVersion: string;
  private readonly enterprise: boolean;
  private readonly members: number;
  private readonly network: 'host' | 'bridge';
  private license: string | undefined;
  private referenceImage: Promise<string> | undefined;

  constructor(private readonly o: ContainerTargetOptions) {
    this.enterprise = !isReferenceVersion(o.serverVersion);
    this.members = o.members ?? 1;
    this.network = o.network ?? 'host';
    if (!Number.isInteger(this.members) || this.members < 1) throw new Error(`members per cluster must be a positive integer, not ${o.members}`);
    if (!this.enterprise && this.members > 1) throw new Error('the reference member does not form clusters: --members > 1 needs a Hazelcast Enterprise --server-version');
    if (this.enterprise && this.network !== 'host') throw new Error('Hazelcast Enterprise members run on the host network (each advertises 127.0.0.1:<port>)');
    // A missing license is an error here, before any container or PKI is made.
    if (this.enterprise) this.license = licenseKey();
    this.serverVersion = this.enterprise ? `Hazelcast Enterprise ${o.serverVersion} (container${this.members > 1 ? `, ${this.members} members` : ''})` : `reference-member (container image${referenceVersionImage(o.serverVersion) ? ` ${referenceVersionImage(o.serverVersion)}` : ''})`;
  }

  private image(): Promise<string> {
    if (this.o.image) return Promise.resolve(this.o.image);
    const tagged = referenceVersionImage(this.o.serverVersion);
    if (tagged) return Promise.resolve(tagged);
    // Lazily, once per provider: the image of this tree, built first where Podman is (a no-op when
    // it exists; `secmatrix run` builds it before the suites and passes it in).
    this.referenceImage ??= (async () => {
      const m = await import('../../core/containers/images.ts');
      const { hasCommand } = await import('../../core/containers/exec.ts');
      return (await hasCommand('podman')) ? (await m.buildReferenceMemberImage(() => undefined)).image : m.referenceMemberImage();
    })();
    return this.referenceImage;
  }

  /** The container definitions this target would start for a configuration (no engine contacted). */
  async specs(setup: MemberSetup, ctx: { pki: PkiManifest; services?: TargetServices }, ports: number[]): Promise<{ specs: ContainerSpec[]; xml: string; yaml: string }> {
    const files = renderForContainer(setup, ctx.pki, ports[0]!, ctx.services?.refs);
    const jvm = { ...(ctx.services?.jvmProperties ?? {}), ...jvmTrustOf(setup, ctx.pki, files.stores) };
    const extra = serviceFiles(ctx.services);
    let specs: ContainerSpec[];
    if (this.enterprise) {
      specs = ports.map((port, index) =>
        enterpriseMemberSpec({ version: this.o.serverVersion, ...(this.o.image ? { repository: this.o.image } : {}), license: this.license!, files, port, clusterPorts: ports, index, jvmProperties: jvm }),
      );
    } else {
      specs = [referenceMemberSpec({ image: await this.image(), files, port: ports[0]!, network: this.network, jvmProperties: jvm })];
    }
    for (const s of specs) for (const f of extra) s.withFile(f);
    return { specs, xml: files.xml, yaml: files.yaml };
  }

  async start(setup: MemberSetup, ctx: { pki: PkiManifest; workDir: string; services?: TargetServices }): Promise<StartedTarget> {
    await useEngine();
    await mkdir(ctx.workDir, { recursive: true });
    const ports: number[] = [];
    for (let i = 0; i < this.members; i++) ports.push(await freePort());
    const { specs, xml, yaml } = await this.specs(setup, ctx, ports);
    const path = await writeMemberConfig(ctx.workDir, { xml, yaml });
    const evidence = new LogEvidence({ lagMs: LOG_LAG_MS });
    const started: StartedSpec[] = [];
    const attached: AttachedStream[] = [];
    const stopAll = async () => {
      for (const a of attached.splice(0)) a.close();
      for (const s of started.splice(0).reverse()) await s.stop();
    };
    try {
      // One after another: a member joins the ones already up (and a failure names its member).
      for (const [i, spec] of specs.entries()) {
        const s = await spec.start();
        started.push(s);
        const source = specs.length > 1 ? `member-${i + 1}` : '';
        for (const l of s.lines) evidence.push(l, source);
        s.onLine((l) => evidence.push(l, source));
      }
      // A member that numbers its lines (the reference member) is followed as it writes: attached,
      // merged with the log stream by line number, and synced on a signal instead of a fixed lag.
      // The readiness check read its own log stream: ours may not have brought the ready line yet.
      if (!this.enterprise && (await evidence.waitForRecord((r) => r.entry?.kind === 'listening', 10_000)) && evidence.numbered) {
        await follow(started[0]!, evidence, attached);
      }
    } catch (err) {
      await stopAll();
      throw err;
    }
    const host = this.network === 'host' ? '127.0.0.1' : started[0]!.host;
    return {
      endpoint: { host, port: ports[0]! },
      evidence,
      config: memberConfigFile(path, xml),
      logSince: (mark) => evidence.text(mark),
      settle: async () => {
        await evidence.sync();
      },
      stop: stopAll,
    };
  }
}

/**
 * Attaches to the member's output and enables sync. The first sync proves the two channels meet:
 * its answer arrives with every earlier line (those written before the attach come through the log
 * stream). Where the engine cannot attach, the member is read from the log stream with its lag.
 */
async function follow(s: StartedSpec, evidence: LogEvidence, attached: AttachedStream[]): Promise<void> {
  const socket = chooseEngine()?.socket;
  if (!socket) return;
  const id = s.container.getId();
  try {
    attached.push(await attachContainer(socket, id, (line) => evidence.push(line, '', 'attach')));
  } catch (err) {
    // Visible in every cell's member log: the evidence still comes, only later.
    evidence.push(`secmatrix: could not attach to the member's output (${err instanceof Error ? err.message : String(err)}): its lines come through the engine's log stream`);
    return;
  }
  // Directly where the member runs in this kernel (a local engine), else through the engine.
  const pid = await localMainPid(socket, id).catch(() => undefined);
  evidence.enableSync(() => (pid !== undefined && signalLocalProcess(pid, id, SYNC_SIGNAL) ? Promise.resolve() : signalContainer(socket, id, SYNC_SIGNAL)));
  if (!(await evidence.sync(10_000))) throw new Error(`the member container did not answer ${SYNC_SIGNAL} with a sync line within 10 s`);
}

/** javax.net.ssl.trustStore of an ldap realm's jvmTrustStore, at its container path. */
function jvmTrustOf(setup: MemberSetup, pki: PkiManifest, copied: Array<{ source: string; target: string }>): Record<string, string> {
  const t = ldapJvmTrustStore(setup, pki);
  if (!t) return {};
  const target = `/opt/hazelcast/config/stores/jvm-trust-${t.artifact}.p12`;
  copied.push({ source: t.path, target });
  return jvmTrustProperties(target, t.password);
}

/**
 * The realms services' files (keytab, krb5.conf, replay cache directory) at the same paths inside
 * the member: members run on the host network, so the rendered URLs and paths hold unchanged.
 */
function serviceFiles(services: TargetServices | undefined): Array<{ target: string; source?: string; content?: string; mode: number }> {
  if (!services) return [];
  const paths = [services.refs.kerberos?.keytabFile, ...Object.values(services.jvmProperties)].filter((p): p is string => !!p && p.startsWith('/') && existsSync(p));
  return paths.map((p) => (statSync(p).isDirectory() ? { target: `${p}/.keep`, content: '', mode: 0o644 } : { target: p, source: p, mode: 0o644 }));
}
