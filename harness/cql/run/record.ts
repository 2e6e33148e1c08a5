// What a CQL cell's test leaves in vitest's task meta for the run (plain JSON, redacted).
import type { CqlOutcome } from '../oracle/outcome.ts';

export type CqlCellStatus = 'passed' | 'failed' | 'not-applicable' | 'deviation' | 'skipped';

export interface CqlCellRecord {
  cellId: string;
  status: CqlCellStatus;
  expected: CqlOutcome;
  observed: CqlOutcome;
  reason?: string;
  durationMs: number;
  evidence?: Record<string, string>;
}

/** The same key as the Hazelcast suites, so the run's collector picks the records up. */
export const CQL_META_KEY = 'secmatrixCell';

/** Run-level figures the suite writes for the runner (server starts and their cost). */
export const STATS_FILE = 'cql-stats.json';
