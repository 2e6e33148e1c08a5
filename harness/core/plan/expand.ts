// Expansion: requirements (data) → cells. Each requirement yields its cases × the cross product of
// its varied coordinates; the oracle fills in each cell's expectation.
import type { Area, Cell, Check } from './cell.ts';
import { AREAS } from './cell.ts';
import type { Catalogue } from '../../hazelcast/plan/catalogue.ts';
import { loadMatrices, type LoadedMatrices, type RequirementSpec } from '../../hazelcast/plan/load.ts';
import { MatrixError } from './matrix-error.ts';
import { checksOf, clientSetupOf, memberSetupOf } from '../../hazelcast/plan/setups.ts';
import { expectOutcome, OracleError } from '../../hazelcast/oracle/oracle.ts';
import { stableHash } from './fingerprint.ts';

export interface ExpandOptions {
  /** Matrices directory (default: the repository's matrices/). */
  dir?: string;
  /** Already loaded matrices (skips reading the directory). */
  loaded?: LoadedMatrices;
}

function product(vary: [string, string[]][]): Record<string, string>[] {
  let acc: Record<string, string>[] = [{}];
  for (const [key, values] of vary) acc = acc.flatMap((partial) => values.map((v) => ({ ...partial, [key]: v })));
  return acc;
}

function fillTemplate(template: string, coords: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_m, key: string) => coords[key] ?? `{${key}}`);
}

function expandRequirement(area: Area, spec: RequirementSpec, catalogue: Catalogue): Cell[] {
  const cases = spec.cases.length > 0 ? spec.cases : [{}];
  const cells: Cell[] = [];
  cases.forEach((caseCoords, caseIndex) => {
    product(spec.vary).forEach((varied) => {
      const own = { ...caseCoords, ...varied };
      for (const key of Object.keys(varied)) {
        if (key in caseCoords) throw new MatrixError(spec.file, `${spec.path}.cases[${caseIndex}]`, `coordinate ${key} is both in the case and in vary`);
      }
      const coords = { ...catalogue.coordinateDefaults, ...spec.fixed, ...own };
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
      const client = clientSetupOf(coords, catalogue, checks);
      // Parameters: what the requirement states (fixed) and what varies for this cell, in the
      // order written; the id uses only what varies within the requirement.
      const ownKeys = Object.keys(own);
      const idPart = ownKeys.length > 0 ? ownKeys.map((k) => `${k}=${own[k]}`).join(',') : `case-${caseIndex + 1}`;
      cells.push({
        id: `${spec.id}/${idPart}`,
        requirementId: spec.id,
        requirementTitle: spec.title,
        area,
        name: fillTemplate(spec.name, coords),
        source: spec.source,
        parameters: { ...spec.fixed, ...own },
        severity: spec.severity,
        member,
        client,
        checks,
        expected: verdict.expected,
      });
    });
  });
  return cells;
}

/** A --grep pattern: a case-insensitive regular expression, or a plain substring if it is not one. */
function grepMatcher(grep: string): (text: string) => boolean {
  try {
    const re = new RegExp(grep, 'i');
    return (text) => re.test(text);
  } catch {
    const needle = grep.toLowerCase();
    return (text) => text.toLowerCase().includes(needle);
  }
}

/**
 * Every cell of the given areas (all when absent), filtered by grep on id, name, requirement and
 * title. Throws MatrixError for bad data and for duplicate cell ids.
 */
export function expandMatrices(areas?: readonly Area[], grep?: string, options: ExpandOptions = {}): Cell[] {
  const loaded = options.loaded ?? loadMatrices(options.dir);
  for (const a of areas ?? []) if (!AREAS.includes(a)) throw new Error(`unknown area "${a}" (known: ${AREAS.join(', ')})`);
  const match = grep ? grepMatcher(grep) : () => true;
  const cells: Cell[] = [];
  const seen = new Map<string, string>();
  for (const matrix of loaded.areas) {
    if (areas && !areas.includes(matrix.area)) continue;
    for (const spec of matrix.requirements) {
      for (const cell of expandRequirement(matrix.area, spec, loaded.catalogue)) {
        if (seen.has(cell.id)) throw new MatrixError(spec.file, spec.path, `cell id ${cell.id} is produced twice (also by ${seen.get(cell.id)})`);
        seen.set(cell.id, spec.path);
        if (match(`${cell.id} ${cell.name} ${cell.requirementId} ${spec.title}`)) cells.push(cell);
      }
    }
  }
  return cells;
}

/** Requirements of the loaded areas, for reports (titles and sources). */
export function requirementsOf(loaded: LoadedMatrices): { id: string; area: Area; title: string; source: RequirementSpec['source'] }[] {
  return loaded.areas.flatMap((a) => a.requirements.map((r) => ({ id: r.id, area: a.area, title: r.title, source: r.source })));
}

/** Stable hash of all matrix data (catalogue and areas), for reports and certification. */
export function matrixFingerprint(loaded: LoadedMatrices = loadMatrices()): string {
  return stableHash(loaded.raw);
}
