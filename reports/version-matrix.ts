// The version matrix of a run over several server versions: requirements (and, expanded, their
// cells) × versions, each with its status, so one page shows which version breaks which rule.
// Built from each version's certification.json (already redacted); written as Markdown, JSON and a
// small HTML page into the report directory's root, beside the per-version directories.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CellStatus, Outcome } from '../harness/core/plan/cell.ts';
import { describeOutcome } from '../harness/core/plan/outcome.ts';
import type { Certification } from './certification.ts';

export interface VersionColumn {
  /** As given to --server-version, e.g. '5.5.0', 'reference@b'. */
  version: string;
  /** The report directory of this version, relative to the matrix. */
  reportDir: string;
  /** From the certification report; absent when the version's run did not complete. */
  serverVersion?: string;
  client?: { name: string; version: string };
  /** Why the version has no report (its run failed before writing one). */
  error?: string;
}

/** A status per version; undefined where the version has no such requirement / cell (or no report). */
export type ByVersion<T> = Record<string, T | undefined>;

export interface VersionMatrixCell {
  id: string;
  name: string;
  statuses: ByVersion<{ status: CellStatus; observed: Outcome }>;
  /** True when the versions disagree (status or observed outcome). */
  differs: boolean;
}

export interface VersionMatrixRequirement {
  id: string;
  title: string;
  statuses: ByVersion<{ status: CellStatus; failed: number; cells: number }>;
  differs: boolean;
  cells: VersionMatrixCell[];
}

export interface VersionMatrix {
  versions: VersionColumn[];
  requirements: VersionMatrixRequirement[];
  /** Per version: requirement and cell counts by status. */
  totals: ByVersion<{ requirements: Record<CellStatus, number>; cells: Record<CellStatus, number> }>;
}

const STATUSES: CellStatus[] = ['passed', 'failed', 'not-applicable', 'skipped', 'deviation'];
const zero = (): Record<CellStatus, number> => ({ passed: 0, failed: 0, 'not-applicable': 0, skipped: 0, deviation: 0 });

export function buildVersionMatrix(columns: Array<VersionColumn & { cert?: Certification }>): VersionMatrix {
  const reqs = new Map<string, VersionMatrixRequirement>();
  const totals: VersionMatrix['totals'] = {};
  for (const col of columns) {
    if (!col.cert) continue;
    const t = { requirements: zero(), cells: zero() };
    for (const r of col.cert.requirements) {
      const req = reqs.get(r.id) ?? { id: r.id, title: r.title, statuses: {}, differs: false, cells: [] };
      reqs.set(r.id, req);
      req.statuses[col.version] = { status: r.status, failed: r.cells.filter((c) => c.status === 'failed').length, cells: r.cells.length };
      t.requirements[r.status]++;
      for (const c of r.cells) {
        const id = c.id ?? `${r.id} :: ${c.name}`;
        let cell = req.cells.find((x) => x.id === id);
        if (!cell) {
          cell = { id, name: c.name, statuses: {}, differs: false };
          req.cells.push(cell);
        }
        cell.statuses[col.version] = { status: c.status, observed: c.observed };
        t.cells[c.status]++;
      }
    }
    totals[col.version] = t;
  }
  // Versions without a report (their run failed) are shown as such, not as a difference in every row.
  const versions = columns.filter((c) => c.cert).map((c) => c.version);
  const key = (v: unknown) => JSON.stringify(v ?? null);
  for (const req of reqs.values()) {
    for (const cell of req.cells) cell.differs = new Set(versions.map((v) => key(cell.statuses[v]))).size > 1;
    req.differs = new Set(versions.map((v) => req.statuses[v]?.status ?? 'absent')).size > 1 || req.cells.some((c) => c.differs);
  }
  const described = columns.map(({ cert, ...col }) => ({
    ...col,
    ...(cert && !col.serverVersion ? { serverVersion: cert.serverVersion } : {}),
    ...(cert && !col.client ? { client: cert.client } : {}),
  }));
  return { versions: described, requirements: [...reqs.values()], totals };
}

const ICON: Record<CellStatus, string> = { passed: '✅', failed: '❌', 'not-applicable': '➖', skipped: '⏭', deviation: '⚠' };
const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function reqText(s: VersionMatrixRequirement['statuses'][string]): string {
  if (!s) return '—';
  return s.status === 'failed' ? `${ICON.failed} ${s.failed}/${s.cells} failed` : `${ICON[s.status]} ${s.status}`;
}

function cellText(s: VersionMatrixCell['statuses'][string]): string {
  if (!s) return '—';
  return s.status === 'failed' ? `${ICON.failed} ${describeOutcome(s.observed)}` : `${ICON[s.status]} ${s.status}`;
}

function headerOf(m: VersionMatrix): string[] {
  return m.versions.map((v) => v.version);
}

