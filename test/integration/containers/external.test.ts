// The external target: a cluster already running (here the reference member, started by the test
// from a file) given by address and its configuration file. Cells of that configuration run and
// pass; every other cell is not applicable, never run against the wrong member.
import { join } from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMemberConfig } from '../../../harness/hazelcast/reference-member/config/parse.ts';
import { startReferenceMember, type RunningMember } from '../../../harness/hazelcast/reference-member/server.ts';
import { expandMatrices, planGroups } from '../../../harness/hazelcast/plan/index.ts';
import { renderMemberConfig } from '../../../harness/hazelcast/render/index.ts';
import { freePort } from '../../../harness/core/util/ports.ts';
import { makeTempDir, type TempDir } from '../../../harness/core/util/tempdir.ts';

const CLI = join(import.meta.dirname, '../../../harness/cli/secmatrix.mjs');
let dir: TempDir;
let member: RunningMember | undefined;
let port = 0;
let groupSize = 0;

beforeAll(async () => {
  dir = await makeTempDir('external');
  // A credentials configuration without TLS (its stores would be the run's own PKI otherwise).
  const cells = expandMatrices(['credentials']);
  const group = planGroups(cells).find((g) => !g.cells[0]!.member.ssl)!;
  groupSize = group.cells.length;
  port = await freePort();
  const noStores = { keyStore: () => { throw new Error('no stores'); }, trustStore: () => { throw new Error('no stores'); } };
  await writeFile(join(dir.path, 'hazelcast.xml'), renderMemberConfig(group.cells[0]!.member, noStores, { port }).xml);
  member = await startReferenceMember({ config: await loadMemberConfig(join(dir.path, 'hazelcast.xml')), port, host: '127.0.0.1' });
});
afterAll(async () => {
  await member?.stop();
  await dir?.remove();
});

describe('secmatrix run --target external', () => {
  it('runs the cells of the cluster\'s configuration and reports the others not applicable', async () => {
    const out = join(dir.path, 'out');
    const r = await execa(process.execPath, [CLI, 'run', '--target', 'external', '--external-address', `127.0.0.1:${port}`, '--external-config', join(dir.path, 'hazelcast.xml'), '--server-version', 'test-cluster', '--only', 'credentials', '--report-dir', out], { reject: false, timeout: 240_000, all: true });
    expect(r.exitCode, r.all?.slice(-3000)).toBe(0);
    const cert = JSON.parse(await readFile(join(out, 'certification.json'), 'utf8')) as { serverVersion: string; requirements: Array<{ cells: Array<{ status: string }> }> };
    expect(cert.serverVersion).toBe(`test-cluster at 127.0.0.1:${port}`);
    const statuses = cert.requirements.flatMap((q) => q.cells.map((c) => c.status));
    expect(statuses.filter((s) => s === 'passed')).toHaveLength(groupSize);
    expect(statuses.filter((s) => s !== 'passed').every((s) => s === 'not-applicable')).toBe(true);
  }, 260_000);

  it('needs both the address and the configuration file', async () => {
    const r = await execa(process.execPath, [CLI, 'run', '--target', 'external', '--only', 'credentials', '--report-dir', join(dir.path, 'x')], { reject: false, timeout: 60_000, all: true });
    expect(r.exitCode).toBe(1);
    expect(r.all).toContain('--external-address HOST:PORT and --external-config FILE');
  }, 70_000);
});
