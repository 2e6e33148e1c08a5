// Declared deviations of CQL clients: the suite's one format (harness/core/suite/deviations.ts:
// cell / requirement globs, reason, optional observed), read from an adapter's deviations.yaml and
// from `--deviations` files. CQL cell ids carry the client first (`cassandra-python/CQL-TLS-15/…`);
// the globs match the id without it, so one declaration serves every version of the client.
import { deviationFor, loadDeviations, type Deviation } from '../../core/suite/deviations.ts';
import { describeOutcome, type CqlOutcome } from '../oracle/outcome.ts';
import type { CqlCell } from '../plan/cell.ts';

export type { Deviation };

/** The deviations of one client: its adapter's file, then the run's own files. */
export function clientDeviations(adapterFile: string | undefined, runFiles: readonly string[]): Deviation[] {
  return loadDeviations([...(adapterFile ? [adapterFile] : []), ...runFiles]);
}

/** The declaration covering a cell of a client at a version, if any. */
export function cqlDeviationFor(
  list: readonly Deviation[],
  cell: Pick<CqlCell, 'id' | 'client' | 'requirementId'>,
  clientVersion: string,
): Deviation | undefined {
  return deviationFor(list, { id: cell.id.slice(cell.client.length + 1), requirementId: cell.requirementId }, clientVersion);
}

/** Does the observed outcome match what the declaration says is seen instead (when it says)? */
export function observedAsDeclared(d: Deviation, observed: CqlOutcome): boolean {
  if (!d.observed) return true;
  const want = d.observed.toLowerCase();
  return observed.kind === want || describeOutcome(observed).toLowerCase().startsWith(want);
}
