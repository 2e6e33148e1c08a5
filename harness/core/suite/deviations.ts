// Declared deviations (expected failures): a vendor's, or an adapter's own deviations.yaml. A cell
// that fails as declared is reported "deviation" (never passed); a declared deviation whose cells
// now pass is stale and fails the run, so a fixed bug gets noticed (BoGo, tlsfuzzer).
// Format:
//   deviations:
//     - cell: 'HZ-TLS-001/memberProtocol=TLSv1.3,*'   # glob(s) on cell ids, or
//       requirement: 'HZ-TLS-00?'                     # glob(s) on requirement ids
//       reason: why this client deviates (required)
//       observed: tls-refused                         # optional: the outcome seen instead (kind or text prefix)
//       versions: '3.30.*'                            # optional: glob(s) on the client version it applies to
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describeOutcome } from '../oracle/judge.ts';
import type { Cell, Outcome } from '../plan/cell.ts';

export interface Deviation {
  /** file#index, for messages. */
  where: string;
  cell: RegExp[];
  requirement: RegExp[];
  reason: string;
  observed?: string;
  /** Client versions it applies to (globs); none = every version. */
  versions?: RegExp[];
}

export class DeviationsError extends Error {
  override name = 'DeviationsError';
}

function glob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
}

export function parseDeviations(file: string, text: string): Deviation[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new DeviationsError(`${file}: not YAML: ${(e as Error).message}`);
  }
  if (doc === null || doc === undefined) return [];
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new DeviationsError(`${file}: must be a mapping with a 'deviations' list`);
  for (const k of Object.keys(doc)) if (k !== 'deviations') throw new DeviationsError(`${file}: ${k}: unknown key (only 'deviations')`);
  const list = (doc as { deviations?: unknown }).deviations ?? [];
  if (!Array.isArray(list)) throw new DeviationsError(`${file}: deviations: must be a list`);
  return list.map((e: unknown, i) => {
    const at = `deviations[${i}]`;
    const fail = (why: string): never => {
      throw new DeviationsError(`${file}: ${at}${why}`);
    };
    if (typeof e !== 'object' || e === null || Array.isArray(e)) fail(': an entry is a mapping { cell | requirement, reason, observed? }');
    const o = e as Record<string, unknown>;
    const keys = ['cell', 'requirement', 'reason', 'observed', 'versions'];
    for (const k of Object.keys(o)) if (!keys.includes(k)) fail(`.${k}: unknown key (${keys.join(', ')})`);
    const globs = (k: 'cell' | 'requirement' | 'versions'): RegExp[] => {
      const v = o[k];
      if (v === undefined) return [];
      const arr = Array.isArray(v) ? v : [v];
      const at = (j: number) => `.${k}${Array.isArray(v) ? `[${j}]` : ''}`;
      return arr.map((g, j) => (typeof g === 'string' && g.length > 0 ? glob(g) : fail(`${at(j)}: must be a non-empty glob string`)));
    };
    const cell = globs('cell');
    const requirement = globs('requirement');
    if (cell.length === 0 && requirement.length === 0) fail(': needs cell or requirement (globs)');
    if (typeof o['reason'] !== 'string' || o['reason'].trim() === '') fail('.reason: required (why the client deviates)');
    if (o['observed'] !== undefined && typeof o['observed'] !== 'string') fail('.observed: must be a string (outcome kind or its text)');
    const d: Deviation = { where: `${file}#${i}`, cell, requirement, reason: o['reason'] as string };
    if (o['observed']) d.observed = o['observed'] as string;
    const versions = globs('versions');
    if (versions.length) d.versions = versions;
    return d;
  });
}

export function loadDeviations(files: readonly string[]): Deviation[] {
  return files.flatMap((f) => {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      throw new DeviationsError(`${f}: cannot read: ${(e as Error).message}`);
    }
    return parseDeviations(f, text);
  });
}

/** The declaration covering a cell; one limited to some client versions needs the version to apply. */
export function deviationFor(devs: readonly Deviation[], cell: Pick<Cell, 'id' | 'requirementId'>, clientVersion?: string): Deviation | undefined {
  return devs.find(
    (d) =>
      (d.cell.some((g) => g.test(cell.id)) || d.requirement.some((g) => g.test(cell.requirementId))) &&
      (!d.versions || (clientVersion !== undefined && d.versions.some((g) => g.test(clientVersion)))),
  );
}

/** Does the observed outcome match what the deviation says is seen instead (when it says)? */
export function observedAsDeclared(d: Deviation, observed: Outcome): boolean {
  if (!d.observed) return true;
  const want = d.observed.toLowerCase();
  return observed.kind === want || describeOutcome(observed).toLowerCase().startsWith(want);
}

export function describeDeviation(d: Deviation): string {
  return `${d.where}: ${d.reason}`;
}
