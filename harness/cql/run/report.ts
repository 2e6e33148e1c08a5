// The CQL run's reports: certification.json (per client: requirements → cells, expected vs observed,
// status), certification.md, junit.xml and the summary table (cells per area, statuses, time).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeOutcome } from '../oracle/outcome.ts';
import type { CqlCell } from '../plan/cell.ts';
import type { CqlCellRecord, CqlCellStatus } from './record.ts';
import type { ServerStartFigure } from './context.ts';

export interface CqlResult {
  cell: CqlCell;
  record: CqlCellRecord;
}

const STATUSES: CqlCellStatus[] = ['passed', 'failed', 'deviation', 'not-applicable', 'skipped'];

function rollUp(statuses: CqlCellStatus[]): CqlCellStatus {
  if (statuses.includes('failed')) return 'failed';
  if (statuses.includes('deviation')) return 'deviation';
  if (statuses.length && statuses.every((s) => s === 'not-applicable')) return 'not-applicable';
  if (statuses.includes('skipped')) return 'skipped';
  return 'passed';
}

export function certification(results: readonly CqlResult[], info: { serverVersion: string; clients: Record<string, string>; suiteVersion: string }) {
  const clients = [...new Set(results.map((r) => r.cell.client))];
  return {
    system: 'CQL (Apache Cassandra)',
    serverVersion: info.serverVersion,
    suiteVersion: info.suiteVersion,
    clients: clients.map((client) => {
      const rs = results.filter((r) => r.cell.client === client);
      const reqIds = [...new Set(rs.map((r) => r.cell.requirementId))];
      return {
        client: { name: client, version: info.clients[client] ?? '?' },
        totals: Object.fromEntries(STATUSES.map((s) => [s, rs.filter((r) => r.record.status === s).length])),
        requirements: reqIds.map((id) => {
          const cells = rs.filter((r) => r.cell.requirementId === id);
          return {
            id,
            title: cells[0]!.cell.requirementTitle,
            source: cells[0]!.cell.source,
            status: rollUp(cells.map((c) => c.record.status)),
            cells: cells.map((c) => ({
              id: c.cell.id,
              name: c.cell.name,
              parameters: c.cell.parameters,
              expected: c.cell.expected,
              observed: c.record.observed,
              status: c.record.status,
              ...(c.record.reason ? { reason: c.record.reason } : {}),
            })),
          };
        }),
      };
    }),
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function junit(results: readonly CqlResult[]): string {
  const byArea = new Map<string, CqlResult[]>();
  for (const r of results) byArea.set(`${r.cell.client}.${r.cell.area}`, [...(byArea.get(`${r.cell.client}.${r.cell.area}`) ?? []), r]);
  const suites = [...byArea].map(([name, rs]) => {
    const cases = rs.map((r) => {
      const t = (r.record.durationMs / 1000).toFixed(3);
      const head = `<testcase classname="${esc(name)}" name="${esc(r.cell.id)}" time="${t}">`;
      if (r.record.status === 'failed') return `${head}<failure message="${esc(r.record.reason ?? 'failed')}"/></testcase>`;
      if (r.record.status === 'not-applicable' || r.record.status === 'skipped' || r.record.status === 'deviation')
        return `${head}<skipped message="${esc(`${r.record.status}: ${r.record.reason ?? ''}`)}"/></testcase>`;
      return `${head}</testcase>`;
    });
    const f = rs.filter((r) => r.record.status === 'failed').length;
    const s = rs.filter((r) => ['not-applicable', 'skipped', 'deviation'].includes(r.record.status)).length;
    return `  <testsuite name="${esc(name)}" tests="${rs.length}" failures="${f}" skipped="${s}">\n    ${cases.join('\n    ')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="secmatrix-cql">\n${suites.join('\n')}\n</testsuites>\n`;
}

function sumMs(rs: readonly CqlResult[]): number {
  let t = 0;
  for (const r of rs) t += r.record.durationMs;
  return t;
}

/** Per client and area: cells, statuses, summed cell time. */
export function summaryTable(results: readonly CqlResult[]): string {
  const keys = [...new Set(results.map((r) => `${r.cell.client} ${r.cell.area}`))];
  const rows = [...keys.map((k) => [k, results.filter((r) => `${r.cell.client} ${r.cell.area}` === k)] as const), ['total', results] as const];
  const header = ['client area', 'cells', ...STATUSES, 'time s'];
  const body = rows.map(([name, rs]) => [
    name,
    String(rs.length),
    ...STATUSES.map((s) => String(rs.filter((r) => r.record.status === s).length)),
    (sumMs(rs) / 1000).toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function startsTable(starts: readonly ServerStartFigure[]): string {
  const total = starts.reduce((a, s) => a + s.starts, 0);
  const lines = starts.map(
    (s) => `  ${s.serverKey.padEnd(26)} ${String(s.starts).padStart(2)} start(s)  ${(s.startMs / 1000).toFixed(1).padStart(6)} s  ${s.outcome}`,
  );
  return [`Cassandra starts: ${total} for ${starts.length} server configurations`, ...lines].join('\n');
}

export async function writeCqlReports(
  dir: string,
  results: readonly CqlResult[],
  info: { serverVersion: string; clients: Record<string, string>; suiteVersion: string; starts: readonly ServerStartFigure[] },
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const cert = certification(results, info);
  await writeFile(join(dir, 'certification.json'), `${JSON.stringify(cert, null, 2)}\n`);
  const md: string[] = [
    `# secmatrix — CQL certification (Apache Cassandra ${info.serverVersion})`,
    '',
    '```',
    summaryTable(results),
    '',
    startsTable(info.starts),
    '```',
    '',
  ];
  for (const c of cert.clients) {
    md.push(`## ${c.client.name} ${c.client.version}`, '', '| requirement | status | title | source |', '|---|---|---|---|');
    for (const r of c.requirements) md.push(`| ${r.id} | ${r.status} | ${r.title.replace(/\|/g, '\\|')} | ${r.source.replace(/\|/g, '\\|')} |`);
    const odd = c.requirements.flatMap((r) => r.cells.filter((x) => x.status !== 'passed'));
    if (odd.length)
      md.push(
        '',
        'Cells not passed:',
        '',
        ...odd.map(
          (x) =>
            `- \`${x.id}\` **${x.status}** — expected ${describeOutcome(x.expected)}, observed ${describeOutcome(x.observed)}` +
            (x.reason ? ` (${x.reason})` : ''),
        ),
      );
    md.push('');
  }
  await writeFile(join(dir, 'certification.md'), md.join('\n'));
  await writeFile(join(dir, 'junit.xml'), junit(results));
}
