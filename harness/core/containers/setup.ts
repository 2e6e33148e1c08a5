// `secmatrix containers setup | status | teardown`: makes a working container engine and the images
// on a Debian machine without a registry (rootful Podman + API socket, a debootstrapped base image,
// the images from containers/). Every step checks first and skips what is already there.
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { applySettings } from './containers-conf.ts';
import { PODMAN_SOCKET, SECMATRIX_LABEL, pingSocket, waitForSocket } from './engine.ts';
import { hasCommand, runCommand } from './exec.ts';
import { buildReferenceMemberImage, buildServiceImage, DEBIAN_BASE_IMAGE, podmanImageExists, REFERENCE_MEMBER_REPO, SERVICE_IMAGES, serviceImage, type ServiceImageKind } from './images.ts';
import { configuredMirror } from './mirror.ts';

export const CONTAINERS_CONF = '/etc/containers/containers.conf';
export const SERVICE_PID_FILE = '/run/podman/secmatrix-service.pid';
export const SERVICE_LOG = '/var/log/secmatrix-podman-service.log';
const DEBIAN_SUITE = 'bookworm';
// iptables: netavark sets up the bridge and port forwarding with it; without it every container
// (and every RUN step of a build) fails with "netavark: No such file or directory".
const PACKAGES = ['podman', 'runc', 'debootstrap', 'uidmap', 'slirp4netns', 'fuse-overlayfs', 'netavark', 'aardvark-dns', 'catatonit', 'iptables'];

export interface StepReport {
  step: string;
  /** 'done' = changed something, 'skipped' = already there. */
  result: 'done' | 'skipped';
  detail: string;
  ms: number;
}

type Log = (line: string) => void;

/** An image a system family adds to setup (core knows no family): built after the core images. */
export interface FamilyImage {
  /** The step's name, e.g. "Apache Cassandra image". */
  step: string;
  /** Its repository (teardown --images removes its tags). */
  repo: string;
  /** name:tag it is (status). */
  image(): Promise<string>;
  /** Builds it, or skips when it is current. */
  build(log: Log): Promise<{ image: string; built: boolean }>;
}

async function step(reports: StepReport[], log: Log, name: string, fn: () => Promise<{ result: StepReport['result']; detail: string }>): Promise<void> {
  const started = performance.now();
  const r = await fn();
  const rep = { step: name, ...r, ms: performance.now() - started };
  reports.push(rep);
  log(`${r.result === 'done' ? 'done   ' : 'skipped'} ${name}: ${r.detail} (${(rep.ms / 1000).toFixed(1)} s)`);
}

async function missingPackages(): Promise<string[]> {
  const r = await runCommand('dpkg-query', ['-W', '-f', '${Package} ${db:Status-Status}\n', ...PACKAGES], { timeoutMs: 30_000, allowFailure: true });
  const installed = new Set(r.stdout.split('\n').filter((l) => l.endsWith(' installed')).map((l) => l.split(' ')[0]));
  return PACKAGES.filter((p) => !installed.has(p));
}

