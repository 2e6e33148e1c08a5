// The closing table of a run: per area, how many cells passed, failed, were not applicable or skipped.
import type { CellResult, CellStatus } from '../plan/cell.ts';

const COLUMNS: CellStatus[] = ['passed', 'failed', 'not-applicable', 'skipped', 'deviation'];

export function summaryTable(results: readonly CellResult[]): string {
  const areas = [...new Set(results.map((r) => r.cell.area))];
  const rows = [...areas.map((a) => [a, results.filter((r) => r.cell.area === a)] as const), ['total', results] as const];
  const header = ['area', 'cells', ...COLUMNS];
  const body = rows.map(([name, rs]) => [name, String(rs.length), ...COLUMNS.map((s) => String(rs.filter((r) => r.status === s).length))]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The failed cells, one line each, for the end of the output. */
export function failureLines(results: readonly CellResult[]): string[] {
  return results.filter((r) => r.status === 'failed').map((r) => `FAILED ${r.cell.id}: ${r.reason ?? ''}`);
}

/**
 * One plain line that CI readers sum (`.ci/run` adds these to the unit and integration tests' own
 * line): not-applicable cells count as skipped, since they ran nothing.
 */
export function countsLine(results: readonly CellResult[]): string {
  const n = (s: CellStatus) => results.filter((r) => r.status === s).length;
  return `Cells: ${n('passed')} passed, ${n('failed')} failed, ${n('not-applicable') + n('skipped') + n('deviation')} skipped`;
}
