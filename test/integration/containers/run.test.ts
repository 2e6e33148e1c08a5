// `secmatrix run --target container` end to end against the reference member image: a cell group
// passes in real containers, and neither a finished run nor a run interrupted with Ctrl-C leaves a
// container or network behind.
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLabelled, RUN_LABEL } from '../../../harness/core/containers/docker-api.ts';
import { makeTempDir, type TempDir } from '../../../harness/core/util/tempdir.ts';
import { NO_ENGINE, engineSkipReason } from './engine-gate.ts';
import { privateTmp } from '../../support/private-tmp.ts';

// The interrupted run gets its own TMPDIR: its temp dir is told apart from parallel test files' runs.
const tmp = privateTmp('container-run');
const runDirs = () => new Set(tmp.leftovers('secmatrix-run-'));
const CLI = join(import.meta.dirname, '../../../harness/cli/secmatrix.mjs');
/**
 * Member containers of `secmatrix run`s now (they carry a run label; other test files running in
 * parallel start services and members without one). Only ones not there before a test are its own.
 */
const members = async () => (await listLabelled('org.secmatrix.member')).containers.filter((c) => c.labels[RUN_LABEL]).map((c) => c.id);

let reportDir: TempDir;
beforeAll(async () => {
  reportDir = await makeTempDir('ctr-run');
});
afterAll(async () => {
  await reportDir?.remove();
  tmp.remove();
});

describe.skipIf(!!NO_ENGINE)(`secmatrix run --target container ${engineSkipReason}`, () => {
  it('runs TLS cells in reference member containers, names the target in the report and leaves nothing behind', async () => {
    const before = new Set(await members());
    const out = join(reportDir.path, 'ok');
    const r = await execa(process.execPath, [CLI, 'run', '--target', 'container', '--only', 'tls', '--grep', 'HZ-TLS-001/memberProtocol=TLSv1.2', '--report-dir', out], { reject: false, timeout: 280_000, all: true });
    expect(r.exitCode, r.all?.slice(-3000)).toBe(0);
    expect(r.all).toMatch(/tls\s+\d+\s+\d+\s+0\s+0\s+0/);
    const cert = JSON.parse(await readFile(join(out, 'certification.json'), 'utf8')) as { serverVersion: string };
    expect(cert.serverVersion).toContain('reference-member (container image)');
    expect((await members()).filter((id) => !before.has(id))).toEqual([]);
  }, 300_000);

  it('Ctrl-C during a container run exits 130 and removes its containers and its temp dir', async () => {
    const before = new Set(await members());
    const dirsBefore = runDirs();
    const child = execa(process.execPath, [CLI, 'run', '--target', 'container', '--only', 'tls', '--report-dir', join(reportDir.path, 'int')], {
      reject: false,
      timeout: 280_000,
      all: true,
      env: tmp.env,
    });
    // Wait (bounded) until a member container of this run is up.
    const deadline = Date.now() + 240_000;
    let mine: string[] = [];
    while (Date.now() < deadline && child.exitCode === null) {
      mine = (await members()).filter((id) => !before.has(id));
      if (mine.length) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    expect(mine.length, 'a member container of the run was running').toBeGreaterThan(0);
    const dirsAtInterrupt = [...runDirs()].filter((d) => !dirsBefore.has(d));
    expect(dirsAtInterrupt.length, 'the run made its temp dir').toBeGreaterThan(0);
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode ?? r.signal).toBe(130);
    // The run's cleanup and then its reaper process remove what the run labelled (including starts
    // still in flight). Bounded: 20 s.
    const leftNow = async () => (await listLabelled('org.secmatrix.member')).containers.filter((c) => c.labels[RUN_LABEL] && !before.has(c.id));
    const until = Date.now() + 20_000;
    let left = await leftNow();
    while (left.length && Date.now() < until) {
      await new Promise((res) => setTimeout(res, 250));
      left = await leftNow();
    }
    expect(left, 'containers left behind').toEqual([]);
    // And they stay gone (nothing orphaned starts new ones).
    await new Promise((res) => setTimeout(res, 3_000));
    expect(await leftNow()).toEqual([]);
    // The run's temp dir (PKI private keys) is gone too (bounded).
    const dirsLeft = () => dirsAtInterrupt.filter((d) => existsSync(join(tmp.dir, d)));
    const dirsUntil = Date.now() + 30_000;
    while (dirsLeft().length && Date.now() < dirsUntil) await new Promise((res) => setTimeout(res, 250));
    expect(dirsLeft()).toEqual([]);
  }, 300_000);

  it('an Enterprise version without HZ_LICENSEKEY is refused before anything starts', async () => {
    const before = new Set(await members());
    const env = { ...process.env };
    delete env['HZ_LICENSEKEY'];
    const r = await execa(process.execPath, [CLI, 'run', '--target', 'container', '--server-version', '5.5.0', '--only', 'tls', '--report-dir', join(reportDir.path, 'lic')], { reject: false, timeout: 60_000, all: true, env, extendEnv: false });
    expect(r.exitCode).toBe(1);
    expect(r.all).toContain('needs a license key: set HZ_LICENSEKEY');
    expect((await members()).filter((id) => !before.has(id))).toEqual([]);
  }, 90_000);
});
