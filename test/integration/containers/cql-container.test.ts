// `secmatrix run --only cql-… --target container` end to end: CQL cells pass against Apache Cassandra
// in containers of the locally built image (localhost/secmatrix/cassandra, made by `secmatrix
// containers setup`) — including the MutualTlsAuthenticator's two starts over one mounted data
// directory — and neither a finished run, an image that cannot be pulled, nor Ctrl-C leaves a
// container or the run's temp dir behind.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageExists, listLabelled, RUN_LABEL } from '../../../harness/core/containers/docker-api.ts';
import { makeTempDir, type TempDir } from '../../../harness/core/util/tempdir.ts';
import { localCassandraImage } from '../../../harness/cql/cassandra/image.ts';
import { cassandraLib } from '../../../harness/cql/cassandra/install.ts';
import { NO_ENGINE, engineSkipReason } from './engine-gate.ts';

const CLI = join(import.meta.dirname, '../../../harness/cli/secmatrix.mjs');
const IMAGE = localCassandraImage();
const NO_IMAGE = NO_ENGINE ? undefined : (await imageExists(IMAGE)) ? undefined : `${IMAGE} is not built (npx secmatrix containers setup)`;
if (NO_IMAGE && process.env['CI'] === 'true') throw new Error(`CI=true and ${NO_IMAGE}`);
const skip = NO_ENGINE ? engineSkipReason : NO_IMAGE ? `(${NO_IMAGE})` : !cassandraLib() ? '(Cassandra jars not resolved)' : '';

/** Each run gets its own TMPDIR: its temp dir is then told apart from those of test files running beside it. */
let tmpSeq = 0;
function privateTmp(): { env: NodeJS.ProcessEnv; runDirs: () => string[] } {
  const dir = join(reportDir.path, `tmp-${++tmpSeq}`);
  mkdirSync(dir);
  return { env: { ...process.env, TMPDIR: dir }, runDirs: () => readdirSync(dir).filter((f) => f.startsWith('secmatrix-cql-run-')) };
}
/** Containers of CQL container runs (the run label, a Cassandra image), running or not. */
const cassandraContainers = async () =>
  (await listLabelled('org.secmatrix.managed')).containers.filter((c) => c.labels[RUN_LABEL] && /cassandra|scylla/.test(c.image)).map((c) => c.id);

let reportDir: TempDir;
beforeAll(async () => {
  reportDir = await makeTempDir('cql-ctr-run');
});
afterAll(async () => reportDir?.remove());

describe.skipIf(!!skip)(`secmatrix run --only cql-auth --target container ${skip}`, () => {
  it('passes cql-auth cells in containers of the local image (two configurations, one with the mTLS two-start) and leaves nothing behind', async () => {
    const before = new Set(await cassandraContainers());
    const tmp = privateTmp();
    const out = join(reportDir.path, 'ok');
    const r = await execa(
      process.execPath,
      [
        CLI,
        'run',
        '--target',
        'container',
        '--server-image',
        'localhost/secmatrix/cassandra',
        '--only',
        'cql-auth',
        '--client',
        'cassandra-node',
        '--grep',
        '/CQL-AUTH-0[23]//',
        '--report-dir',
        out,
      ],
      { reject: false, timeout: 400_000, all: true, env: tmp.env },
    );
    expect(r.exitCode, r.all?.slice(-3000)).toBe(0);
    const counts = /Cells: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(r.all ?? '');
    expect(counts, r.all?.slice(-2000)).not.toBeNull();
    // CQL-AUTH-02 (plain): 2 cells, CQL-AUTH-03 (mtls): 5 cells.
    expect(Number(counts![1])).toBe(7);
    expect(Number(counts![2])).toBe(0);
    expect(r.all).toMatch(/mtls\s+2 start\(s\)/);
    const cert = JSON.parse(await readFile(join(out, 'certification.json'), 'utf8')) as { serverVersion: string };
    expect(cert.serverVersion).toBe(`Apache Cassandra 5.0.9 (container ${IMAGE})`);
    expect((await cassandraContainers()).filter((id) => !before.has(id))).toEqual([]);
    expect(tmp.runDirs()).toEqual([]);
  }, 420_000);

  it('an image that cannot be pulled stops the run with an error naming it, before anything is made', async () => {
    const before = new Set(await cassandraContainers());
    const tmp = privateTmp();
    const out = join(reportDir.path, 'nopull');
    const r = await execa(
      process.execPath,
      [CLI, 'run', '--target', 'container', '--server-version', '0.0.0-nonexistent', '--only', 'cql-auth', '--client', 'cassandra-node', '--report-dir', out],
      { reject: false, timeout: 120_000, all: true, env: tmp.env },
    );
    expect(r.exitCode).toBe(1);
    expect(r.all).toContain('the CQL container target cannot run: image docker.io/library/cassandra:0.0.0-nonexistent is not here and could not be pulled');
    expect((await cassandraContainers()).filter((id) => !before.has(id))).toEqual([]);
    expect(tmp.runDirs()).toEqual([]);
    expect(existsSync(join(out, 'certification.json'))).toBe(false);
  }, 150_000);

  it('Ctrl-C while a Cassandra container runs exits 130 and removes the container and the temp dir', async () => {
    const before = new Set(await cassandraContainers());
    const tmp = privateTmp();
    const child = execa(
      process.execPath,
      [
        CLI,
        'run',
        '--target',
        'container',
        '--server-image',
        'localhost/secmatrix/cassandra',
        '--only',
        'cql-auth',
        '--client',
        'cassandra-node',
        '--report-dir',
        join(reportDir.path, 'int'),
      ],
      { reject: false, timeout: 300_000, all: true, env: tmp.env },
    );
    const deadline = Date.now() + 240_000;
    let mine: string[] = [];
    while (Date.now() < deadline && child.exitCode === null) {
      mine = (await cassandraContainers()).filter((id) => !before.has(id));
      if (mine.length) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    expect(mine.length, 'a Cassandra container of the run was there').toBeGreaterThan(0);
    const dirsAtInterrupt = tmp.runDirs();
    expect(dirsAtInterrupt.length, 'the run made its temp dir').toBeGreaterThan(0);
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode ?? r.signal).toBe(130);
    const left = async () => (await cassandraContainers()).filter((id) => !before.has(id));
    const until = Date.now() + 30_000;
    while ((await left()).length && Date.now() < until) await new Promise((res) => setTimeout(res, 250));
    expect(await left(), 'containers left behind').toEqual([]);
    const dirsLeft = () => tmp.runDirs();
    const dirsUntil = Date.now() + 30_000;
    while (dirsLeft().length && Date.now() < dirsUntil) await new Promise((res) => setTimeout(res, 250));
    expect(dirsLeft()).toEqual([]);
  }, 330_000);
});
