// Ctrl-C in the middle of a run releases everything it started: its worker processes, the members
// they run, and its temp dirs.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../../../harness/util/tempdir.ts';

const CLI = join(import.meta.dirname, '../../../harness/cli/secmatrix.mjs');
// The run gets a TMPDIR of its own, so other tests running meanwhile cannot be mistaken for it.
let runTmp: TempDir;
const runDirs = () => new Set(readdirSync(runTmp.path).filter((f) => f.startsWith('secmatrix-')));
const childrenOf = (pid: number): number[] => {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map((s) => Number(s.trim())).filter((n) => n > 0);
  } catch {
    return [];
  }
};
/** Running = exists and is not a zombie (an exited child whose reaper — PID 1 here — has not collected it yet). */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z';
  } catch {
    return false;
  }
};

const describe_ = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ') + ` (${readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2]})`;
  } catch {
    return 'gone';
  }
};

let reportDir: TempDir;
beforeAll(async () => {
  reportDir = await makeTempDir('interrupt');
  runTmp = await makeTempDir('interrupt-tmp');
});
afterAll(async () => {
  await reportDir?.remove();
  await runTmp?.remove();
});

describe('secmatrix run interrupted by SIGINT', () => {
  it('exits 130 and leaves no worker process and no temp dir of its own behind', async () => {
    const before = runDirs();
    const child = execa(process.execPath, [CLI, 'run', '--only', 'tls', '--report-dir', reportDir.path], { reject: false, timeout: 120_000, all: true, env: { TMPDIR: runTmp.path } });
    // Wait until cells are running: a member's work dir exists inside the run's temp dir.
    let workers: number[] = [];
    const deadline = Date.now() + 60_000;
    const running = () => [...runDirs()].some((d) => !before.has(d) && existsSync(join(runTmp.path, d, 'members')));
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
    for (const pid of workers) expect(alive(pid), `worker ${pid} still running: ${describe_(pid)}`).toBe(false);
    for (const d of mine) expect(runDirs().has(d), `${d} left behind`).toBe(false);
  }, 150_000);
});
