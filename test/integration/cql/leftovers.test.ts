// `secmatrix run` of the CQL areas leaves nothing behind — no Cassandra JVM, no adapter, no temp dir —
// after a pass, after a failure, after Ctrl-C and after SIGKILL. Each case starts one real Cassandra (one at a time).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cassandraLib } from '../../../harness/cql/cassandra/install.ts';
import { privateTmp } from '../../support/private-tmp.ts';
import { ADAPTER_REGISTRY } from '../../../harness/clients/adapter/registry.ts';
import { cacheRoot } from '../../../harness/clients/adapter/venv.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FIXTURES = join(ROOT, 'test/integration/cql/fixtures/matrices');
const reportRoot = mkdtempSync(join(tmpdir(), 'secmatrix-cql-test-reports-'));
const venv = join(cacheRoot(), 'venvs', `cassandra-driver-${ADAPTER_REGISTRY['cassandra-python']!.defaultVersion}`);
const missing = !cassandraLib()
  ? 'Cassandra jars not resolved (.ci/setup-cassandra.sh)'
  : existsSync(join(venv, 'bin', 'python'))
    ? undefined
    : `no Python driver venv at ${venv} (.ci/setup-cql.sh)`;

// This file's runs get their own TMPDIR: their leftovers and processes are told apart from other runs'.
const tmp = privateTmp('cql-leftovers');
const runProcesses = () => tmp.processes();
const runDirs = () => new Set(tmp.leftovers('secmatrix-cql-run-'));

async function settle(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 250));
}

function startRun(
  grep: string,
  reportDir: string,
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; exit: Promise<number | string | null>; output: () => string } {
  let output = '';
  const child = spawn(
    process.execPath,
    [join(ROOT, 'harness/cli/secmatrix.mjs'), 'run', '--only', 'cql-tls', '--client', 'cassandra-node', '--grep', grep, '--report-dir', reportDir],
    { cwd: ROOT, env: { ...process.env, SECMATRIX_CQL_MATRICES: FIXTURES, ...tmp.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const exit = new Promise<number | string | null>((r) => child.once('exit', (code, signal) => r(code ?? signal)));
  return { child, exit, output: () => output };
}

describe.skipIf(!!missing)(`CQL runs leave nothing behind${missing ? ` (skipped: ${missing})` : ''}`, () => {
  afterAll(() => {
    rmSync(reportRoot, { recursive: true, force: true });
    tmp.remove();
  });

  it('after a pass', async () => {
    const before = runDirs();
    const r = startRun('CQL-TLS-90', join(reportRoot, 'pass'));
    const code = await r.exit;
    expect(code, r.output()).toBe(0);
    expect(r.output()).toMatch(/cassandra-node cql-tls\s+1\s+1\s+0/);
    await settle(() => runProcesses().length === 0, 10_000);
    expect(runProcesses()).toEqual([]);
    expect([...runDirs()].filter((d) => !before.has(d))).toEqual([]);
    expect(existsSync(join(reportRoot, 'pass', 'certification.json'))).toBe(true);
  }, 300_000);

  it('after a failure (a stale expected failure fails the run)', async () => {
    const before = runDirs();
    const r = startRun('CQL-TLS-91', join(reportRoot, 'fail'));
    const code = await r.exit;
    expect(code, r.output()).toBe(1);
    expect(r.output()).toMatch(/FAILED cassandra-node\/CQL-TLS-91\/tls-server\/tls-no-verify: stale deviation/);
    await settle(() => runProcesses().length === 0, 10_000);
    expect(runProcesses()).toEqual([]);
    expect([...runDirs()].filter((d) => !before.has(d))).toEqual([]);
  }, 300_000);

  it('after SIGKILL of the run while Cassandra runs (no cleanup of ours runs: the watchdogs and the reaper do it)', async () => {
    const before = runDirs();
    const r = startRun('CQL-TLS-9', join(reportRoot, 'killed'));
    await settle(() => runProcesses().some((p) => p.includes('CassandraDaemon')) || r.child.exitCode !== null, 180_000);
    expect(
      runProcesses().some((p) => p.includes('CassandraDaemon')),
      r.output(),
    ).toBe(true);
    expect([...runDirs()].filter((d) => !before.has(d)).length, 'the run made its temp dir').toBe(1);
    r.child.kill('SIGKILL');
    expect(await r.exit).toBe('SIGKILL');
    await settle(() => runProcesses().length === 0 && [...runDirs()].every((d) => before.has(d)), 30_000);
    expect(runProcesses()).toEqual([]);
    expect([...runDirs()].filter((d) => !before.has(d))).toEqual([]);
  }, 300_000);

  it('after Ctrl-C while Cassandra runs', async () => {
    const before = runDirs();
    const r = startRun('CQL-TLS-9', join(reportRoot, 'interrupt'));
    // Wait (bounded) until the run's Cassandra JVM is there, then interrupt the run.
    await settle(() => runProcesses().some((p) => p.includes('CassandraDaemon')) || r.child.exitCode !== null, 180_000);
    expect(
      runProcesses().some((p) => p.includes('CassandraDaemon')),
      r.output(),
    ).toBe(true);
    r.child.kill('SIGINT');
    const code = await Promise.race([r.exit, new Promise<string>((res) => setTimeout(() => res('still running'), 60_000))]);
    expect(code).toBe(130);
    await settle(() => runProcesses().length === 0, 15_000);
    expect(runProcesses()).toEqual([]);
    expect([...runDirs()].filter((d) => !before.has(d))).toEqual([]);
  }, 300_000);
});
