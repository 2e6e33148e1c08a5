// The CQL bench figures: Cassandra starts against the rule (one per configuration, two for the
// MutualTlsAuthenticator), sessions, medians by action kind and client, per area; and their table.
import { describe, expect, it } from 'vitest';
import type { CqlServerSetup } from '../../../harness/cql/model.ts';
import type { CqlAction, CqlArea, CqlCell } from '../../../harness/cql/plan/cell.ts';
import { cqlBenchFigures, cqlBenchTable, median, startsAllowed, type CqlBenchInput } from '../../../harness/cql/run/bench-figures.ts';
import type { ServerStartFigure } from '../../../harness/cql/run/context.ts';
import type { CqlCellStatus } from '../../../harness/cql/run/record.ts';
import type { CqlResult } from '../../../harness/cql/run/report.ts';

const tls = { serverCert: 'member-rsa', storeFormat: 'pkcs12', trustCa: 'root-ca', requireClientAuth: true } as unknown as NonNullable<CqlServerSetup['tls']>;
const SERVERS: Record<string, CqlServerSetup> = {
  password: { tls: null, authenticator: 'PasswordAuthenticator', authorizer: 'CassandraAuthorizer' },
  mtls: { tls, authenticator: 'MutualTlsAuthenticator', authorizer: 'AllowAllAuthorizer' },
  'mtls-without-client-auth': { tls: { ...tls, requireClientAuth: false }, authenticator: 'MutualTlsAuthenticator', authorizer: 'AllowAllAuthorizer' },
  'mtls-fallback': { tls, authenticator: 'MutualTlsWithPasswordFallbackAuthenticator', authorizer: 'AllowAllAuthorizer' },
};

const CONNECT: CqlAction = { kind: 'connect' };
const STATEMENT: CqlAction = { kind: 'statement', statement: 'select', cql: 'SELECT 1', grants: [], via: 'direct', as: 'probe', setup: [], teardown: [] };
const SUPERUSER: CqlAction = { kind: 'superuser-cql', cql: 'DROP KEYSPACE system' };

let seq = 0;
function result(serverKey: string, action: CqlAction, durationMs: number, o: { client?: string; area?: CqlArea; status?: CqlCellStatus } = {}): CqlResult {
  const client = o.client ?? 'cassandra-node';
  const cell = {
    id: `${client}/X/${serverKey}/${++seq}`,
    area: o.area ?? (action.kind === 'connect' ? 'cql-auth' : 'cql-permissions'),
    client,
    serverKey,
    server: SERVERS[serverKey]!,
    action,
  } as unknown as CqlCell;
  return { cell, record: { cellId: cell.id, status: o.status ?? 'passed', expected: { kind: 'ok' }, observed: { kind: 'ok' }, durationMs } };
}
const start = (serverKey: string, starts: number, startMs: number, outcome: ServerStartFigure['outcome'] = 'started'): ServerStartFigure => ({
  serverKey,
  starts,
  startMs,
  outcome,
});

function input(results: CqlResult[], starts: ServerStartFigure[], over: Partial<CqlBenchInput> = {}): CqlBenchInput {
  return { results, starts, sessions: { cellConnects: 0, identityConnects: 0, identityReuses: 0 }, durationMs: 60_000, suiteMs: 50_000, ...over };
}

