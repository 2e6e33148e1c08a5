// The interoperability matrix: requirements × clients, each cell the requirement's status for that
// client (passed / failed / deviation / not applicable / skipped), like Autobahn|Testsuite's agent
// table. Written beside the per-client reports as interop.md, interop.json and interop.html.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CellResult, CellStatus } from '../harness/core/plan/cell.ts';
import type { ClientInfo } from './certification.ts';
import { byRequirement } from './certification.ts';
import { rollUp, rollUpReason } from './rollup.ts';

export interface ClientRun {
  /** Directory name of its reports (the --client value, made safe). */
  label: string;
  client: ClientInfo;
  results: readonly CellResult[];
  durationMs: number;
}

export interface InteropMatrix {
  clients: {
    label: string;
    name: string;
    version: string;
    language?: string | undefined;
    adapter?: string | undefined;
    adapterVersion?: string | undefined;
    reportDir: string;
    durationMs: number;
  }[];
  requirements: { id: string; title: string; area: string; status: Record<string, { status: CellStatus; reason: string }> }[];
}

export function buildInterop(runs: readonly ClientRun[]): InteropMatrix {
  const reqs = new Map<string, { id: string; title: string; area: string; status: Record<string, { status: CellStatus; reason: string }> }>();
  for (const run of runs) {
    for (const [id, rs] of byRequirement(run.results)) {
      const row = reqs.get(id) ?? { id, title: rs[0]!.cell.requirementTitle, area: rs[0]!.cell.area, status: {} };
      row.status[run.label] = { status: rollUp(rs.map((r) => r.status)), reason: rollUpReason(rs) };
      reqs.set(id, row);
    }
  }
  return {
    clients: runs.map((r) => ({
      label: r.label,
      name: r.client.name,
      version: r.client.version,
      language: r.client.language,
      adapter: r.client.adapter,
      adapterVersion: r.client.adapterVersion,
      reportDir: r.label,
      durationMs: Math.round(r.durationMs),
    })),
    requirements: [...reqs.values()],
  };
}

const SHORT: Record<CellStatus, string> = { passed: 'passed', failed: 'FAILED', 'not-applicable': 'n/a', skipped: 'skipped', deviation: 'deviation' };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderInteropMarkdown(m: InteropMatrix): string {
  const head = `| Requirement | ${m.clients.map((c) => `${c.name} ${c.version}`).join(' | ')} |`;
  const rows = m.requirements.map(
    (r) => `| ${r.id} ${r.title.replace(/\|/g, '\\|')} | ${m.clients.map((c) => SHORT[r.status[c.label]?.status ?? 'skipped']).join(' | ')} |`,
  );
  const clients = m.clients.map(
    (c) =>
      `- **${c.label}**: ${c.name} ${c.version}${c.language ? ` (${c.language})` : ''}${c.adapter ? `, adapter ${c.adapterVersion ?? ''}` : ', in-process'}; ` +
      `reports in \`${c.reportDir}/\`; ${(c.durationMs / 1000).toFixed(1)} s`,
  );
  return ['# Interoperability matrix', '', ...clients, '', head, `|---|${m.clients.map(() => '---').join('|')}|`, ...rows, ''].join('\n');
}

export function renderInteropHtml(m: InteropMatrix): string {
  const colour: Record<CellStatus, string> = { passed: '#c8f7c5', failed: '#f7c5c5', 'not-applicable': '#e8e8e8', skipped: '#f7ecc5', deviation: '#f7dcc5' };
  const th = m.clients.map((c) => `<th>${esc(c.name)}<br><small>${esc(c.version)}${c.language ? ` · ${esc(c.language)}` : ''}</small></th>`).join('');
  const rows = m.requirements
    .map(
      (r) =>
        `<tr><td><b>${esc(r.id)}</b> ${esc(r.title)}</td>${m.clients
          .map((c) => {
            const s = r.status[c.label];
            const st = s?.status ?? 'skipped';
            const link = `<a href="${esc(c.reportDir)}/certification.md">${SHORT[st]}</a>`;
            return `<td style="background:${colour[st]}" title="${esc(s?.reason ?? 'not run')}">${link}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  return `<!doctype html><meta charset="utf-8"><title>secmatrix interoperability matrix</title>
<style>body{font-family:sans-serif}table{border-collapse:collapse}
td,th{border:1px solid #aaa;padding:3px 8px;font-size:13px}td a{color:inherit;text-decoration:none}</style>
<h1>Interoperability matrix</h1><table><tr><th>Requirement</th>${th}</tr>
${rows}
</table>
`;
}

export async function writeInterop(dir: string, runs: readonly ClientRun[]): Promise<InteropMatrix> {
  const m = buildInterop(runs);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'interop.json'), `${JSON.stringify(m, null, 2)}\n`);
  await writeFile(join(dir, 'interop.md'), renderInteropMarkdown(m));
  await writeFile(join(dir, 'interop.html'), renderInteropHtml(m));
  return m;
}
