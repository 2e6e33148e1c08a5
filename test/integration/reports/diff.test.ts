// `secmatrix diff` on real report directories. Three real runs of the credentials area against an
// external cluster (the reference member, started here from a rendered configuration):
//   A  and A2: the member runs the configuration the run is told about — every run cell passes;
//   C:  the member runs the same configuration with its realm password rotated, the run is told the
//       original (a cluster configured differently than declared), and a narrower --grep.
// A→A2 is unchanged; A→C has a regression (the right password is now refused) and removed cells;
// C→A the fix and the new cells. Nothing is edited by hand.
import { cpSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMemberConfig } from '../../../harness/hazelcast/reference-member/config/parse.ts';
import { startReferenceMember, type RunningMember } from '../../../harness/hazelcast/reference-member/server.ts';
import { expandMatrices, planGroups } from '../../../harness/hazelcast/plan/index.ts';
import { renderMemberConfig } from '../../../harness/hazelcast/render/index.ts';
import { freePort } from '../../../harness/core/util/ports.ts';
import { makeTempDir, type TempDir } from '../../../harness/core/util/tempdir.ts';
import type { ReportDiff } from '../../../reports/diff.ts';

const CLI = join(import.meta.dirname, '../../../harness/cli/secmatrix.mjs');
const RIGHT = 'HZ-AUTH-001/clientIdentity=password-right';

let dir: TempDir;
const members: RunningMember[] = [];
const runs: Record<string, string> = {};

async function member(xml: string, name: string): Promise<number> {
  const port = await freePort();
  const file = join(dir.path, `${name}.xml`);
  await writeFile(file, xml.replace(/<port auto-increment="false">\d+<\/port>/, `<port auto-increment="false">${port}</port>`));
  members.push(await startReferenceMember({ config: await loadMemberConfig(file), port, host: '127.0.0.1' }));
  return port;
}

async function run(name: string, port: number, extra: string[] = []): Promise<void> {
  const out = join(dir.path, name);
  const r = await execa(
    process.execPath,
    [
      CLI,
      'run',
      '--target',
      'external',
      '--external-address',
      `127.0.0.1:${port}`,
      '--external-config',
      join(dir.path, 'declared.xml'),
      '--only',
      'credentials',
      ...extra,
      '--report-dir',
      out,
    ],
    { reject: false, timeout: 240_000, all: true, env: { CI: '' } },
  );
  // A ran clean; C fails (that is the point), but it must have written its reports.
  if (name !== 'C') expect(r.exitCode, r.all?.slice(-3000)).toBe(0);
  else expect(r.all).toContain(`FAILED ${RIGHT}`);
  runs[name] = out;
}

/** Every cell of a report directory (run A's count: an unchanged run leaves all of them unchanged). */
function cellsOf(reportDir: string): number {
  return (JSON.parse(readFileSync(join(reportDir, 'certification.json'), 'utf8')) as { totals: { cells: number } }).totals.cells;
}

/** Run C's --grep keeps HZ-AUTH-001..005: its removed (and, the other way round, new) cells are the others'. */
const leftOutByGrep = (c: { requirementId: string }): boolean => /^HZ-AUTH-\d{3}$/.test(c.requirementId) && !/^HZ-AUTH-00[1-5]$/.test(c.requirementId);

function diff(a: string, b: string, extra: string[] = []) {
  return execa(process.execPath, [CLI, 'diff', a, b, ...extra], { reject: false, timeout: 60_000 });
}

