// `secmatrix run --target external` for the CQL areas against a Cassandra the test starts itself
// (CassandraProcess with the `password` configuration of matrices/cql/servers.yaml, its superuser's
// password changed): the cells of that configuration run and pass, every other configuration's cells
// are not applicable with the difference named, the admin password appears in no output or report,
// the run starts and stops nothing of the cluster and leaves no temp dir or adapter behind. A
// malformed --external-config and an address where nothing answers stop the run before any cell.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPki } from '../../../pki/index.ts';
import { cassandraLib } from '../../../harness/cql/cassandra/install.ts';
import { CassandraProcess, type StartedCassandra } from '../../../harness/cql/cassandra/process.ts';
import { cqlPkiRequest } from '../../../harness/cql/pki-request.ts';
import { loadServers } from '../../../harness/cql/plan/load.ts';
import { connectAdmin } from '../../../harness/cql/run/admin.ts';
import { freePort } from '../../../harness/core/util/ports.ts';
import { privateTmp } from '../../support/private-tmp.ts';
import { alive, settle } from '../../support/processes.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SECRET = 'sm-ext-admin-Kq7vX2';
const work = mkdtempSync(join(tmpdir(), 'secmatrix-cql-ext-test-'));
const missing = !cassandraLib() ? 'Cassandra jars not resolved (.ci/setup-cassandra.sh)' : undefined;

// The CLI runs get their own TMPDIR: their leftovers and processes are told apart from other runs'.
const tmp = privateTmp('cql-external');
const runDirs = () => new Set(tmp.leftovers('secmatrix-cql-run-'));
const runProcesses = () => tmp.processes();

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | string | null; output: string }> {
  let output = '';
  const child = spawn(process.execPath, [join(ROOT, 'harness/cli/secmatrix.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, SECMATRIX_FROM_SOURCE: '1', ...tmp.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  // Bounded: a hung run is killed and fails the test.
  const timer = setTimeout(() => child.kill('SIGKILL'), 280_000);
  return new Promise((r) =>
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      r({ code: code ?? signal, output });
    }),
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  tmp.remove();
});

describe.skipIf(!!missing)(`CQL external target against a running Cassandra${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let cluster: StartedCassandra | undefined;
  let clusterDir = '';
  const configFile = join(work, 'cluster-cassandra.yaml');

  beforeAll(async () => {
    const s = loadServers()['password']!;
    const setup = { tls: s.tls, authenticator: s.authenticator, authorizer: s.authorizer };
    const pki = await buildPki(cqlPkiRequest(), { outDir: join(work, 'pki') });
    cluster = await new CassandraProcess()
      .withSetup(setup)
      .withStartupTimeout(180_000)
      .withReadyProbe(async ({ host, nativePort }) => (await connectAdmin(setup, pki, host, nativePort)).close())
      .start();
    clusterDir = dirname(cluster.dir);
    // The operator's superuser has its own password: the suite must take it from the environment.
    const admin = await connectAdmin(setup, pki, cluster.host, cluster.nativePort);
    try {
      await admin.execute(`ALTER ROLE cassandra WITH PASSWORD = '${SECRET}'`);
    } finally {
      await admin.close();
    }
    writeFileSync(configFile, cluster.yaml);
  }, 240_000);

  afterAll(async () => {
    // The test's own Cassandra goes in all cases (its temp dir with it).
    const pid = cluster?.pid;
    await cluster?.stop();
    if (pid) {
      await settle(() => !alive(pid), 10_000);
      expect(alive(pid)).toBe(false);
    }
    if (clusterDir) expect(existsSync(clusterDir)).toBe(false);
  }, 60_000);

  it('runs the cells of the cluster configuration, names the difference for the others, keeps the password out, leaves nothing behind', async () => {
    const before = runDirs();
    const reportDir = join(work, 'reports');
    const r = await cli(
      [
        'run',
        '--only',
        'cql-auth,cql-permissions',
        '--client',
        'cassandra-node',
        '--grep',
        '/CQL-AUTH-0[1-5]\\/|\\/superuser/',
        '--target',
        'external',
        '--external-address',
        `127.0.0.1:${cluster!.nativePort}`,
        '--external-config',
        configFile,
        '--report-dir',
        reportDir,
      ],
      { SECMATRIX_CQL_ADMIN_PASSWORD: SECRET },
    );
    expect(r.code, r.output).toBe(0);
    type Cell = { id: string; status: string; reason?: string; parameters: Record<string, string> };
    const cert = JSON.parse(readFileSync(join(reportDir, 'certification.json'), 'utf8')) as {
      serverVersion: string;
      clients: { requirements: { cells: Cell[] }[] }[];
    };
    expect(cert.serverVersion).toBe(`external cluster at 127.0.0.1:${cluster!.nativePort}`);
    const cells = cert.clients.flatMap((c) => c.requirements.flatMap((q) => q.cells));
    const mine = cells.filter((c) => c.parameters['server'] === 'password');
    const others = cells.filter((c) => c.parameters['server'] !== 'password');
    // CQL-AUTH-01 (6 cases, the superuser's among them: logged in with the environment's password) and
    // the permission cells run by the superuser.
    expect(mine.filter((c) => c.id.includes('/CQL-AUTH-01/')).length).toBe(6);
    expect(mine.filter((c) => c.id.includes('/CQL-PERM-')).length).toBeGreaterThan(10);
    expect(mine.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.status} ${c.reason ?? ''}`)).toEqual([]);
    expect(others.length).toBeGreaterThan(0);
    for (const c of others) {
      expect(c.status, c.id).toBe('not-applicable');
      expect(c.reason, c.id).toMatch(/^the external cluster runs another configuration \(.*cluster-cassandra\.yaml\): the cluster's /);
    }
    expect(others.find((c) => c.parameters['server'] === 'mtls')?.reason).toContain(
      "the cluster's authenticator is PasswordAuthenticator, this cell's server needs MutualTlsAuthenticator",
    );
    expect(others.find((c) => c.parameters['server'] === 'plain')?.reason).toContain(
      "the cluster's authenticator is PasswordAuthenticator, this cell's server needs AllowAllAuthenticator",
    );
    // The password is nowhere: not in the output, not in any report file (Allure results included).
    expect(r.output).not.toContain(SECRET);
    const files = filesUnder(reportDir);
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect(readFileSync(f, 'utf8').includes(SECRET), f).toBe(false);
    // The cluster is not the run's: still running. The run's own things are gone.
    expect(alive(cluster!.pid)).toBe(true);
    await settle(() => runProcesses().length === 0, 10_000);
    expect(runProcesses()).toEqual([]);
    expect([...runDirs()].filter((d) => !before.has(d))).toEqual([]);
  }, 300_000);
});

