// The run's reaper (harness/core/containers/reaper.mjs): it outlives a Ctrl-C at the terminal (SIGINT
// to the whole process group), removes the run's temp dir once the run's process is gone — again if
// something still writing there brings a part of it back — and then ends by itself.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../harness/core/util/repo-root.ts';
import { privateTmp } from '../../support/private-tmp.ts';
import { alive, settle } from '../../support/processes.ts';

const REAPER = join(REPO_ROOT, 'harness/core/containers/reaper.mjs');
const tmp = privateTmp('reaper');
afterAll(() => tmp.remove());

describe('the run reaper', () => {
  it('ignores SIGINT, removes the temp dir after the run is gone (also what comes back), then exits', async () => {
    const dir = join(tmp.dir, 'secmatrix-cql-run-test');
    mkdirSync(join(dir, 'cql', 'server-1'), { recursive: true });
    writeFileSync(join(dir, 'pki-key.pem'), 'not a real key');
    // The "run": a process the test ends; the reaper watches it.
    const run = spawn('sleep', ['60'], { stdio: 'ignore' });
    const reaper = spawn(process.execPath, [REAPER, String(run.pid), '-', '-', dir], { stdio: 'ignore' });
    const reaperExit = new Promise<number | null>((r) => reaper.once('exit', (code) => r(code)));
    await new Promise((r) => setTimeout(r, 500));
    reaper.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 500));
    expect(alive(reaper.pid!), 'the reaper survives SIGINT').toBe(true);
    expect(existsSync(dir), 'nothing is removed while the run lives').toBe(true);
    run.kill('SIGKILL');
    expect(await settle(() => !existsSync(dir), 5_000)).toBe(true);
    // A straggler (a server still dying) writes its log dir again: swept again.
    mkdirSync(join(dir, 'cql', 'server-1', 'logs'), { recursive: true });
    expect(await settle(() => !existsSync(dir), 5_000)).toBe(true);
    expect(await reaperExit).toBe(0);
    expect(existsSync(dir)).toBe(false);
  }, 60_000);

  it('removes only run temp dirs (secmatrix-run-*, secmatrix-cql-run-*)', async () => {
    const other = join(tmp.dir, 'not-a-run-dir');
    mkdirSync(other);
    const run = spawn('true', [], { stdio: 'ignore' });
    await new Promise((r) => run.once('exit', r));
    const reaper = spawn(process.execPath, [REAPER, String(run.pid), '-', '-', other], { stdio: 'ignore' });
    expect(await new Promise((r) => reaper.once('exit', r))).toBe(0);
    expect(existsSync(other)).toBe(true);
  }, 30_000);
});
