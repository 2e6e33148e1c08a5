// .ci/run's closing line: the counts every step printed, summed, and one failure for each failed
// step that printed none (so a crash is never read as "nothing failed").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

function closingLine(log: string, extra = 0): string {
  dir = mkdtempSync(join(tmpdir(), 'ci-line-'));
  const file = join(dir, 'ci.log');
  writeFileSync(file, log);
  return execFileSync('awk', ['-v', `extra=${extra}`, '-f', '.ci/sum-counts.awk', file], { encoding: 'utf8' }).trim();
}

test('sums the tests line and every area run, not-applicable already counted as skipped', () => {
  const log = [
    '##step tests',
    'noise',
    // a run's output quoted inside a failing test's message is not a step's own count
    'Cells: 500 passed, 0 failed, 0 skipped',
    'Tests: 1313 passed, 0 failed, 1 skipped',
    '##step cells',
    'x Cells: 9 passed, 9 failed, 9 skipped',
    'Tests: 7 passed, 0 failed, 0 skipped',
    'Cells: 115 passed, 0 failed, 3 skipped',
    '##step cells',
    'Cells: 69 passed, 2 failed, 0 skipped',
    '',
  ].join('\n');
  expect(closingLine(log)).toBe('CI: 1497 passed, 2 failed, 4 skipped');
});

test('a failed step without counts of its own is one failure; an empty log is no pass', () => {
  expect(closingLine('npm ERR! something\n', 1)).toBe('CI: 0 passed, 1 failed, 0 skipped');
  expect(closingLine('')).toBe('CI: 0 passed, 0 failed, 0 skipped');
});