export async function installPackages(log: Log): Promise<{ result: StepReport['result']; detail: string }> {
  const missing = await missingPackages();
  if (missing.length === 0) return { result: 'skipped', detail: `installed: ${PACKAGES.join(', ')}` };
  if (!(await hasCommand('apt-get'))) throw new Error(`missing ${missing.join(', ')} and no apt-get: install Podman by hand or use Docker`);
  if (process.getuid?.() !== 0) throw new Error(`missing ${missing.join(', ')}: setup installs them with apt-get and needs root`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  log(`apt-get install ${missing.join(' ')}`);
  await runCommand('apt-get', ['update', '-qq'], { timeoutMs: 300_000, env });
  await runCommand('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { timeoutMs: 600_000, env });
  return { result: 'done', detail: `installed ${missing.join(', ')}` };
}

export async function configureContainersConf(): Promise<{ result: StepReport['result']; detail: string }> {
  const before = await readFile(CONTAINERS_CONF, 'utf8').catch(() => '');
  const edit = applySettings(before);
  const differ = edit.differing.length ? `; left as configured: ${edit.differing.join('; ')}` : '';
  if (edit.added.length === 0) return { result: 'skipped', detail: `${CONTAINERS_CONF} has the settings${differ}` };
  await mkdir(dirname(CONTAINERS_CONF), { recursive: true });
  await writeFile(CONTAINERS_CONF, edit.text);
  return { result: 'done', detail: `${CONTAINERS_CONF}: added ${edit.added.join(', ')}${differ}` };
}

/** Starts `podman system service` detached (no systemd here) and waits, bounded, for its socket. */
export async function startService(): Promise<{ result: StepReport['result']; detail: string }> {
  if (await pingSocket(PODMAN_SOCKET)) return { result: 'skipped', detail: `${PODMAN_SOCKET} answers` };
  await mkdir(dirname(PODMAN_SOCKET), { recursive: true });
  // A socket file left by a dead service would make the new one fail to bind.
  await rm(PODMAN_SOCKET, { force: true });
  const out = openSync(SERVICE_LOG, 'a');
  try {
    const child = spawn('podman', ['system', 'service', '--time=0', `unix://${PODMAN_SOCKET}`], { detached: true, stdio: ['ignore', out, out] });
    child.unref();
    await writeFile(SERVICE_PID_FILE, `${child.pid}\n`);
  } finally {
    closeSync(out);
  }
  if (!(await waitForSocket(PODMAN_SOCKET, 20_000))) throw new Error(`podman system service did not answer on ${PODMAN_SOCKET} within 20 s (log: ${SERVICE_LOG})`);
  return { result: 'done', detail: `podman system service on unix://${PODMAN_SOCKET} (pid file ${SERVICE_PID_FILE}, log ${SERVICE_LOG})` };
}

/** debootstrap (minbase, the machine's mirror) + `podman import` under the name FROM uses. */
export async function buildDebianBase(log: Log): Promise<{ result: StepReport['result']; detail: string }> {
  if (await podmanImageExists(DEBIAN_BASE_IMAGE)) return { result: 'skipped', detail: `${DEBIAN_BASE_IMAGE} exists` };
  const mirror = await configuredMirror(DEBIAN_SUITE);
  const root = await mkdtemp('/var/tmp/secmatrix-rootfs-');
  try {
    log(`debootstrap --variant=minbase ${DEBIAN_SUITE} from ${mirror}`);
    await runCommand('debootstrap', ['--variant=minbase', DEBIAN_SUITE, root, mirror], { timeoutMs: 900_000 });
    // Package caches and lists are dead weight in an image that never runs apt.
    await runCommand('sh', ['-c', 'rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*', 'sh', root], { timeoutMs: 60_000 });
    await runCommand('sh', ['-c', 'tar -C "$1" -c . | podman import --change "CMD [\\"/bin/bash\\"]" - "$2"', 'sh', root, DEBIAN_BASE_IMAGE], { timeoutMs: 300_000 });
    return { result: 'done', detail: `${DEBIAN_BASE_IMAGE} from ${mirror}` };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export async function setupContainers(log: Log, familyImages: readonly FamilyImage[] = []): Promise<StepReport[]> {
  const reports: StepReport[] = [];
  await step(reports, log, 'packages', () => installPackages(log));
  await step(reports, log, 'containers.conf', () => configureContainersConf());
  await step(reports, log, 'API socket', () => startService());
  await step(reports, log, 'Debian base image', () => buildDebianBase(log));
  await step(reports, log, 'reference member image', async () => {
    const r = await buildReferenceMemberImage(log);
    return { result: r.built ? 'done' : 'skipped', detail: r.built ? `built ${r.image}` : `${r.image} exists` };
  });
  for (const kind of Object.keys(SERVICE_IMAGES) as ServiceImageKind[]) {
    await step(reports, log, `${kind} image`, async () => {
      const r = await buildServiceImage(kind, log);
      return { result: r.built ? 'done' : 'skipped', detail: r.built ? `built ${r.image}` : `${r.image} exists` };
    });
  }
  for (const f of familyImages) {
    await step(reports, log, f.step, async () => {
      const r = await f.build(log);
      return { result: r.built ? 'done' : 'skipped', detail: r.built ? `built ${r.image}` : `${r.image} is current` };
    });
  }
  return reports;
}

export interface EngineStatus {
  podman: string | undefined;
  socket: boolean;
  images: Array<{ name: string; present: boolean }>;
  leftovers: string[];
}

export async function containersStatus(familyImages: readonly FamilyImage[] = []): Promise<EngineStatus> {
  const podman = (await hasCommand('podman')) ? (await runCommand('podman', ['--version'], { timeoutMs: 10_000 })).stdout : undefined;
  const socket = await pingSocket(PODMAN_SOCKET);
  const images: EngineStatus['images'] = [];
  let leftovers: string[] = [];
  if (podman) {
    const { referenceMemberImage } = await import('./images.ts');
    const services = await Promise.all((Object.keys(SERVICE_IMAGES) as ServiceImageKind[]).map((k) => serviceImage(k)));
    const family = await Promise.all(familyImages.map((f) => f.image()));
    for (const name of [DEBIAN_BASE_IMAGE, await referenceMemberImage(), ...services, ...family]) images.push({ name, present: await podmanImageExists(name) });
    leftovers = await secmatrixContainers();
  }
  return { podman, socket, images, leftovers };
}

/** Containers carrying the secmatrix label (running or not). */
export async function secmatrixContainers(): Promise<string[]> {
  const r = await runCommand('podman', ['ps', '-a', '--filter', `label=${SECMATRIX_LABEL}`, '--format', '{{.ID}} {{.Names}} {{.Image}} {{.Status}}'], { timeoutMs: 30_000, allowFailure: true });
  return r.stdout.split('\n').filter(Boolean);
}

/** Removes secmatrix's containers, stops the API service setup started, and with `images` its images. */
export async function teardownContainers(log: Log, o: { images: boolean; familyImages?: readonly FamilyImage[] }): Promise<void> {
  if (!(await hasCommand('podman'))) {
    log('no podman: nothing to tear down');
    return;
  }
  for (const c of await secmatrixContainers()) {
    await runCommand('podman', ['rm', '-f', '-t', '2', c.split(' ')[0]!], { timeoutMs: 60_000, allowFailure: true });
    log(`removed container ${c}`);
  }
  if (existsSync(SERVICE_PID_FILE)) {
    const pid = Number((await readFile(SERVICE_PID_FILE, 'utf8')).trim());
    // Only the service this command started (its pid file), never another podman process.
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (pid > 0 && cmdline.includes('system\0service')) {
      process.kill(pid, 'SIGTERM');
      log(`stopped podman system service (pid ${pid})`);
    }
    await rm(SERVICE_PID_FILE, { force: true });
  }
  if (o.images) {
    const r = await runCommand('podman', ['images', '--format', '{{.Repository}}:{{.Tag}}'], { timeoutMs: 30_000, allowFailure: true });
    const repos = [REFERENCE_MEMBER_REPO, ...Object.values(SERVICE_IMAGES).map((s) => s.repo), ...(o.familyImages ?? []).map((f) => f.repo)];
    const ours = r.stdout.split('\n').filter((n) => repos.some((repo) => n.startsWith(`${repo}:`)));
    for (const name of [...ours, DEBIAN_BASE_IMAGE]) {
      if ((await runCommand('podman', ['rmi', name], { timeoutMs: 60_000, allowFailure: true })).exitCode === 0) log(`removed image ${name}`);
    }
  }
}
