// The locally built Apache Cassandra image, `localhost/secmatrix/cassandra:<version>`, that lets the
// CQL container target run where no registry is reachable: Debian's Java 17 runtime and the
// Maven-resolved jars (install.ts) on the debootstrapped base image, started with the embedded
// Cassandra's JVM options (jvm-options.ts) at the container paths of localCassandraContainer
// (../containers.ts). Built by `secmatrix containers setup`; skipped when the image carries the
// fingerprint of its inputs (container file, JVM arguments, jar list), rebuilt when they change.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SECMATRIX_LABEL } from '../../core/containers/engine.ts';
import { runCommand } from '../../core/containers/exec.ts';
import { DEBIAN_BASE_IMAGE, podmanImageExists } from '../../core/containers/images.ts';
import { REPO_ROOT } from '../../core/util/repo-root.ts';
import { CASSANDRA_CONF, CASSANDRA_DATA, LOCAL_CASSANDRA_REPO } from '../containers.ts';
import { DEFAULT_CASSANDRA_VERSION, ensureCassandra } from './install.ts';
import { cassandraJvmArgs } from './jvm-options.ts';

export const CASSANDRA_IMAGE_DIR = join(REPO_ROOT, 'containers', 'cassandra');
/** Where the jars are inside the image. */
export const IMAGE_LIB = '/opt/cassandra/lib';
const FINGERPRINT_LABEL = 'org.secmatrix.fingerprint';

export function localCassandraImage(version: string = DEFAULT_CASSANDRA_VERSION): string {
  return `${LOCAL_CASSANDRA_REPO}:${version}`;
}

/** The java @argfile of the image: the embedded Cassandra's arguments at the container's paths, one a line. */
export function imageJvmArgs(): string {
  const args = cassandraJvmArgs({ lib: IMAGE_LIB, yamlPath: CASSANDRA_CONF, storageDir: CASSANDRA_DATA, logDir: '/var/log/cassandra', heap: '768m' });
  return `${args.join('\n')}\n`;
}

/** What the image is made of; its hash (a label on the image) says whether a built image is current. */
export async function cassandraImageFingerprint(lib: string): Promise<string> {
  const h = createHash('sha256');
  h.update(await readFile(join(CASSANDRA_IMAGE_DIR, 'Containerfile')));
  h.update(imageJvmArgs());
  for (const f of (await readdir(lib)).sort()) h.update(`\0${f}\0${(await stat(join(lib, f))).size}`);
  return h.digest('hex').slice(0, 16);
}

async function imageFingerprint(image: string): Promise<string | undefined> {
  if (!(await podmanImageExists(image))) return undefined;
  const r = await runCommand('podman', ['image', 'inspect', '--format', `{{index .Labels "${FINGERPRINT_LABEL}"}}`, image], {
    timeoutMs: 30_000,
    allowFailure: true,
  });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

export async function buildCassandraImage(
  log: (line: string) => void,
  version: string = DEFAULT_CASSANDRA_VERSION,
): Promise<{ image: string; built: boolean; ms: number }> {
  const started = performance.now();
  const image = localCassandraImage(version);
  const lib = await ensureCassandra(version);
  const fingerprint = await cassandraImageFingerprint(lib);
  if ((await imageFingerprint(image)) === fingerprint) return { image, built: false, ms: performance.now() - started };
  if (!(await podmanImageExists(DEBIAN_BASE_IMAGE))) throw new Error(`base image ${DEBIAN_BASE_IMAGE} is missing: run \`npx secmatrix containers setup\``);
  const ctx = await mkdtemp('/var/tmp/secmatrix-image-');
  try {
    await runCommand('cp', ['-a', lib, join(ctx, 'lib')], { timeoutMs: 120_000 });
    await rm(join(ctx, 'lib', '.complete'), { force: true });
    await writeFile(join(ctx, 'jvm.args'), imageJvmArgs());
    await runCommand('cp', [join(CASSANDRA_IMAGE_DIR, 'Containerfile'), join(ctx, 'Containerfile')], { timeoutMs: 5_000 });
    log(`building ${image} (Debian openjdk-17-jre-headless + ${(await readdir(lib)).filter((f) => f.endsWith('.jar')).length} jars of Cassandra ${version})`);
    await runCommand(
      'podman',
      [
        'build',
        '--quiet',
        '--label',
        `${SECMATRIX_LABEL}=true`,
        '--label',
        `${FINGERPRINT_LABEL}=${fingerprint}`,
        '-t',
        image,
        '-f',
        join(ctx, 'Containerfile'),
        ctx,
      ],
      { timeoutMs: 900_000 },
    );
    return { image, built: true, ms: performance.now() - started };
  } finally {
    await rm(ctx, { recursive: true, force: true });
  }
}
