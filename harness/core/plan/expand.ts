// Expansion: requirements (data) → cells. Each requirement yields its cases × the cross product of
// its varied coordinates; the family turns each full coordinate assignment into the cell's sides
// (server setup, client setup, checks) and the oracle's expectation (SystemFamily.expand).
import type { Area, Cell, Check, ClientSetup, ExpectedOutcome } from './cell.ts';
import { MatrixError } from './matrix-error.ts';
import type { AreaMatrix, RequirementSpec } from './requirement.ts';

/** What a family makes of one cell's coordinates. */
export interface CellSides<M> {
  member: M;
  client: ClientSetup;
  checks: Check[];
  expected: ExpectedOutcome;
}

/** Builds a cell's sides from its full coordinates; throws MatrixError (or anything) on bad data. */
export type CellBuilder<M> = (coords: Record<string, string>, spec: RequirementSpec, caseIndex: number) => CellSides<M>;

function product(vary: [string, string[]][]): Record<string, string>[] {
  let acc: Record<string, string>[] = [{}];
  for (const [key, values] of vary) acc = acc.flatMap((partial) => values.map((v) => ({ ...partial, [key]: v })));
  return acc;
}

function fillTemplate(template: string, coords: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_m, key: string) => coords[key] ?? `{${key}}`);
}

function expandRequirement<M>(area: Area, spec: RequirementSpec, defaults: Record<string, string>, build: CellBuilder<M>): Cell<M>[] {
  const cases = spec.cases.length > 0 ? spec.cases : [{}];
  const cells: Cell<M>[] = [];
  cases.forEach((caseCoords, caseIndex) => {
    product(spec.vary).forEach((varied) => {
      const own = { ...caseCoords, ...varied };
      for (const key of Object.keys(varied)) {
        if (key in caseCoords) throw new MatrixError(spec.file, `${spec.path}.cases[${caseIndex}]`, `coordinate ${key} is both in the case and in vary`);
      }
      const coords = { ...defaults, ...spec.fixed, ...own };
      const sides = build(coords, spec, caseIndex);
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
        member: sides.member,
        client: sides.client,
        checks: sides.checks,
        expected: sides.expected,
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

export interface ExpandInput<M> {
  /** The family's area matrices, in its canonical area order. */
  matrices: readonly AreaMatrix[];
  /** Coordinate defaults (the family's defaults file). */
  defaults: Record<string, string>;
  build: CellBuilder<M>;
  /** The family's areas (an unknown area in `areas` is an error). */
  known: readonly Area[];
}

/**
 * Every cell of the given areas (all when absent), filtered by grep on id, name, requirement and
 * title. Throws MatrixError for bad data and for duplicate cell ids.
 */
export function expandAreas<M>(input: ExpandInput<M>, areas?: readonly Area[], grep?: string): Cell<M>[] {
  for (const a of areas ?? []) if (!input.known.includes(a)) throw new Error(`unknown area "${a}" (known: ${input.known.join(', ')})`);
  const match = grep ? grepMatcher(grep) : () => true;
  const cells: Cell<M>[] = [];
  const seen = new Map<string, string>();
  for (const matrix of input.matrices) {
    if (areas && !areas.includes(matrix.area)) continue;
    for (const spec of matrix.requirements) {
      for (const cell of expandRequirement(matrix.area, spec, input.defaults, input.build)) {
        if (seen.has(cell.id)) throw new MatrixError(spec.file, spec.path, `cell id ${cell.id} is produced twice (also by ${seen.get(cell.id)})`);
        seen.set(cell.id, spec.path);
        if (match(`${cell.id} ${cell.name} ${cell.requirementId} ${spec.title}`)) cells.push(cell);
      }
    }
  }
  return cells;
}

/** Requirements of the loaded areas, for reports (titles and sources). */
export function requirementsOf(matrices: readonly AreaMatrix[]): { id: string; area: Area; title: string; source: RequirementSpec['source'] }[] {
  return matrices.flatMap((a) => a.requirements.map((r) => ({ id: r.id, area: a.area, title: r.title, source: r.source })));
}
