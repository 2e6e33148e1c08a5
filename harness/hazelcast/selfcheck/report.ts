// The self-check's report, beside the certification report: selfcheck.json for machines,
// selfcheck.md for people (per fault: what it models, whether the suite caught it, and with which cells).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SelfcheckResult } from './run.ts';

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const esc = (t: string) => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function selfcheckMarkdown(r: SelfcheckResult): string {
  const { caught, total, ratio } = r.suiteStrength;
  const lines = [
    '# secmatrix self-check: suite strength',
    '',
    `**Suite strength: ${caught}/${total} faults caught (${(ratio * 100).toFixed(0)} %).** ` +
      (r.survivors.length ? `Survivors: ${r.survivors.join(', ')}.` : 'No fault survived.'),
    '',
    'Each fault below is a defect modelled on a real bug: of the reference member (started with the fault switched ' +
      'on), or of a client (the Node client driver reproducing it, against the unmodified member). The self-check ' +
      'runs the cells that concern the broken rule and counts the fault as caught when a cell that passes on the ' +
      'unmodified member with the unmodified client fails. A green conformance report is worth as much as this ' +
      'figure.',
    '',
    `Baseline (unmodified member): ${r.baseline.cells} cells, ${r.baseline.passed} passed, ${r.baseline.failed.length} failed, ` +
      `${r.baseline.notRun} not run, ${s(r.baseline.durationMs)}. Total time ${s(r.durationMs)}.`,
    '',
    ...(r.problems.length ? ['## Problems', '', ...r.problems.map((p) => `- ${esc(p)}`), ''] : []),
    '| fault | in | caught | cells failed / run | time | models |',
    '| --- | --- | --- | --- | --- | --- |',
    ...r.faults.map(
      (f) =>
        `| \`${f.name}\` | ${f.side} | ${f.caught ? 'yes' : '**NO**'} | ${f.caughtBy.length} / ${f.cells - f.notRun} | ${s(f.durationMs)} | ${esc(f.models)} |`,
    ),
    '',
    '## Per fault',
    '',
  ];
  for (const f of r.faults) {
    lines.push(
      `### \`${f.name}\` — ${f.caught ? 'caught' : 'SURVIVED'}`,
      '',
      esc(f.description),
      '',
      `Models: ${esc(f.models)}`,
      '',
      `Probe: areas ${f.probe.areas.join(', ')}, cells matching \`${f.probe.grep}\` (${f.cells}).`,
      '',
    );
    for (const c of f.caughtBy.slice(0, 10)) lines.push(`- \`${c.cellId}\`: expected ${esc(c.expected)}; observed ${esc(c.observed)}`);
    if (f.caughtBy.length > 10) lines.push(`- … and ${f.caughtBy.length - 10} more`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

export async function writeSelfcheckReport(dir: string, r: SelfcheckResult): Promise<{ json: string; md: string }> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'selfcheck.json');
  const md = join(dir, 'selfcheck.md');
  await writeFile(json, `${JSON.stringify(r, null, 2)}\n`);
  await writeFile(md, selfcheckMarkdown(r));
  return { json, md };
}
