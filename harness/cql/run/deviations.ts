// An adapter's declared deviations (deviations.yaml beside it, BoGo-style): cells whose failure is
// known and justified. A declared cell that fails is reported as a deviation (not a pass); a declared
// cell that passes is a *stale* declaration and fails, so a fix gets noticed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ADAPTERS_DIR } from '../adapter/adapters.ts';

export interface Deviation {
  /** Cell id pattern; `*` matches any run of characters. */
  cell: string;
  reason: string;
}

export function loadDeviations(client: string, file = join(ADAPTERS_DIR, client, 'deviations.yaml')): Deviation[] {
  if (!existsSync(file)) return [];
  const doc = parse(readFileSync(file, 'utf8')) as { deviations?: Deviation[] } | null;
  const list = doc?.deviations ?? [];
  list.forEach((d, i) => {
    if (typeof d.cell !== 'string' || typeof d.reason !== 'string' || !d.reason.trim()) throw new Error(`${file}: deviations[${i}] needs cell and reason`);
  });
  return list;
}

export function deviationFor(list: readonly Deviation[], cellId: string): Deviation | undefined {
  return list.find((d) =>
    new RegExp(
      `^${d.cell
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    ).test(cellId),
  );
}
