// How cell statuses roll up into a requirement's status. Nothing passes by omission:
//   1. any cell failed                         → failed
//   2. else any cell skipped (not run)         → skipped   (the requirement is not fully shown)
//   2b. else any declared deviation            → deviation (never passed)
//   3. else at least one cell passed           → passed    (the others were not applicable)
//   4. else (all not applicable, or no cells)  → not-applicable
import type { CellResult, CellStatus } from '../harness/core/plan/cell.ts';

export interface StatusCounts {
  passed: number;
  failed: number;
  notApplicable: number;
  skipped: number;
  deviation: number;
}

export function countStatuses(statuses: readonly CellStatus[]): StatusCounts {
  const c: StatusCounts = { passed: 0, failed: 0, notApplicable: 0, skipped: 0, deviation: 0 };
  for (const s of statuses) {
    if (s === 'passed') c.passed++;
    else if (s === 'failed') c.failed++;
    else if (s === 'skipped') c.skipped++;
    else if (s === 'deviation') c.deviation++;
    else c.notApplicable++;
  }
  return c;
}

export function rollUp(statuses: readonly CellStatus[]): CellStatus {
  const c = countStatuses(statuses);
  if (c.failed > 0) return 'failed';
  if (c.skipped > 0) return 'skipped';
  if (c.deviation > 0) return 'deviation';
  if (c.passed > 0) return 'passed';
  return 'not-applicable';
}

/** A one-line reason for a requirement's status, naming the cells that decided it. */
export function rollUpReason(results: readonly CellResult[]): string {
  const c = countStatuses(results.map((r) => r.status));
  const names = (s: CellStatus) => results.filter((r) => r.status === s).map((r) => r.cell.name);
  const parts = [
    `${c.passed} passed`,
    `${c.failed} failed`,
    `${c.notApplicable} not applicable`,
    `${c.skipped} skipped`,
    `${c.deviation} deviation (declared)`,
  ].filter((p) => !p.startsWith('0 '));
  const summary = `${results.length} cells: ${parts.join(', ') || 'none'}`;
  if (c.failed > 0) return `${summary}; failed: ${names('failed').join('; ')}`;
  if (c.skipped > 0) return `${summary}; not run: ${names('skipped').join('; ')}`;
  if (c.passed === 0 && c.notApplicable > 0) {
    const reasons = [...new Set(results.map((r) => r.reason).filter(Boolean))];
    return `${summary}; ${reasons.join('; ') || 'not applicable'}`;
  }
  return summary;
}
