// The diff between two runs for people: Markdown (pipeline summaries, pull requests) and a small
// self-contained HTML page (published beside the Allure report). Both list, per compared report,
// the changes by kind — regressions first — and within a kind by requirement.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CellStatus } from '../harness/core/plan/cell.ts';
import { describeOutcome } from '../harness/core/plan/outcome.ts';
import { CHANGE_KINDS, CHANGE_TITLES, type CellChange, type CellSide, type ReportDiff, type ReportSummary } from './diff.ts';

const MARK: Record<CellStatus, string> = {
  passed: '✅ passed',
  failed: '❌ failed',
  'not-applicable': '➖ not applicable',
  skipped: '⏭ skipped',
  deviation: '⚠ deviation',
};

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const mdRow = (cells: string[]) => `| ${cells.map(mdCell).join(' | ')} |`;

function describeSide(s: CellSide | undefined): string {
  if (!s) return '—';
  // describeOutcome already says "not applicable: <reason>".
  if (s.observed.kind === 'not-applicable')
    return `${MARK[s.status]}${s.status === 'not-applicable' ? '' : ` (${describeOutcome(s.observed)})`}: ${s.observed.reason}`;
  return `${MARK[s.status]}: ${describeOutcome(s.observed)}`;
}

function countLine(c: ReportDiff['counts']): string {
  return `${c.regression} regressions, ${c.fix} fixes, ${c.changed} other changes, ${c.new} new, ${c.removed} removed, ${c.unchanged} unchanged`;
}

function who(s: ReportSummary | undefined): string {
  return s ? `${s.client.name} ${s.client.version} against ${s.serverVersion} (matrix ${s.matrixFingerprint}, ${s.cells} cells)` : '(no report)';
}

/** Groups changes of one kind by requirement, keeping their order. */
function byRequirement(changes: CellChange[]): Array<{ id: string; title: string; changes: CellChange[] }> {
  const groups = new Map<string, { id: string; title: string; changes: CellChange[] }>();
  for (const c of changes) {
    const g = groups.get(c.requirementId) ?? { id: c.requirementId, title: c.requirementTitle, changes: [] };
    g.changes.push(c);
    groups.set(c.requirementId, g);
  }
  return [...groups.values()];
}

const params = (p: Record<string, string>) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

function detail(c: CellChange): string {
  const parts: string[] = [];
  if (c.differs.includes('expected')) parts.push(`expected ${describeOutcome(c.old!.expected)} → ${describeOutcome(c.new!.expected)}`);
  // Why the cell now fails or is not applicable (the run's own reason).
  if (c.new?.reason && c.new.status !== 'passed') parts.push(c.new.reason);
  return parts.join('; ');
}

export function renderDiffMarkdown(d: ReportDiff): string {
  const lines: string[] = [
    `# secmatrix diff`,
    '',
    `- old: \`${d.oldDir}\``,
    `- new: \`${d.newDir}\``,
    '',
    `**${d.regression ? '❌ regression' : '✅ no regression'}** — ${countLine(d.counts)}.`,
    '',
  ];
  for (const cmp of d.comparisons) {
    if (d.comparisons.length > 1 || cmp.key) lines.push(`## ${cmp.key || '(report directory)'}`, '');
    lines.push(`- old: ${who(cmp.old)}`, `- new: ${who(cmp.new)}`, `- ${countLine(cmp.counts)}`, ...cmp.notes.map((n) => `- note: ${n}`), '');
    if (cmp.changes.length === 0) {
      lines.push('No cell changed.', '');
      continue;
    }
    for (const kind of CHANGE_KINDS) {
      const of = cmp.changes.filter((c) => c.kind === kind);
      if (of.length === 0) continue;
      lines.push(`### ${CHANGE_TITLES[kind]}: ${of.length}`, '');
      for (const g of byRequirement(of)) {
        lines.push(`#### ${g.id} — ${mdCell(g.title)}`, '', '| Cell | Parameters | Old | New | Detail |', '|---|---|---|---|---|');
        for (const c of g.changes) lines.push(mdRow([`${c.name} (\`${c.id}\`)`, params(c.parameters), describeSide(c.old), describeSide(c.new), detail(c)]));
        lines.push('');
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderDiffHtml(d: ReportDiff): string {
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>secmatrix diff</title>',
    '<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:80em}',
    'table{border-collapse:collapse;width:100%;margin-bottom:1em}td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}',
    'th{background:#f4f4f4}.regression{background:#fde2e2}.fix{background:#e2f7e2}.changed{background:#fff6d6}.new{background:#e6f0ff}',
    '.removed{background:#eee;color:#555}code{font-size:90%}.verdict{font-size:120%;font-weight:bold}</style>',
    '</head><body>',
    '<h1>secmatrix diff</h1>',
    `<p>old: <code>${esc(d.oldDir)}</code><br>new: <code>${esc(d.newDir)}</code></p>`,
    `<p class="verdict">${d.regression ? '❌ regression' : '✅ no regression'}</p><p>${esc(countLine(d.counts))}</p>`,
  ];
  for (const cmp of d.comparisons) {
    if (d.comparisons.length > 1 || cmp.key) out.push(`<h2>${esc(cmp.key || '(report directory)')}</h2>`);
    out.push(`<p>old: ${esc(who(cmp.old))}<br>new: ${esc(who(cmp.new))}<br>${esc(countLine(cmp.counts))}</p>`);
    for (const n of cmp.notes) out.push(`<p><em>note: ${esc(n)}</em></p>`);
    if (cmp.changes.length === 0) out.push('<p>No cell changed.</p>');
    for (const kind of CHANGE_KINDS) {
      const of = cmp.changes.filter((c) => c.kind === kind);
      if (of.length === 0) continue;
      out.push(
        `<h3>${esc(CHANGE_TITLES[kind])}: ${of.length}</h3>`,
        '<table><tr><th>Requirement</th><th>Cell</th><th>Parameters</th><th>Old</th><th>New</th><th>Detail</th></tr>',
      );
      for (const g of byRequirement(of)) {
        g.changes.forEach((c, i) => {
          const req = i === 0 ? `<td rowspan="${g.changes.length}"><b>${esc(g.id)}</b><br>${esc(g.title)}</td>` : '';
          const cells = [params(c.parameters), describeSide(c.old), describeSide(c.new), detail(c)].map((x) => `<td>${esc(x)}</td>`).join('');
          out.push(`<tr class="${kind}">${req}<td>${esc(c.name)}<br><code>${esc(c.id)}</code></td>${cells}</tr>`);
        });
      }
      out.push('</table>');
    }
  }
  out.push('</body></html>');
  return `${out.join('\n')}\n`;
}

/** Writes diff.md, diff.json and diff.html into `dir`; returns their paths. */
export async function writeDiff(dir: string, d: ReportDiff): Promise<{ md: string; json: string; html: string }> {
  await mkdir(dir, { recursive: true });
  const paths = { md: join(dir, 'diff.md'), json: join(dir, 'diff.json'), html: join(dir, 'diff.html') };
  await writeFile(paths.md, renderDiffMarkdown(d));
  await writeFile(paths.json, `${JSON.stringify(d, null, 2)}\n`);
  await writeFile(paths.html, renderDiffHtml(d));
  return paths;
}
