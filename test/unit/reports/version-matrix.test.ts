// The version matrix from per-version certification reports: statuses per requirement and cell,
// where versions differ, a version whose run failed, and the three renderings.
import { describe, expect, it } from 'vitest';
import type { Certification, CertificationCell } from '../../../reports/certification.ts';
import { buildVersionMatrix, renderVersionMatrixHtml, renderVersionMatrixMarkdown } from '../../../reports/version-matrix.ts';

const cell = (id: string, status: CertificationCell['status'], observed: CertificationCell['observed'] = { kind: 'connected' }): CertificationCell => ({
  id,
  name: `cell ${id}`,
  parameters: {},
  expected: { kind: 'connected', because: 'r' },
  observed,
  status,
});

function cert(version: string, rs: Array<[string, CertificationCell['status'], CertificationCell[]]>): Certification {
  const zero = { passed: 0, failed: 0, notApplicable: 0, skipped: 0, deviation: 0 };
  return {
    system: 'Hazelcast',
    serverVersion: `server ${version}`,
    client: { name: 'c', version: '1' },
    suiteVersion: '0.1.0',
    matrixFingerprint: 'f',
    findings: [],
    totals: { cells: 0, requirements: 0, cellStatus: zero, requirementStatus: zero },
    requirements: rs.map(([id, status, cells]) => ({ id, title: `title ${id}`, source: { document: 'd', section: 's' }, status, reason: '', cells })),
  };
}

describe('version matrix', () => {
  const m = buildVersionMatrix([
    {
      version: '5.4.2',
      reportDir: '5.4.2',
      cert: cert('5.4.2', [
        ['R-1', 'passed', [cell('R-1/a', 'passed'), cell('R-1/b', 'passed')]],
        ['R-2', 'passed', [cell('R-2/a', 'passed')]],
      ]),
    },
    {
      version: '5.5.0',
      reportDir: '5.5.0',
      cert: cert('5.5.0', [
        ['R-1', 'failed', [cell('R-1/a', 'passed'), cell('R-1/b', 'failed', { kind: 'auth-refused', status: 'CREDENTIALS_FAILED' })]],
        ['R-2', 'passed', [cell('R-2/a', 'passed')]],
      ]),
    },
    { version: '5.6.0', reportDir: '5.6.0', error: 'image not found' },
  ]);

  it("holds each requirement's and cell's status per version, and marks where versions differ", () => {
    expect(m.versions.map((v) => [v.version, v.serverVersion ?? v.error])).toEqual([
      ['5.4.2', 'server 5.4.2'],
      ['5.5.0', 'server 5.5.0'],
      ['5.6.0', 'image not found'],
    ]);
    const r1 = m.requirements.find((r) => r.id === 'R-1')!;
    expect(r1.statuses).toEqual({ '5.4.2': { status: 'passed', failed: 0, cells: 2 }, '5.5.0': { status: 'failed', failed: 1, cells: 2 } });
    expect(r1.differs).toBe(true);
    expect(r1.cells.find((c) => c.id === 'R-1/b')!.differs).toBe(true);
    expect(r1.cells.find((c) => c.id === 'R-1/a')!.statuses['5.6.0']).toBeUndefined();
    expect(m.totals['5.5.0']!.cells.failed).toBe(1);
  });

  it('renders Markdown (requirements, then the cells that differ or fail) and HTML', () => {
    const md = renderVersionMatrixMarkdown(m);
    expect(md).toContain('| Requirement | 5.4.2 | 5.5.0 | 5.6.0 |');
    expect(md).toMatch(/\*\*R-1\*\* — title R-1 \| ✅ passed \| ❌ 1\/2 failed \| — \|/);
    expect(md).toContain('run failed: image not found');
    expect(md).toMatch(/cell R-1\/b .*❌ authentication refused \(CREDENTIALS_FAILED\)/);
    expect(md).not.toMatch(/### R-2/);
    const html = renderVersionMatrixHtml(m);
    expect(html).toContain('<th>5.5.0</th>');
    expect(html).toMatch(/<tr class="differs"><td><details><summary><b>R-1<\/b>/);
  });
});
