// The diff's classification rules on small certification reports (the real-directory cases are in
// test/integration/reports/diff.test.ts): what counts as a regression, a fix, another change; the
// order; matching reports that carry no cell ids.
import { describe, expect, it } from 'vitest';
import type { Certification, CertificationCell } from '../../../reports/certification.ts';
import { compareCertifications } from '../../../reports/diff.ts';
import { renderDiffHtml, renderDiffMarkdown } from '../../../reports/diff-render.ts';

const connected = { kind: 'connected' } as const;
const refused = { kind: 'auth-refused', status: 'CREDENTIALS_FAILED' } as const;

function cell(
  id: string,
  status: CertificationCell['status'],
  observed: CertificationCell['observed'] = connected,
  expected: CertificationCell['expected'] = { ...connected, because: 'rule' },
): CertificationCell {
  return { id, name: `name of ${id}`, parameters: { p: id }, expected, observed, status };
}

function cert(cells: Array<[string, CertificationCell[]]>, fingerprint = 'f1'): Certification {
  return {
    system: 'Hazelcast',
    serverVersion: 'v',
    client: { name: 'c', version: '1' },
    suiteVersion: '0.1.0',
    matrixFingerprint: fingerprint,
    findings: [],
    totals: {
      cells: 0,
      requirements: 0,
      cellStatus: { passed: 0, failed: 0, notApplicable: 0, skipped: 0, deviation: 0 },
      requirementStatus: { passed: 0, failed: 0, notApplicable: 0, skipped: 0, deviation: 0 },
    },
    requirements: cells.map(([id, cs]) => ({ id, title: `title ${id}`, source: { document: 'd', section: 's' }, status: 'passed', reason: '', cells: cs })),
  };
}

const side = (c: Certification) => ({ file: 'x/certification.json', cert: c });

describe('compareCertifications', () => {
  const old = cert([
    [
      'R-1',
      [
        cell('R-1/a', 'passed'),
        cell('R-1/b', 'failed', refused),
        cell('R-1/c', 'not-applicable', { kind: 'not-applicable', reason: 'no' }),
        cell('R-1/gone', 'passed'),
      ],
    ],
    ['R-2', [cell('R-2/a', 'passed'), cell('R-2/same', 'passed'), cell('R-2/other', 'failed', refused)]],
  ]);
  const now = cert([
    [
      'R-1',
      [cell('R-1/a', 'failed', refused), cell('R-1/b', 'passed'), cell('R-1/c', 'failed', { kind: 'error', message: 'boom' }), cell('R-1/added', 'passed')],
    ],
    [
      'R-2',
      [cell('R-2/a', 'failed', { kind: 'error', message: 'x' }), cell('R-2/same', 'passed'), cell('R-2/other', 'failed', { kind: 'error', message: 'other' })],
    ],
  ]);
  const d = compareCertifications('', side(old), side(now));

  it('classifies: now failed (from passed or not applicable) is a regression, failed → passed a fix', () => {
    const of = (k: string) => d.changes.filter((c) => c.kind === k).map((c) => c.id);
    expect(of('regression')).toEqual(['R-1/a', 'R-1/c', 'R-2/a']);
    expect(of('fix')).toEqual(['R-1/b']);
    // Still failing, but observed otherwise: a change worth seeing, not a regression.
    expect(of('changed')).toEqual(['R-2/other']);
    expect(of('new')).toEqual(['R-1/added']);
    expect(of('removed')).toEqual(['R-1/gone']);
    expect(d.counts).toEqual({ regression: 3, fix: 1, changed: 1, new: 1, removed: 1, unchanged: 1 });
  });

  it('orders by kind, then by requirement', () => {
    expect(d.changes.map((c) => `${c.kind}:${c.id}`)).toEqual([
      'regression:R-1/a',
      'regression:R-1/c',
      'regression:R-2/a',
      'fix:R-1/b',
      'changed:R-2/other',
      'new:R-1/added',
      'removed:R-1/gone',
    ]);
  });

  it('sees a changed expectation', () => {
    const e = compareCertifications(
      '',
      side(cert([['R', [cell('R/a', 'passed')]]])),
      side(cert([['R', [cell('R/a', 'passed', refused, { ...refused, because: 'r' })]]], 'f2')),
    );
    expect(e.changes[0]).toMatchObject({ kind: 'changed', differs: ['observed', 'expected'] });
    expect(e.notes.join()).toMatch(/matrices differ/);
  });

  it('matches reports without cell ids by requirement and name (and says so)', () => {
    const legacy = cert([['R', [{ ...cell('R/a', 'passed'), id: undefined as unknown as string }]]]);
    const e = compareCertifications('', side(legacy), side(cert([['R', [cell('R/a', 'failed', refused)]]])));
    expect(e.changes.map((c) => c.kind)).toEqual(['regression']);
    expect(e.notes.join()).toMatch(/without cell ids/);
  });

  it('renders Markdown and HTML with regressions first, escaping what it shows', () => {
    const rd = { oldDir: '/o', newDir: '/n', comparisons: [d], counts: d.counts, regression: true };
    const md = renderDiffMarkdown(rd);
    expect(md.indexOf('Regressions')).toBeLessThan(md.indexOf('Fixes'));
    expect(md.indexOf('Fixes')).toBeLessThan(md.indexOf('New cells'));
    expect(md.indexOf('New cells')).toBeLessThan(md.indexOf('Removed cells'));
    const html = renderDiffHtml({ ...rd, newDir: '/n<script>' });
    expect(html).toContain('/n&lt;script&gt;');
    expect(html).not.toContain('<script>');
  });
});
