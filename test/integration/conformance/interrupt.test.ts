// Ctrl-C in the middle of a run releases everything it started: its worker processes, the members
// they run, and its temp dirs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../../../harness/core/util/tempdir.ts';

const CLI = join(import.meta.dirname, '../../../harness/cli/secmatrix.mjs');
// The run gets a TMPDIR of its own: other runs on the machine (or in this test suite) make
// secmatrix-run-* dirs too, and must not be taken for this one's.
let privateTmp = '';
const runDirs = () => new Set(readdirSync(privateTmp).filter((f) => f.startsWith('secmatrix-run-')));
const childrenOf = (pid: number): number[] => {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map((s) => Number(s.trim())).filter((n) => n > 0);
  } catch {
    return [];
  }
};
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    // A zombie has ended: it only waits for its new parent (init here) to reap it.
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

let reportDir: TempDir;
beforeAll(async () => {
  reportDir = await makeTempDir('interrupt');
  privateTmp = join(reportDir.path, 'tmp');
  mkdirSync(privateTmp);
});
afterAll(async () => reportDir?.remove());

describe('secmatrix run interrupted by SIGINT', () => {
  it('exits 130 and leaves no worker process and no temp dir of its own behind', async () => {
    const before = runDirs();
    // forceKillAfterDelay off: the run's own SIGINT handling is under test, not execa's SIGKILL.
    const child = execa(process.execPath, [CLI, 'run', '--only', 'tls', '--report-dir', join(reportDir.path, 'reports')], { reject: false, timeout: 120_000, all: true, forceKillAfterDelay: false, env: { TMPDIR: privateTmp } });
    // Wait until cells are running: a member's work dir exists inside the run's temp dir.
    let workers: number[] = [];
    const deadline = Date.now() + 60_000;
    const running = () => [...runDirs()].some((d) => !before.has(d) && existsSync(join(privateTmp, d, 'members')));
    while (Date.now() < deadline && !running() && child.exitCode === null) {
      workers = [...new Set([...workers, ...childrenOf(child.pid!)])];
      await new Promise((r) => setTimeout(r, 50));
    }
    workers = [...new Set([...workers, ...childrenOf(child.pid!)])];
    expect(workers.length, 'the run had started its vitest workers').toBeGreaterThan(0);
    const mine = [...runDirs()].filter((d) => !before.has(d));
    expect(mine.length, 'the run made its temp dir').toBeGreaterThan(0);
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode ?? r.signal).toBe(130);
    await new Promise((res) => setTimeout(res, 500));
    const cmd = (pid: number) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').slice(0, 200);
      } catch {
        return '?';
      }
    };
    for (const pid of workers) expect(alive(pid), `worker ${pid} still running: ${cmd(pid)}`).toBe(false);
    for (const d of mine) expect(runDirs().has(d), `${d} left behind`).toBe(false);
  }, 150_000);
});
