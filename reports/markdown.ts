// certification.md: the certification for people — totals, then per area and requirement a table
// of cells with what was expected and what happened.
import type { Area, CellResult, CellStatus } from '../harness/core/plan/cell.ts';
import { describeOutcome } from '../harness/core/plan/outcome.ts';
import { buildCertification, byRequirement, type RunInfo } from './certification.ts';
import { scrub, secretsOf } from './secrets.ts';

const MARK: Record<CellStatus, string> = { passed: '✅ passed', failed: '❌ failed', 'not-applicable': '➖ not applicable', skipped: '⏭ skipped', deviation: '⚠️ deviation (declared)' };

/** Table cells must not break the table. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderCertificationMarkdown(results: readonly CellResult[], run: RunInfo): string {
  const cert = buildCertification(results, run);
  const t = cert.totals;
  const lines: string[] = [
    `# Certification: ${cert.client.name} ${cert.client.version} against ${cert.system} ${cert.serverVersion}`,
    '',
    `Suite ${cert.suiteVersion}, matrix ${cert.matrixFingerprint}.${cert.client.language ? ` Client language: ${cert.client.language}.` : ''}${cert.client.adapter ? ` Adapter: ${cert.client.adapter} (version ${cert.client.adapterVersion ?? '?'}).` : ' In-process driver.'}`,
    '',
    '| | Requirements | Cells |',
    '|---|---:|---:|',
    `| passed | ${t.requirementStatus.passed} | ${t.cellStatus.passed} |`,
    `| failed | ${t.requirementStatus.failed} | ${t.cellStatus.failed} |`,
    `| not applicable | ${t.requirementStatus.notApplicable} | ${t.cellStatus.notApplicable} |`,
    `| skipped | ${t.requirementStatus.skipped} | ${t.cellStatus.skipped} |`,
    `| deviation (declared) | ${t.requirementStatus.deviation} | ${t.cellStatus.deviation} |`,
    `| **total** | **${t.requirements}** | **${t.cells}** |`,
    '',
    'A requirement fails if any cell failed, is skipped if any cell was not run, passes if at least one cell passed and the rest were not applicable, and is not applicable otherwise.',
    '',
  ];
  const grouped = byRequirement(results);
  const areaOf = (id: string): Area => grouped.get(id)![0]!.cell.area;
  for (const area of new Set(results.map((r) => r.cell.area))) {
    const reqs = cert.requirements.filter((r) => areaOf(r.id) === area);
    if (reqs.length === 0) continue;
    lines.push(`## ${area}`, '');
    for (const req of reqs) {
      lines.push(`### ${req.id} — ${req.title}`, '', `Status: **${MARK[req.status]}** (${req.reason})  `, `Source: ${req.source.document} §${req.source.section}`, '');
      lines.push('| Cell | Parameters | Expected | Observed | Status |', '|---|---|---|---|---|');
      for (const c of req.cells) {
        const params = Object.entries(c.parameters).map(([k, v]) => `${k}=${v}`).join(', ');
        lines.push(`| ${cell(c.name)} | ${cell(params)} | ${cell(describeOutcome(c.expected))} | ${cell(describeOutcome(c.observed))} | ${MARK[c.status]} |`);
      }
      const failed = grouped.get(req.id)!.filter((r) => r.status === 'failed' && r.reason);
      if (failed.length > 0) {
        lines.push('', ...failed.map((r) => `- ${cell(r.cell.name)}: ${cell(r.reason!)} — expected because ${cell(r.cell.expected.because)}`));
      }
      lines.push('');
    }
  }
  const devs = results.filter((r) => r.deviation);
  lines.push('## Deviations', '');
  if (devs.length === 0) lines.push('No declared deviation applied to this run.', '');
  else {
    lines.push('| Cell | Status | Declared | Observed |', '|---|---|---|---|');
    for (const r of devs) lines.push(`| ${cell(r.cell.id)} | ${r.status === 'passed' ? '❗ stale (the cell passes: remove the entry)' : MARK[r.status]} | ${cell(r.deviation!)} | ${cell(describeOutcome(r.observed))} |`);
    lines.push('');
  }
  return scrub(lines.join('\n'), secretsOf(results, run.secrets, run.serverSecrets));
}
