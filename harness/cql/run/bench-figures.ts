// `secmatrix bench` for the CQL areas: the cost figures of one CQL run (cells, Cassandra starts against
// the issue's rule, client sessions, cell times by action kind, client and area) and their table.
// Pure: the run's results and its stats file in, figures out.
import type { CqlServerSetup } from '../model.ts';
import type { CqlAction } from '../plan/cell.ts';
import type { ServerStartFigure, SessionFigures } from './context.ts';
import type { CqlResult } from './report.ts';

export interface CqlBenchInput {
  results: readonly CqlResult[];
  starts: readonly ServerStartFigure[];
  sessions: SessionFigures;
  durationMs: number;
  suiteMs: number;
}

/** The action kinds of the table; `superuser` is a statement the superuser runs that Cassandra refuses (superuser-cql). */
export const ACTION_KINDS = ['connect', 'statement', 'grant', 'superuser'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export interface TimedGroup {
  /** Cells that ran against a running server (not declared not applicable, their server started). */
  cells: number;
  medianMs: number | undefined;
}

export interface CqlBenchFigures {
  cells: number;
  failed: number;
  wallSeconds: number;
  suiteSeconds: number;
  /** Sum over configurations of the time to bring their server up (its start(s) and fixtures). */
  startSeconds: number;
  /** Sum of the cells' own times. */
  cellSeconds: number;
  /** Distinct server configurations of the chosen cells. */
  configurations: number;
  cassandraStarts: number;
  /** The rule: one start per distinct configuration, two for the MutualTlsAuthenticator with required client auth. */
  allowedStarts: number;
  /** Configurations started more than once as a group, or with more starts than the rule allows. */
  overStarted: string[];
  /** Configurations of the cells that were never started. */
  notStarted: string[];
  medianStartMs: number | undefined;
  maxStart: { serverKey: string; ms: number } | undefined;
  rejected: string[];
  startFailed: string[];
  /** Connect requests to the adapters = sessions opened (or refused, as the cell tested). */
  sessionsOpened: number;
  /** Cells that used a session: each connect cell its own, each permission cell its identity's. */
  cellsUsingSession: number;
  identitySessions: number;
  identityCells: number;
  clients: string[];
  /** Median cell time by action kind, per client (and `all`). */
  byKind: Record<ActionKind, Record<string, TimedGroup>>;
  /** Per area: all its cells, its configurations, its summed cell time, the median of its timed cells. */
  byArea: Array<{ area: string; cells: number; configurations: number; cellSeconds: number; medianMs: number | undefined }>;
}

export function median(xs: readonly number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** How many Cassandra starts a configuration may take (the issue's rule, as harness/cql/run/context.ts starts it). */
export function startsAllowed(server: CqlServerSetup): number {
  // The identities must be added before the MutualTlsAuthenticator is on: a first start with the password fallback.
  return server.authenticator === 'MutualTlsAuthenticator' && server.tls?.requireClientAuth ? 2 : 1;
}

export function actionKind(a: CqlAction): ActionKind {
  return a.kind === 'superuser-cql' ? 'superuser' : a.kind;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export function cqlBenchFigures(input: CqlBenchInput): CqlBenchFigures {
  const { results, starts, sessions } = input;
  const configs = new Map<string, CqlServerSetup>();
  for (const r of results) if (!configs.has(r.cell.serverKey)) configs.set(r.cell.serverKey, r.cell.server);
  const startedKeys = new Set(starts.filter((s) => s.outcome === 'started').map((s) => s.serverKey));
  const seen = new Map<string, number>();
  for (const s of starts) seen.set(s.serverKey, (seen.get(s.serverKey) ?? 0) + 1);
  const overStarted = [...seen.keys()].filter((k) => {
    const server = configs.get(k);
    return seen.get(k)! > 1 || sum(starts.filter((s) => s.serverKey === k).map((s) => s.starts)) > (server ? startsAllowed(server) : 1);
  });
  // Timed: the cell ran against a running server (declared not-applicable cells and cells of a server that did not start cost nothing).
  const timed = results.filter((r) => startedKeys.has(r.cell.serverKey) && r.record.status !== 'not-applicable' && r.record.status !== 'skipped');
  const group = (rs: readonly CqlResult[]): TimedGroup => ({ cells: rs.length, medianMs: median(rs.map((r) => r.record.durationMs)) });
  const clients = [...new Set(results.map((r) => r.cell.client))];
  const byKind = Object.fromEntries(
    ACTION_KINDS.map((k) => {
      const rs = timed.filter((r) => actionKind(r.cell.action) === k);
      return [k, Object.fromEntries([...clients.map((c) => [c, group(rs.filter((r) => r.cell.client === c))] as const), ['all', group(rs)] as const])];
    }),
  ) as Record<ActionKind, Record<string, TimedGroup>>;
  const areas = [...new Set(results.map((r) => r.cell.area))];
  const ready = starts.filter((s) => s.outcome === 'started');
  const slowest = ready.reduce<ServerStartFigure | undefined>((m, s) => (!m || s.startMs > m.startMs ? s : m), undefined);
  return {
    cells: results.length,
    failed: results.filter((r) => r.record.status === 'failed').length,
    wallSeconds: input.durationMs / 1000,
    suiteSeconds: input.suiteMs / 1000,
    startSeconds: sum(starts.map((s) => s.startMs)) / 1000,
    cellSeconds: sum(results.map((r) => r.record.durationMs)) / 1000,
    configurations: configs.size,
    cassandraStarts: sum(starts.map((s) => s.starts)),
    allowedStarts: sum([...configs.values()].map(startsAllowed)),
    overStarted,
    notStarted: [...configs.keys()].filter((k) => !seen.has(k)),
    medianStartMs: median(ready.map((s) => s.startMs)),
    maxStart: slowest ? { serverKey: slowest.serverKey, ms: slowest.startMs } : undefined,
    rejected: starts.filter((s) => s.outcome === 'config-rejected').map((s) => s.serverKey),
    startFailed: starts.filter((s) => s.outcome === 'failed').map((s) => s.serverKey),
    sessionsOpened: sessions.cellConnects + sessions.identityConnects,
    cellsUsingSession: sessions.cellConnects + sessions.identityConnects + sessions.identityReuses,
    identitySessions: sessions.identityConnects,
    identityCells: sessions.identityConnects + sessions.identityReuses,
    clients,
    byKind,
    byArea: areas.map((area) => {
      const rs = results.filter((r) => r.cell.area === area);
      return {
        area,
        cells: rs.length,
        configurations: new Set(rs.map((r) => r.cell.serverKey)).size,
        cellSeconds: sum(rs.map((r) => r.record.durationMs)) / 1000,
        medianMs: group(timed.filter((r) => r.cell.area === area)).medianMs,
      };
    }),
  };
}

const ms = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(0)} ms`);
const s1 = (x: number) => `${x.toFixed(1)} s`;
const sec = (x: number | undefined) => (x === undefined ? 'n/a' : s1(x / 1000));
const list = (xs: readonly string[]) => (xs.length ? `${xs.length}: ${xs.join(', ')}` : '0');

/** The figures as `secmatrix bench` prints them (one `label value` line each; tables for kinds and areas). */
export function cqlBenchTable(f: CqlBenchFigures, areas: readonly string[]): string {
  const label = 26;
  const row = (name: string, value: string) => `${name.padEnd(label)}${value}`;
  const rule = f.overStarted.length === 0 && f.notStarted.length === 0 && f.cassandraStarts <= f.allowedStarts;
  const lines = [
    row('areas', `${areas.join(', ')} (clients ${f.clients.join(', ')})`),
    row('cells', String(f.cells)),
    row('cells failed', String(f.failed)),
    row('wall time', `${s1(f.wallSeconds)} (Cassandra jars check, PKI from cache, vitest, the suite, reports with the Allure HTML)`),
    row('  suite', `${s1(f.suiteSeconds)} (adapters, Cassandra starts and stops, cells)`),
    row('    server starts', `${s1(f.startSeconds)} (start(s) and fixtures, summed over configurations)`),
    row('    cells', `${s1(f.cellSeconds)} (summed cell times)`),
    row('    rest', `${s1(f.suiteSeconds - f.startSeconds - f.cellSeconds)} (adapters, Cassandra stops, vitest collection)`),
    row('  outside the suite', s1(f.wallSeconds - f.suiteSeconds)),
    row('server configurations', String(f.configurations)),
    row(
      'Cassandra starts',
      `${f.cassandraStarts} (rule: one per configuration, two for the MutualTlsAuthenticator = ${f.allowedStarts}; ${rule ? 'held' : 'BROKEN'})`,
    ),
    ...(f.overStarted.length ? [row('  started too often', f.overStarted.join(', '))] : []),
    ...(f.notStarted.length ? [row('  never started', f.notStarted.join(', '))] : []),
    row(
      'start per configuration',
      `median ${sec(f.medianStartMs)}, max ${sec(f.maxStart?.ms)}${f.maxStart ? ` (${f.maxStart.serverKey})` : ''} (started ones)`,
    ),
    row('configurations rejected', list(f.rejected)),
    ...(f.startFailed.length ? [row('configurations failed', list(f.startFailed))] : []),
    row(
      'client sessions opened',
      `${f.sessionsOpened} for ${f.cellsUsingSession} cells that used one (${f.identitySessions} identity sessions for ${f.identityCells} permission cells)`,
    ),
  ];
  const cols = [...f.clients, 'all'];
  const width = Math.max(18, ...cols.map((c) => c.length + 2));
  lines.push('', `${'median cell (cells)'.padEnd(label)}${cols.map((c) => c.padStart(width)).join('')}`);
  for (const k of ACTION_KINDS) {
    if (f.byKind[k].all!.cells === 0) continue;
    lines.push(`${`  ${k}`.padEnd(label)}${cols.map((c) => `${ms(f.byKind[k][c]!.medianMs)} (${f.byKind[k][c]!.cells})`.padStart(width)).join('')}`);
  }
  lines.push('', `${'area'.padEnd(label)}${['cells', 'configurations', 'time in cells', 'median cell'].map((h) => h.padStart(16)).join('')}`);
  for (const a of f.byArea)
    lines.push(
      `${`  ${a.area}`.padEnd(label)}${[String(a.cells), String(a.configurations), s1(a.cellSeconds), ms(a.medianMs)].map((v) => v.padStart(16)).join('')}`,
    );
  return lines.join('\n');
}
