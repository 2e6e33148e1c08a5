// The benchmark's figures from a run's cell records: what the cost of the matrix is made of.
import type { CellRecord } from '../suite/cell-record.ts';

export interface BenchFigures {
  cells: number;
  wallSeconds: number;
  memberStarts: number;
  clientConnections: number;
  medianPositiveMs: number | undefined;
  medianNegativeMs: number | undefined;
  /**
   * The same medians over cells whose member was already running: what a cell itself costs (a
   * group's first cell also pays its member's start, which is counted in memberStarts instead).
   */
  medianPositiveRunningMs: number | undefined;
  medianNegativeRunningMs: number | undefined;
  /** Median of the cells that started their member (member start + the cell). */
  medianFirstCellMs: number | undefined;
}

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function benchFigures(records: readonly CellRecord[], wallMs: number): BenchFigures {
  const ran = records.filter((r) => r.status === 'passed' || r.status === 'failed');
  // Positive: the client got in; negative: it was refused (TLS or authentication) as the cell tested.
  const isPositive = (r: CellRecord) => r.observed.kind === 'connected' || r.observed.kind === 'access-denied';
  const isNegative = (r: CellRecord) => r.observed.kind === 'tls-refused' || r.observed.kind === 'auth-refused';
  const positive = ran.filter(isPositive).map((r) => r.durationMs);
  const negative = ran.filter(isNegative).map((r) => r.durationMs);
  const running = ran.filter((r) => !r.memberStarted);
  return {
    cells: records.length,
    wallSeconds: wallMs / 1000,
    memberStarts: records.filter((r) => r.memberStarted).length,
    clientConnections: records.filter((r) => r.connectionOpened).length,
    medianPositiveMs: median(positive),
    medianNegativeMs: median(negative),
    medianPositiveRunningMs: median(running.filter(isPositive).map((r) => r.durationMs)),
    medianNegativeRunningMs: median(running.filter(isNegative).map((r) => r.durationMs)),
    medianFirstCellMs: median(ran.filter((r) => r.memberStarted).map((r) => r.durationMs)),
  };
}
