// "No result changes": every cell id of every area, with its requirement and expected outcome, as
// captured from the plan before the issue-10 restructure (test/fixtures/cell-ids.json). Cell ids
// are Allure history ids: a difference here must be deliberate (regenerate the fixture then).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandMatrices } from '../../../harness/hazelcast/plan/expand.ts';

interface Row {
  id: string;
  area: string;
  requirement: string;
  expected: Record<string, unknown>;
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/cell-ids.json', import.meta.url), 'utf8')) as Row[];

describe('cell ids and expected outcomes (fixture from before the restructure)', () => {
  it('expands to exactly the recorded cells, in the recorded order', () => {
    const rows: Row[] = expandMatrices().map((c) => {
      const { because: _because, ...expected } = c.expected;
      return { id: c.id, area: c.area, requirement: c.requirementId, expected };
    });
    expect(rows.map((r) => r.id)).toEqual(fixture.map((r) => r.id));
    expect(rows).toEqual(fixture);
  });
});
