// The images secmatrix builds from the container files in containers/: their names, the inputs
// that decide whether a built image is still current, and the builds themselves (Podman CLI).
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './exec.ts';
import { SECMATRIX_LABEL } from './engine.ts';

// The repository root from util (this module must not pull vitest in).
import { REPO_ROOT } from '../util/repo-root.ts';

/** The name the container files start FROM (made by debootstrap + podman import). */
export const DEBIAN_BASE_IMAGE = 'localhost/secmatrix/debian:bookworm';
export const REFERENCE_MEMBER_REPO = 'localhost/secmatrix/reference-member';
export const REFERENCE_MEMBER_DIR = join(REPO_ROOT, 'containers', 'reference-member');

/** Repo paths the reference member needs at run time (the CLI imports every command module). */
export const REFERENCE_MEMBER_FILES = ['package.json', 'tsconfig.json', 'harness', 'pki', 'reports', 'matrices'] as const;
/** Never copied: run outputs and tests. */
const EXCLUDED = [/^reports\/out(\/|$)/, /\.test\.ts$/, /(^|\/)\.secmatrix-cache(\/|$)/];

async function listFiles(root: string, rel: string): Promise<string[]> {
  const abs = join(root, rel);
  const st = await stat(abs).catch(() => undefined);
  if (!st) return [];
  if (!st.isDirectory()) return EXCLUDED.some((r) => r.test(rel)) ? [] : [rel];
  const out: string[] = [];
  for (const e of (await readdir(abs, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const child = `${rel}/${e.name}`;
    if (EXCLUDED.some((r) => r.test(child))) continue;
    if (e.isDirectory()) out.push(...(await listFiles(root, child)));
    else if (e.isFile()) out.push(child);
  }
  return out;
}

/**
 * What the reference member image is made of: the container file, the Node binary's version, the
 * lock file and every runtime source file. Its hash is the image tag, so a changed member is
 * rebuilt instead of silently run stale.
 */
export async function referenceMemberFingerprint(root = REPO_ROOT): Promise<{ tag: string; files: string[] }> {
  const h = createHash('sha256');
  h.update(`node ${process.version} ${process.arch}\n`);
  h.update(await readFile(join(REFERENCE_MEMBER_DIR, 'Containerfile')));
  h.update(await readFile(join(root, 'package-lock.json')).catch(() => Buffer.alloc(0)));
  const files: string[] = [];
  for (const top of REFERENCE_MEMBER_FILES) files.push(...(await listFiles(root, top)));
  for (const f of files) {
    h.update(`\0${f}\0`);
    h.update(await readFile(join(root, f)));
  }
  return { tag: h.digest('hex').slice(0, 16), files };
}

export async function referenceMemberImage(root = REPO_ROOT): Promise<string> {
  return `${REFERENCE_MEMBER_REPO}:${(await referenceMemberFingerprint(root)).tag}`;
}

export async function podmanImageExists(name: string): Promise<boolean> {
  return (await runCommand('podman', ['image', 'exists', name], { timeoutMs: 30_000, allowFailure: true })).exitCode === 0;
}

/**
 * Builds the reference member image from a snapshot of the runtime files (others may be editing the
 * tree meanwhile), the host's Node binary (Debian's nodejs is too old) and node_modules as installed.
 */
export async function buildReferenceMemberImage(log: (line: string) => void, root = REPO_ROOT): Promise<{ image: string; built: boolean; ms: number }> {
  const started = performance.now();
  const { tag, files } = await referenceMemberFingerprint(root);
  const image = `${REFERENCE_MEMBER_REPO}:${tag}`;
  if (await podmanImageExists(image)) return { image, built: false, ms: performance.now() - started };
  if (!(await podmanImageExists(DEBIAN_BASE_IMAGE))) throw new Error(`base image ${DEBIAN_BASE_IMAGE} is missing: run \`npx secmatrix containers setup\``);
  const ctx = await mkdtemp('/var/tmp/secmatrix-image-');
  try {
    await runCommand('mkdir', ['-p', join(ctx, 'app')], { timeoutMs: 5_000 });
    await runCommand('cp', ['--preserve=mode', process.execPath, join(ctx, 'node')], { timeoutMs: 60_000 });
    // cp --parents keeps each file's relative path; node_modules goes as one tree.
    const list = files.join('\0');
    await runCommand('sh', ['-c', 'cd "$1" && xargs -0 cp --parents -t "$2"', 'sh', root, join(ctx, 'app')], { timeoutMs: 120_000, input: list });
    await runCommand('cp', ['-a', join(root, 'node_modules'), join(ctx, 'app', 'node_modules')], { timeoutMs: 300_000 });
    await runCommand('cp', [join(REFERENCE_MEMBER_DIR, 'Containerfile'), join(ctx, 'Containerfile')], { timeoutMs: 5_000 });
    log(`building ${image} (${files.length} source files + node_modules + node ${process.version})`);
    await runCommand('podman', ['build', '--quiet', '--label', `${SECMATRIX_LABEL}=true`, '--label', `org.secmatrix.fingerprint=${tag}`, '-t', image, '-f', join(ctx, 'Containerfile'), ctx], { timeoutMs: 600_000 });
    // Older builds of the member are stale by definition: drop them so they do not pile up. Only
    // builds (tagged with their fingerprint): a tag given by hand (`reference@TAG`) is kept.
    const old = await runCommand('podman', ['images', '--format', '{{.Repository}}:{{.Tag}}', REFERENCE_MEMBER_REPO], { timeoutMs: 30_000, allowFailure: true });
    for (const name of old.stdout.split('\n').filter((n) => n && n !== image && /:[0-9a-f]{16}$/.test(n))) {
      await runCommand('podman', ['rmi', name], { timeoutMs: 60_000, allowFailure: true });
    }
    return { image, built: true, ms: performance.now() - started };
  } finally {
    await rm(ctx, { recursive: true, force: true });
  }
}


/** Images of the realms services, each built from a container file that installs Debian's packages. */
export const SERVICE_IMAGES = {
  slapd: { repo: 'localhost/secmatrix/slapd', dir: join(REPO_ROOT, 'containers', 'slapd') },
  'mit-kdc': { repo: 'localhost/secmatrix/mit-kdc', dir: join(REPO_ROOT, 'containers', 'mit-kdc') },
} as const;
export type ServiceImageKind = keyof typeof SERVICE_IMAGES;

/** name:tag of a service image; the tag is the container file's hash (a changed file is rebuilt). */
export async function serviceImage(kind: ServiceImageKind): Promise<string> {
  const { repo, dir } = SERVICE_IMAGES[kind];
  const tag = createHash('sha256').update(await readFile(join(dir, 'Containerfile'))).digest('hex').slice(0, 16);
  return `${repo}:${tag}`;
}

export async function buildServiceImage(kind: ServiceImageKind, log: (line: string) => void): Promise<{ image: string; built: boolean; ms: number }> {
  const started = performance.now();
  const image = await serviceImage(kind);
  if (await podmanImageExists(image)) return { image, built: false, ms: performance.now() - started };
  if (!(await podmanImageExists(DEBIAN_BASE_IMAGE))) throw new Error(`base image ${DEBIAN_BASE_IMAGE} is missing: run \`npx secmatrix containers setup\``);
  log(`building ${image} (apt-get from the base image's Debian mirror)`);
  const { dir } = SERVICE_IMAGES[kind];
  await runCommand('podman', ['build', '--quiet', '--label', `${SECMATRIX_LABEL}=true`, '-t', image, '-f', join(dir, 'Containerfile'), dir], { timeoutMs: 600_000 });
  return { image, built: true, ms: performance.now() - started };
}