export function renderVersionMatrixMarkdown(m: VersionMatrix): string {
  const vs = headerOf(m);
  const lines: string[] = ['# Version matrix', '', "Requirements × server versions (each version's full report is in its directory).", ''];
  const counted = 'passed / failed / n.a. / skipped / deviation';
  lines.push(`| Version | Server | Client | Requirements ${counted} | Cells ${counted} |`, '|---|---|---|---|---|');
  for (const v of m.versions) {
    const t = m.totals[v.version];
    const counts = (c: Record<CellStatus, number> | undefined) => (c ? STATUSES.map((s) => c[s]).join(' / ') : '—');
    const server = md(v.error ? `run failed: ${v.error}` : (v.serverVersion ?? '?'));
    const client = md(v.client ? `${v.client.name} ${v.client.version}` : '—');
    lines.push(`| [${md(v.version)}](${v.reportDir}/certification.md) | ${server} | ${client} | ${counts(t?.requirements)} | ${counts(t?.cells)} |`);
  }
  lines.push('', '## Requirements', '', `| Requirement | ${vs.map(md).join(' | ')} |`, `|---|${vs.map(() => '---').join('|')}|`);
  for (const r of m.requirements)
    lines.push(`| ${r.differs ? '**' : ''}${md(r.id)}${r.differs ? '**' : ''} — ${md(r.title)} | ${vs.map((v) => reqText(r.statuses[v])).join(' | ')} |`);
  const differing = m.requirements.filter((r) => r.differs || vs.some((v) => r.statuses[v]?.status === 'failed'));
  lines.push('', '## Cells where versions differ or fail', '');
  if (differing.length === 0) lines.push('Every cell has the same status and observed outcome on every version, and none failed.');
  for (const r of differing) {
    const cells = r.cells.filter((c) => c.differs || vs.some((v) => c.statuses[v]?.status === 'failed'));
    lines.push(`### ${md(r.id)} — ${md(r.title)}`, '', `| Cell | ${vs.map(md).join(' | ')} |`, `|---|${vs.map(() => '---').join('|')}|`);
    for (const c of cells) lines.push(`| ${md(c.name)} (\`${md(c.id)}\`) | ${vs.map((v) => md(cellText(c.statuses[v]))).join(' | ')} |`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

export function renderVersionMatrixHtml(m: VersionMatrix): string {
  const vs = headerOf(m);
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>secmatrix version matrix</title>',
    '<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}',
    'td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}th{background:#f4f4f4}',
    '.passed{background:#e2f7e2}.failed{background:#fde2e2}.not-applicable{background:#f0f0f0}.skipped{background:#fff6d6}',
    '.differs>td:first-child{border-left:4px solid #d33}details td{font-size:90%}summary{cursor:pointer}</style>',
    '</head><body><h1>Version matrix</h1>',
    '<table><tr><th>Version</th><th>Server</th><th>Client</th></tr>',
    ...m.versions.map((v) => {
      const server = esc(v.error ? `run failed: ${v.error}` : (v.serverVersion ?? '?'));
      const client = esc(v.client ? `${v.client.name} ${v.client.version}` : '—');
      return `<tr><td><a href="${esc(v.reportDir)}/allure-report/index.html">${esc(v.version)}</a></td><td>${server}</td><td>${client}</td></tr>`;
    }),
    '</table><h2>Requirements × versions</h2><p>A requirement marked at its left edge differs between versions; open it for its cells.</p>',
    `<table><tr><th>Requirement</th>${vs.map((v) => `<th>${esc(v)}</th>`).join('')}</tr>`,
  ];
  for (const r of m.requirements) {
    const differs = (d: boolean) => (d ? ' class="differs"' : '');
    const cells = r.cells
      .map((c) => {
        const byVersion = vs.map((v) => `<td class="${c.statuses[v]?.status ?? ''}">${esc(cellText(c.statuses[v]))}</td>`).join('');
        return `<tr${differs(c.differs)}><td>${esc(c.name)}<br><code>${esc(c.id)}</code></td>${byVersion}</tr>`;
      })
      .join('');
    const byVersion = vs.map((v) => `<td class="${r.statuses[v]?.status ?? ''}">${esc(reqText(r.statuses[v]))}</td>`).join('');
    out.push(
      `<tr${differs(r.differs)}><td><details><summary><b>${esc(r.id)}</b> ${esc(r.title)}</summary><table>${cells}</table></details></td>${byVersion}</tr>`,
    );
  }
  out.push('</table></body></html>');
  return `${out.join('\n')}\n`;
}

export async function writeVersionMatrix(dir: string, m: VersionMatrix): Promise<{ md: string; json: string; html: string }> {
  await mkdir(dir, { recursive: true });
  const paths = { md: join(dir, 'version-matrix.md'), json: join(dir, 'version-matrix.json'), html: join(dir, 'version-matrix.html') };
  await writeFile(paths.md, renderVersionMatrixMarkdown(m));
  await writeFile(paths.json, `${JSON.stringify(m, null, 2)}\n`);
  await writeFile(paths.html, renderVersionMatrixHtml(m));
  return paths;
}