describe('CQL external target: bad settings stop the run before any cell', () => {
  it('a malformed --external-config names the file and line, exits 1, leaves no temp dir', async () => {
    const before = runDirs();
    const bad = join(work, 'bad-cassandra.yaml');
    writeFileSync(bad, 'cluster_name: x\nauthenticator: PasswordAuthenticator\nclient_encryption_options:\n  enabled: true\n   optional: [\n');
    const r = await cli([
      'run',
      '--only',
      'cql-auth',
      '--client',
      'cassandra-node',
      '--target',
      'external',
      '--external-address',
      '127.0.0.1:9',
      '--external-config',
      bad,
      '--report-dir',
      join(work, 'r-bad'),
    ]);
    expect(r.code, r.output).toBe(1);
    expect(r.output).toContain(`secmatrix: ${bad}:4:`);
    expect(r.output).toMatch(/not valid YAML/);
    expect(r.output).not.toMatch(/cells in|PASS|FAIL/);
    expect([...runDirs()].filter((d) => !before.has(d))).toEqual([]);
  }, 120_000);

  it('an address where nothing answers is an error naming it', async () => {
    const ok = join(work, 'plain-cassandra.yaml');
    writeFileSync(ok, 'authenticator: AllowAllAuthenticator\nclient_encryption_options:\n  enabled: false\n');
    const port = await freePort();
    const r = await cli([
      'run',
      '--only',
      'cql-auth',
      '--client',
      'cassandra-node',
      '--target',
      'external',
      '--external-address',
      `127.0.0.1:${port}`,
      '--external-config',
      ok,
      '--report-dir',
      join(work, 'r-unreachable'),
    ]);
    expect(r.code, r.output).toBe(1);
    expect(r.output).toContain(`secmatrix: --external-address 127.0.0.1:${port}: no Cassandra node answers there (connect ECONNREFUSED`);
    const r2 = await cli(['run', '--only', 'cql-auth', '--target', 'external', '--external-address', 'nohost', '--external-config', ok]);
    expect(r2.code, r2.output).toBe(1);
    expect(r2.output).toContain('--external-address must be HOST:PORT');
  }, 120_000);
});