describe('CQL bench figures', () => {
  it('the start rule: one start per configuration, two for the MutualTlsAuthenticator with required client auth', () => {
    expect(startsAllowed(SERVERS['password']!)).toBe(1);
    expect(startsAllowed(SERVERS['mtls']!)).toBe(2);
    // Refused by Cassandra at its one start; the fallback authenticator needs no first start.
    expect(startsAllowed(SERVERS['mtls-without-client-auth']!)).toBe(1);
    expect(startsAllowed(SERVERS['mtls-fallback']!)).toBe(1);
    expect(median([])).toBeUndefined();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('counts starts against the configurations of the cells; rejected configurations; start medians over started ones', () => {
    const results = [
      result('password', CONNECT, 10),
      result('password', CONNECT, 30),
      result('mtls', CONNECT, 20),
      result('mtls-without-client-auth', CONNECT, 1, { status: 'passed' }),
    ];
    const f = cqlBenchFigures(
      input(results, [start('password', 1, 6000), start('mtls', 2, 14000), start('mtls-without-client-auth', 1, 3000, 'config-rejected')]),
    );
    expect(f).toMatchObject({
      cells: 4,
      failed: 0,
      configurations: 3,
      cassandraStarts: 4,
      allowedStarts: 4,
      overStarted: [],
      notStarted: [],
      rejected: ['mtls-without-client-auth'],
      startFailed: [],
      medianStartMs: 10000,
      maxStart: { serverKey: 'mtls', ms: 14000 },
      wallSeconds: 60,
      suiteSeconds: 50,
      startSeconds: 23,
      cellSeconds: 0.061,
    });
    // The rejected configuration's cell is not a cell time: the median is over the running servers' cells.
    expect(f.byKind.connect['all']).toEqual({ cells: 3, medianMs: 20 });
    expect(cqlBenchTable(f, ['cql-auth'])).toMatch(/^Cassandra starts\s+4 \(rule: .* = 4; held\)$/m);
    expect(cqlBenchTable(f, ['cql-auth'])).toMatch(/^ {4}rest\s+26\.9 s /m);
  });

  it('a configuration started twice, one started too often and one never started break the rule', () => {
    const results = [result('password', CONNECT, 10), result('mtls', CONNECT, 20), result('password', CONNECT, 10), result('mtls-fallback', CONNECT, 5)];
    const f = cqlBenchFigures(
      input(results, [start('password', 1, 6000), start('mtls', 2, 9000), start('password', 1, 6000), start('mtls-fallback', 2, 9000)]),
    );
    expect(f.overStarted).toEqual(['password', 'mtls-fallback']);
    expect(f.cassandraStarts).toBe(6);
    expect(f.allowedStarts).toBe(4);
    const g = cqlBenchFigures(input(results, [start('password', 1, 6000)]));
    expect(g.notStarted).toEqual(['mtls', 'mtls-fallback']);
    expect(g.byKind.connect['all']!.cells).toBe(2);
    const table = cqlBenchTable(g, ['cql-auth']);
    expect(table).toMatch(/^Cassandra starts\s+1 \(.*; BROKEN\)$/m);
    expect(table).toMatch(/^ {2}never started\s+mtls, mtls-fallback$/m);
  });

  it('sessions: one per connect cell, one per identity reused by its permission cells', () => {
    const f = cqlBenchFigures(input([], [], { sessions: { cellConnects: 11, identityConnects: 2, identityReuses: 5 } }));
    expect(f).toMatchObject({ sessionsOpened: 13, cellsUsingSession: 18, identitySessions: 2, identityCells: 7 });
    expect(cqlBenchTable(f, [])).toMatch(/^client sessions opened\s+13 for 18 cells that used one \(2 identity sessions for 7 permission cells\)$/m);
  });

  it('medians by action kind and client, without not-applicable cells; time and median per area; failures counted', () => {
    const py = { client: 'cassandra-python' };
    const results = [
      result('password', CONNECT, 300, py),
      result('password', CONNECT, 500, py),
      result('password', CONNECT, 0, { ...py, status: 'not-applicable' }),
      result('password', CONNECT, 80),
      result('password', STATEMENT, 6, py),
      result('password', STATEMENT, 40, { status: 'failed' }),
      result('password', STATEMENT, 20),
      result('password', SUPERUSER, 9, { ...py, status: 'deviation' }),
    ];
    const f = cqlBenchFigures(input(results, [start('password', 1, 5000)]));
    expect(f.clients).toEqual(['cassandra-python', 'cassandra-node']);
    expect(f.failed).toBe(1);
    expect(f.byKind.connect).toEqual({
      'cassandra-python': { cells: 2, medianMs: 400 },
      'cassandra-node': { cells: 1, medianMs: 80 },
      all: { cells: 3, medianMs: 300 },
    });
    expect(f.byKind.statement['cassandra-node']).toEqual({ cells: 2, medianMs: 30 });
    expect(f.byKind.superuser['all']).toEqual({ cells: 1, medianMs: 9 });
    expect(f.byKind.grant['all']).toEqual({ cells: 0, medianMs: undefined });
    expect(f.byArea).toEqual([
      { area: 'cql-auth', cells: 4, configurations: 1, cellSeconds: 0.88, medianMs: 300 },
      { area: 'cql-permissions', cells: 4, configurations: 1, cellSeconds: 0.075, medianMs: 14.5 },
    ]);
    const table = cqlBenchTable(f, ['cql-auth', 'cql-permissions']);
    expect(table).toMatch(/^ {2}connect\s+400 ms \(2\)\s+80 ms \(1\)\s+300 ms \(3\)$/m);
    expect(table).not.toMatch(/^ {2}grant/m);
    expect(table).toMatch(/^ {2}cql-permissions\s+4\s+1\s+0\.1 s\s+15 ms$/m);
    expect(table).toMatch(/^cells failed\s+1$/m);
  });
});
