// Allure metadata of a cell as a plain object; the suites hand it to allure-vitest's API.
// The ids derive from the cell id only, so nightly history lines up across runs and versions.
import { createHash } from 'node:crypto';
import type { Cell } from '../plan/cell.ts';
import { redactObject } from '../util/redact.ts';

export interface AllureMetadata {
  displayName: string;
  epic: string;
  feature: string;
  story: string;
  severity: Cell['severity'];
  /** The cell's coordinates, as Allure parameters. */
  parameters: { name: string; value: string }[];
  /** Stable id of the cell (the readable cell id). */
  allureId: string;
  /** md5 of the cell id: Allure's history key (same cell → same history across runs). */
  historyId: string;
  testCaseId: string;
  tags: string[];
  links: { name: string; url: string; type: string }[];
  description: string;
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** client: the client under test when it is not the default in-process driver (its own history). */
export function allureMetadata(cell: Cell, system: string, client?: string): AllureMetadata {
  const key = client ? `${cell.id}@${client.split('@')[0]}` : cell.id;
  return redactObject({
    displayName: cell.name,
    epic: system,
    feature: cell.area,
    story: `${cell.requirementId} ${cell.requirementTitle}`,
    severity: cell.severity,
    parameters: Object.entries(cell.parameters).map(([name, value]) => ({ name, value })),
    allureId: cell.id,
    historyId: md5(key),
    testCaseId: md5(`${cell.requirementId}:${cell.id}`),
    tags: [cell.area, cell.requirementId],
    links: [{ name: `${cell.source.document} §${cell.source.section}`, url: `seeds/${cell.source.document}`, type: 'requirement' }],
    description: [
      `${cell.requirementId}: ${cell.requirementTitle}`,
      `Source: ${cell.source.document} §${cell.source.section}`,
      `Expected: ${cell.expected.kind} — ${cell.expected.because}`,
    ].join('\n\n'),
  });
}
