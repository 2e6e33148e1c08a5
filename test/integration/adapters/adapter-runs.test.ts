// `secmatrix run --client ...` end to end: the Node client as an adapter process certifies exactly as
// the in-process driver (and both land in the interoperability matrix); the official Python client
// runs tls, mutual-auth and credentials; declared deviations are honoured and a stale one fails the run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../../../harness/core/util/tempdir.ts';
import { privateTmp } from '../../support/private-tmp.ts';

const CLI = join(import.meta.dirname, '../../../harness/cli/secmatrix.mjs');
let dir: TempDir;
beforeAll(async () => {
  dir = await makeTempDir('adapter-runs');
});
afterAll(async () => dir?.remove());

const secmatrix = (args: string[], ms: number) =>
  execa(process.execPath, [CLI, ...args], { reject: false, timeout: ms, all: true, env: { CI: process.env['CI'] ?? '' } });
interface Cert {
  client: { name: string; language?: string; adapter?: string; adapterVersion?: string };
  requirements: { id: string; status: string; cells: { name: string; status: string; observed: { kind: string } }[] }[];
}
const cert = (d: string): Cert => JSON.parse(readFileSync(join(d, 'certification.json'), 'utf8')) as Cert;

describe('secmatrix run with adapters', () => {
  it("the Python client's Kerberos cells leave no ticket cache behind (the adapter's caches hold tickets)", async () => {
    const tmp = privateTmp('python-krb5');
    try {
      const out = join(dir.path, 'python-krb');
      const r = await execa(process.execPath, [CLI, 'run', '--client', 'hazelcast-python', '--only', 'realms', '--grep', 'HZ-KRB-001', '--report-dir', out], {
        reject: false,
        timeout: 300_000,
        all: true,
        env: { CI: process.env['CI'] ?? '', ...tmp.env },
      });
      expect(r.exitCode, r.all).toBe(0);
      // Its Kerberos cells are declared deviations (reported as skipped): they ran, with kinit and a cache.
      expect(r.all).toMatch(/Cells: \d+ passed, 0 failed, [1-9]\d* skipped/);
      expect(tmp.processes()).toEqual([]);
      // Ours all start with secmatrix- (tools' caches, such as tsx's, may stay).
      expect(tmp.leftovers('secmatrix-')).toEqual([]);
    } finally {
      tmp.remove();
    }
  }, 320_000);

  it('the Node client as an adapter process gives the in-process certification (credentials), in the interoperability matrix', async () => {
    const out = join(dir.path, 'node-both');
    const r = await secmatrix(['run', '--client', 'hazelcast-node,hazelcast-node-adapter', '--only', 'credentials', '--report-dir', out], 300_000);
    expect(r.exitCode, r.all).toBe(0);
    const inProcess = cert(join(out, 'hazelcast-node'));
    const adapter = cert(join(out, 'hazelcast-node-adapter'));
    expect(adapter.client).toMatchObject({ name: 'hazelcast-node', language: 'javascript', adapter: 'hazelcast-node-adapter', adapterVersion: '1.0.0' });
    const statuses = (c: Cert) =>
      c.requirements.flatMap((q) => [`${q.id}: ${q.status}`, ...q.cells.map((x) => `${q.id} ${x.name}: ${x.status} ${x.observed.kind}`)]);
    expect(statuses(adapter)).toEqual(statuses(inProcess));
    const interop = JSON.parse(readFileSync(join(out, 'interop.json'), 'utf8')) as {
      clients: { label: string }[];
      requirements: { id: string; status: Record<string, { status: string }> }[];
    };
    expect(interop.clients.map((c) => c.label)).toEqual(['hazelcast-node', 'hazelcast-node-adapter']);
    for (const q of interop.requirements) expect(q.status['hazelcast-node-adapter']?.status, q.id).toBe(q.status['hazelcast-node']?.status);
    expect(readFileSync(join(out, 'interop.html'), 'utf8')).toContain('<table>');
  }, 320_000);

  it('the official Python client passes tls, mutual-auth and credentials (with its declared deviations)', async () => {
    const out = join(dir.path, 'python');
    const r = await secmatrix(['run', '--client', 'hazelcast-python', '--only', 'tls,mutual-auth,credentials', '--report-dir', out], 600_000);
    expect(r.exitCode, r.all).toBe(0);
    const c = cert(out);
    expect(c.client).toMatchObject({ name: 'hazelcast-python', language: 'python', adapter: 'hazelcast-python' });
    const cells = c.requirements.flatMap((q) => q.cells);
    expect(cells.filter((x) => x.status === 'failed')).toEqual([]);
    // The Python-only options are real cells here: key password as bytes / callables, SSLv2/SSLv3 pins.
    const passed = cells
      .filter((x) => x.status === 'passed')
      .map((x) => x.name)
      .join('\n');
    expect(passed).toMatch(/given as callable-bytes/);
    expect(passed).toMatch(/given as bytes/);
    expect(passed).toMatch(/SSLv3/);
    expect(readFileSync(join(out, 'certification.md'), 'utf8')).toContain('## Deviations');
  }, 620_000);

  it('declared deviations are honoured, and a stale one fails the run', async () => {
    const grep = 'HZ-TLS-001/memberProtocol=TLSv1.3';
    const out = join(dir.path, 'deviations');
    const ok = await secmatrix(['run', '--client', 'hazelcast-python', '--only', 'tls', '--grep', grep, '--report-dir', out], 300_000);
    expect(ok.exitCode, ok.all).toBe(0);
    const cells = cert(out).requirements.flatMap((q) => q.cells);
    expect(cells.filter((x) => x.status === 'deviation').length).toBe(3);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('deviation (declared)');
    // A deviation declared for a cell that passes is stale: the run fails and says so.
    const file = join(dir.path, 'stale.yaml');
    writeFileSync(file, "deviations:\n  - cell: 'HZ-TLS-001/memberProtocol=TLSv1.3,clientVersion=TLSv1.3'\n    reason: fixed long ago\n");
    const stale = await secmatrix(
      ['run', '--client', 'hazelcast-python', '--only', 'tls', '--grep', grep, '--deviations', file, '--report-dir', join(dir.path, 'stale')],
      300_000,
    );
    expect(stale.exitCode).toBe(1);
    expect(stale.all).toMatch(/PROBLEM stale declared deviation .*stale\.yaml#0: fixed long ago/);
    // A malformed file stops the run before anything starts, naming file and path.
    writeFileSync(file, "deviations:\n  - cell: 'x'\n");
    const bad = await secmatrix(['run', '--client', 'hazelcast-python', '--only', 'tls', '--deviations', file, '--report-dir', join(dir.path, 'bad')], 120_000);
    expect(bad.exitCode).toBe(1);
    expect(bad.all).toContain('stale.yaml: deviations[0].reason: required');
  }, 720_000);
});
