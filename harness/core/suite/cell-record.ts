// What a cell's test leaves in vitest's task meta for the reporters (certification, JUnit):
// plain JSON, already redacted.
import type { CellStatus, Evidence, Outcome } from '../plan/cell.ts';

export interface CellRecord {
  cellId: string;
  status: CellStatus;
  observed: Outcome;
  reason?: string;
  durationMs: number;
  evidence?: Evidence;
  /** The declared deviation matching this cell ("file#index: reason"); stale when the cell passed. */
  deviation?: string;
  /** This cell started a member / opened a client connection (for the benchmark's cost figures). */
  memberStarted?: boolean;
  connectionOpened?: boolean;
}

export const META_KEY = 'secmatrixCell';
