// The benchmark's figures from a run's cell records: what the cost of the matrix is made of.
import type { CellRecord } from '../suite/cell-record.ts';

export interface BenchFigures {
  cells: number;
  wallSeconds: number;
  memberStarts: number;
  clientConnections: number;
  medianPositiveMs: number | undefined;
  medianNegativeMs: number | undefined;
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
  const positive = ran.filter((r) => r.observed.kind === 'connected' || r.observed.kind === 'access-denied').map((r) => r.durationMs);
  const negative = ran.filter((r) => r.observed.kind === 'tls-refused' || r.observed.kind === 'auth-refused').map((r) => r.durationMs);
  return {
    cells: records.length,
    wallSeconds: wallMs / 1000,
    memberStarts: records.filter((r) => r.memberStarted).length,
    clientConnections: records.filter((r) => r.connectionOpened).length,
    medianPositiveMs: median(positive),
    medianNegativeMs: median(negative),
  };
}
