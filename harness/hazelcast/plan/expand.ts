// The Hazelcast family's expansion: its matrices (matrices/hazelcast) → cells, with the member and
// client setups of each cell and the oracle's expectation. The generic part is harness/core/plan.
import type { Check } from '../../core/plan/cell.ts';
import { expandAreas, type CellBuilder } from '../../core/plan/expand.ts';
import { stableHash } from '../../core/plan/fingerprint.ts';
import { MatrixError } from '../../core/plan/matrix-error.ts';
import { HAZELCAST_AREAS, type HazelcastArea, type HazelcastCell, type MemberSetup } from '../model.ts';
import { expectOutcome, OracleError } from '../oracle/oracle.ts';
import type { Catalogue } from './catalogue.ts';
import { loadMatrices, type LoadedMatrices } from './load.ts';
import { checksOf, clientSetupOf, memberSetupOf } from './setups.ts';

export interface ExpandOptions {
  /** Matrices directory (default: the repository's matrices/hazelcast). */
  dir?: string;
  /** Already loaded matrices (skips reading the directory). */
  loaded?: LoadedMatrices;
}

/** One cell's member, client, checks and expectation from its coordinates. */
export function hazelcastCellBuilder(catalogue: Catalogue): CellBuilder<MemberSetup> {
  return (coords, spec, caseIndex) => {
    const member = memberSetupOf(coords, catalogue);
    const checksWithoutExpect = checksOf(coords, catalogue);
    let verdict;
    try {
      verdict = expectOutcome({ member, client: clientSetupOf(coords, catalogue, []), checks: checksWithoutExpect }, catalogue);
    } catch (err) {
      if (err instanceof OracleError) throw new MatrixError(spec.file, `${spec.path}.cases[${caseIndex}]`, err.message);
      throw err;
    }
    const checks: Check[] = checksWithoutExpect.map((c) => ({ ...c, expect: verdict.checkExpectations[c.id] ?? 'granted' }));
    return { member, client: clientSetupOf(coords, catalogue, checks), checks, expected: verdict.expected };
  };
}

/**
 * Every Hazelcast cell of the given areas (all when absent), filtered by grep on id, name,
 * requirement and title. Throws MatrixError for bad data and for duplicate cell ids.
 */
export function expandMatrices(areas?: readonly HazelcastArea[] | readonly string[], grep?: string, options: ExpandOptions = {}): HazelcastCell[] {
  const loaded = options.loaded ?? loadMatrices(options.dir);
  return expandAreas(
    { matrices: loaded.areas, defaults: loaded.catalogue.coordinateDefaults, build: hazelcastCellBuilder(loaded.catalogue), known: HAZELCAST_AREAS },
    areas,
    grep,
  );
}

export { requirementsOf } from '../../core/plan/expand.ts';

/** Stable hash of all matrix data (catalogue and areas), for reports and certification. */
export function matrixFingerprint(loaded: LoadedMatrices = loadMatrices()): string {
  return stableHash(loaded.raw);
}
