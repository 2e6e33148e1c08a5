// A run over two server versions writes the version matrix. Hazelcast Enterprise cannot run here,
// so the two "versions" are the reference member image of this tree and the same image under a
// second tag (`reference@TAG`): two real container runs, each reported in its own directory.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReferenceMemberImage, REFERENCE_MEMBER_REPO } from '../../../harness/core/containers/images.ts';
import { makeTempDir, type TempDir } from '../../../harness/core/util/tempdir.ts';
import type { VersionMatrix } from '../../../reports/version-matrix.ts';
import { NO_ENGINE, engineSkipReason } from './engine-gate.ts';

const CLI = join(import.meta.dirname, '../../../harness/cli/secmatrix.mjs');
const TAG = `version-matrix-test-${process.pid}`;
let dir: TempDir;
let tagged = false;

beforeAll(async () => {
  dir = await makeTempDir('version-matrix');
  if (NO_ENGINE) return;
  const { image } = await buildReferenceMemberImage(() => undefined);
  await execa('podman', ['tag', image, `${REFERENCE_MEMBER_REPO}:${TAG}`]);
  tagged = true;
}, 300_000);
afterAll(async () => {
  if (tagged) await execa('podman', ['untag', `${REFERENCE_MEMBER_REPO}:${TAG}`], { reject: false });
  await dir?.remove();
});

describe.skipIf(!!NO_ENGINE)(`secmatrix run --server-version reference,reference@TAG ${engineSkipReason}`, () => {
  it('runs both versions in containers and writes the version matrix (Markdown, JSON, HTML) in the report root', async () => {
    const out = join(dir.path, 'out');
    const versions = ['reference', `reference@${TAG}`];
    const r = await execa(
      process.execPath,
      [CLI, 'run', '--target', 'container', '--server-version', versions.join(','), '--only', 'credentials', '--grep', 'HZ-AUTH-001', '--report-dir', out],
      { reject: false, timeout: 400_000, all: true },
    );
    expect(r.exitCode, r.all?.slice(-3000)).toBe(0);
    for (const v of versions) expect(existsSync(join(out, v, 'certification.json')), v).toBe(true);
    const tagCert = JSON.parse(readFileSync(join(out, versions[1]!, 'certification.json'), 'utf8')) as { serverVersion: string };
    expect(tagCert.serverVersion).toContain(`${REFERENCE_MEMBER_REPO}:${TAG}`);
    const m = JSON.parse(readFileSync(join(out, 'version-matrix.json'), 'utf8')) as VersionMatrix;
    expect(m.versions.map((v) => v.version)).toEqual(versions);
    const req = m.requirements.find((q) => q.id === 'HZ-AUTH-001')!;
    expect(versions.map((v) => req.statuses[v]?.status)).toEqual(['passed', 'passed']);
    expect(req.cells.length).toBe(4);
    expect(req.differs).toBe(false);
    const md = readFileSync(join(out, 'version-matrix.md'), 'utf8');
    expect(md).toMatch(new RegExp(`\\| Requirement \\| reference \\| reference@${TAG} \\|`));
    expect(readFileSync(join(out, 'version-matrix.html'), 'utf8')).toContain('<h1>Version matrix</h1>');
    expect(r.all).toContain('version matrix (requirements × reference, reference@');
  }, 420_000);
});