beforeAll(async () => {
  dir = await makeTempDir('diff');
  // The credentials configuration without TLS (a password realm): no stores to share with the run.
  const group = planGroups(expandMatrices(['credentials'])).find((g) => !g.cells[0]!.member.ssl)!;
  const noStores = {
    keyStore: () => {
      throw new Error('no stores');
    },
    trustStore: () => {
      throw new Error('no stores');
    },
  };
  const declared = renderMemberConfig(group.cells[0]!.member, noStores, { port: 5701 }).xml;
  expect(declared).toMatch(/<username-password username="[^"]+" password="[^"]+"\/>/);
  await writeFile(join(dir.path, 'declared.xml'), declared);
  const good = await member(declared, 'good');
  const rotated = await member(declared.replace(/(<username-password username="[^"]+" password=")([^"]+)"/, '$1$2-rotated"'), 'rotated');
  await run('A', good);
  await run('A2', good);
  await run('C', rotated, ['--grep', 'HZ-AUTH-00[1-5]']);
}, 800_000);
afterAll(async () => {
  for (const m of members) await m.stop();
  await dir?.remove();
});

describe('secmatrix diff on real report directories', () => {
  it('an unchanged run: no change, exit 0', async () => {
    const r = await diff(runs['A']!, runs['A2']!, ['--format', 'json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout) as ReportDiff;
    expect(d.regression).toBe(false);
    expect(d.comparisons[0]!.changes).toEqual([]);
    expect(d.counts.unchanged).toBe(cellsOf(runs['A']!));
  });

  it('a regression (passed → failed) and removed cells: listed regressions first, exit 1', async () => {
    const out = join(dir.path, 'diff-A-C');
    const r = await diff(runs['A']!, runs['C']!, ['--out', out]);
    expect(r.exitCode).toBe(1);
    const d = JSON.parse(readFileSync(join(out, 'diff.json'), 'utf8')) as ReportDiff;
    const changes = d.comparisons[0]!.changes;
    const regression = changes.filter((c) => c.kind === 'regression');
    expect(regression.map((c) => c.id)).toEqual([RIGHT]);
    expect(regression[0]).toMatchObject({
      old: { status: 'passed', observed: { kind: 'connected' } },
      new: { status: 'failed', observed: { kind: 'auth-refused', status: 'CREDENTIALS_FAILED' } },
      differs: ['status', 'observed'],
    });
    expect(changes[0]!.kind).toBe('regression');
    const removed = changes.filter((c) => c.kind === 'removed');
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every(leftOutByGrep)).toBe(true);
    expect(changes.filter((c) => c.kind !== 'regression' && c.kind !== 'removed')).toEqual([]);
    // The same in Markdown (stdout and file) and HTML, regressions before removed cells.
    const md = readFileSync(join(out, 'diff.md'), 'utf8');
    expect(r.stdout.trimEnd()).toBe(md.trimEnd());
    expect(md).toContain('❌ regression');
    expect(md.indexOf('### Regressions')).toBeLessThan(md.indexOf('### Removed cells'));
    expect(md).toMatch(/HZ-AUTH-001 — /);
    const html = readFileSync(join(out, 'diff.html'), 'utf8');
    expect(html).toMatch(/<tr class="regression">.*password-right/);
    expect(html).not.toContain('s3crEt');
  });

  it('the fix (failed → passed) and new cells the other way round: exit 0', async () => {
    const r = await diff(runs['C']!, runs['A']!, ['--format', 'json']);
    expect(r.exitCode).toBe(0);
    const d = JSON.parse(r.stdout) as ReportDiff;
    const changes = d.comparisons[0]!.changes;
    expect(changes.filter((c) => c.kind === 'fix').map((c) => c.id)).toEqual([RIGHT]);
    const added = changes.filter((c) => c.kind === 'new');
    expect(added.length).toBeGreaterThan(0);
    expect(added.every(leftOutByGrep)).toBe(true);
    expect(changes.map((c) => c.kind)).toEqual([...changes.map((c) => c.kind)].sort((a, b) => ['fix', 'new'].indexOf(a) - ['fix', 'new'].indexOf(b)));
  });

  it('directories of several reports (server versions, clients) are paired by subdirectory', async () => {
    const old = join(dir.path, 'multi-old');
    const now = join(dir.path, 'multi-new');
    cpSync(runs['A']!, join(old, '5.4.2'), { recursive: true });
    cpSync(runs['A']!, join(old, '5.5.0'), { recursive: true });
    cpSync(runs['A2']!, join(now, '5.4.2'), { recursive: true });
    cpSync(runs['C']!, join(now, '5.5.0'), { recursive: true });
    const r = await diff(old, now, ['--format', 'json']);
    expect(r.exitCode).toBe(1);
    const d = JSON.parse(r.stdout) as ReportDiff;
    expect(d.comparisons.map((c) => [c.key, c.counts.regression])).toEqual([
      ['5.4.2', 0],
      ['5.5.0', 1],
    ]);
  });

  it('a directory without a report is an input error (exit 2), not a pass', async () => {
    const r = await diff(runs['A']!, join(dir.path, 'nowhere'));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('is not a directory');
  });
});
