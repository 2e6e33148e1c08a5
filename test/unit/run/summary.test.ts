import { describe, expect, it } from 'vitest';
import type { CellResult } from '../../../harness/core/plan/cell.ts';
import { benchFigures } from '../../../harness/core/run/bench-figures.ts';
import { checkRunOptions } from '../../../harness/core/run/conformance-run.ts';
import { hazelcastFamily } from '../../../harness/hazelcast/family.ts';
import { failureLines, summaryTable } from '../../../harness/core/run/summary.ts';

const result = (area: string, status: CellResult['status'], id = `${area}-${status}`) =>
  ({ cell: { id, area } as CellResult['cell'], status, observed: { kind: 'connected' }, durationMs: 1, reason: status === 'failed' ? 'why' : undefined }) as CellResult;

describe('run summary', () => {
  it('counts per area and in total', () => {
    const table = summaryTable([result('tls', 'passed'), result('tls', 'failed'), result('credentials', 'not-applicable')]);
    const rows = table.split('\n').map((l) => l.split(/\s+/));
    expect(rows.find((r) => r[0] === 'tls')).toEqual(['tls', '2', '1', '1', '0', '0', '0']);
    expect(rows.find((r) => r[0] === 'total')).toEqual(['total', '3', '1', '1', '1', '0', '0']);
    expect(failureLines([result('tls', 'failed', 'X')])).toEqual(['FAILED X: why']);
  });

  it('bench figures: medians of positive and negative cells, starts and connections', () => {
    const f = benchFigures(
      [
        { cellId: 'a', status: 'passed', observed: { kind: 'connected' }, durationMs: 100, memberStarted: true, connectionOpened: true },
        { cellId: 'b', status: 'passed', observed: { kind: 'connected' }, durationMs: 300, connectionOpened: true },
        { cellId: 'c', status: 'passed', observed: { kind: 'tls-refused', side: 'client', reason: 'CERT_EXPIRED' }, durationMs: 40, connectionOpened: true },
        { cellId: 'd', status: 'not-applicable', observed: { kind: 'not-applicable', reason: 'x' }, durationMs: 0 },
      ],
      2000,
    );
    expect(f).toEqual({ cells: 4, wallSeconds: 2, memberStarts: 1, clientConnections: 3, medianPositiveMs: 200, medianNegativeMs: 40, medianPositiveRunningMs: 300, medianNegativeRunningMs: 40, medianFirstCellMs: 100 });
  });

  it('unknown areas and targets are clear errors before anything starts', () => {
    expect(() => checkRunOptions({ family: hazelcastFamily, target: 'embedded', areas: ['tls', 'nope'] })).toThrow(/unknown area "nope"/);
    expect(() => checkRunOptions({ family: hazelcastFamily, target: 'moon', areas: ['tls'] })).toThrow(/unknown target "moon"/);
  });
});
