// A vendor's CQL adapter, given by path, runs the matrix against the real Cassandra beside a shipped
// client; a malformed --deviations file stops the run before anything starts, saying where and why.
import { execa } from 'execa';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cassandraLib } from '../../../harness/cql/cassandra/install.ts';
import { REPO_ROOT } from '../../../harness/core/util/repo-root.ts';

const FIXTURES = join(REPO_ROOT, 'test/integration/cql/fixtures');
const VENDOR = join(FIXTURES, 'vendor-cql/adapter');
const scratch = mkdtempSync(join(tmpdir(), 'secmatrix-cql-vendor-'));
const missing = cassandraLib() ? undefined : 'Cassandra jars not resolved (.ci/setup-cassandra.sh)';

function run(args: string[]) {
  return execa(process.execPath, [join(REPO_ROOT, 'harness/cli/secmatrix.mjs'), 'run', '--only', 'cql-tls', ...args], {
    cwd: REPO_ROOT,
    env: { SECMATRIX_CQL_MATRICES: join(FIXTURES, 'matrices') },
    reject: false,
    all: true,
    timeout: 280_000,
  });
}

describe.skipIf(!!missing)(`a vendor CQL adapter${missing ? ` (skipped: ${missing})` : ''}`, () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('runs by path beside a shipped client; its cells carry its folder name and its declared profile', async () => {
    const r = await run(['--client', `${VENDOR},cassandra-node`, '--grep', 'CQL-TLS-90', '--report-dir', join(scratch, 'ok')]);
    expect(r.exitCode, r.all).toBe(0);
    expect(r.all).toMatch(/vendor-cql\s+cql-tls\s+1\s+1\s+0/);
    expect(r.all).toMatch(/cassandra-node\s+cql-tls\s+1\s+1\s+0/);
    expect(r.all).toMatch(/Cassandra starts: 1 for 1 server configurations/);
    // The certification names each client with the version its adapter said at hello.
    const cert = JSON.parse(readFileSync(join(scratch, 'ok', 'certification.json'), 'utf8')) as { clients: { client: { name: string; version: string } }[] };
    const nodeVersion = (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules/cassandra-driver/package.json'), 'utf8')) as { version: string }).version;
    expect(cert.clients.map((c) => c.client)).toEqual([
      { name: 'vendor-cql', version: nodeVersion },
      { name: 'cassandra-node', version: nodeVersion },
    ]);
  }, 300_000);

  it('a malformed --deviations file is an error naming the file and entry, before Cassandra starts', async () => {
    const bad = join(scratch, 'bad-deviations.yaml');
    writeFileSync(bad, 'deviations:\n  - cell: "CQL-TLS-90/*"\n');
    const r = await run(['--client', 'cassandra-node', '--grep', 'CQL-TLS-90', '--deviations', bad, '--report-dir', join(scratch, 'bad')]);
    expect(r.exitCode).not.toBe(0);
    expect(r.all).toContain(`${bad}: deviations[0].reason: required`);
    expect(r.all).not.toMatch(/Cassandra starts/);
  }, 120_000);

  it("a vendor adapter's malformed error map is an error naming the file and rule, before Cassandra starts", async () => {
    const dir = join(scratch, 'broken-map');
    mkdirSync(dir);
    copyFileSync(VENDOR, join(dir, 'adapter'));
    chmodSync(join(dir, 'adapter'), 0o755);
    copyFileSync(join(FIXTURES, 'vendor-cql/client-profile.yaml'), join(dir, 'client-profile.yaml'));
    writeFileSync(join(dir, 'error-map.yaml'), 'rules:\n  - { when: { klass: Auth }, outcome: auth-refused }\n');
    const r = await run(['--client', join(dir, 'adapter'), '--grep', 'CQL-TLS-90', '--report-dir', join(scratch, 'broken')]);
    expect(r.exitCode).not.toBe(0);
    expect(r.all).toContain(`${join(dir, 'error-map.yaml')}: rules[0]: when.klass: unknown key`);
    expect(r.all).not.toMatch(/Cassandra starts/);
  }, 120_000);

  it('a --deviations entry covers its client versions only: for this version it is stale, for another one it is silent', async () => {
    // The fixture's CQL-TLS-90 passes, so a declaration for it is stale (the run fails)...
    const any = join(scratch, 'any-version.yaml');
    writeFileSync(any, "deviations:\n  - { cell: 'CQL-TLS-90/*', reason: 'declared for the test' }\n");
    const stale = await run(['--client', 'cassandra-node', '--grep', 'CQL-TLS-90', '--deviations', any, '--report-dir', join(scratch, 'stale')]);
    expect(stale.exitCode, stale.all).toBe(1);
    expect(stale.all).toMatch(/FAILED cassandra-node\/CQL-TLS-90\/tls-server\/plaintext: stale deviation/);
    // ...unless it names versions this client is not.
    const other = join(scratch, 'other-version.yaml');
    writeFileSync(other, "deviations:\n  - { cell: 'CQL-TLS-90/*', reason: 'declared for the test', versions: '0.0.*' }\n");
    const r = await run(['--client', 'cassandra-node', '--grep', 'CQL-TLS-90', '--deviations', other, '--report-dir', join(scratch, 'other')]);
    expect(r.exitCode, r.all).toBe(0);
    expect(r.all).not.toMatch(/stale deviation/);
  }, 600_000);
});
