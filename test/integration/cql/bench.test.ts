// `secmatrix bench` on a small CQL grep: three server configurations (the password one with its
// permission cells, the MutualTlsAuthenticator that needs two starts, and one Cassandra rejects),
// against a real Cassandra. The printed figures must agree with the cells the grep chooses —
// Cassandra starts by the rule, sessions, cells per area — and nothing fails. No timing thresholds.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cassandraLib } from '../../../harness/cql/cassandra/install.ts';
import { expandCql, groupByServer } from '../../../harness/cql/plan/load.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const GREP = '/CQL-AUTH-0[135]|CQL-PERM-01/';
const missing = !cassandraLib() ? 'Cassandra jars not resolved (.ci/setup-cassandra.sh)' : undefined;
// The bench's own temp dir (TMPDIR): what it leaves there is its own, whatever else runs on the machine.
const TMP = mkdtempSync(join(tmpdir(), 'secmatrix-bench-test-'));

function bench(args: string[]): Promise<{ code: number | string | null; output: string }> {
  let output = '';
  const child = spawn(process.execPath, [join(ROOT, 'harness/cli/secmatrix.mjs'), 'bench', ...args], {
    cwd: ROOT,
    env: { ...process.env, SECMATRIX_FROM_SOURCE: '1', TMPDIR: TMP },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  // Bounded: the run's own bounds (180 s per start) end it well before this.
  const timer = setTimeout(() => child.kill('SIGINT'), 280_000);
  return new Promise((res) =>
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      res({ code: code ?? signal, output });
    }),
  );
}

function figure(output: string, re: RegExp): RegExpMatchArray {
  const m = output.match(re);
  expect(m, `${re} in:\n${output}`).not.toBeNull();
  return m!;
}

describe('secmatrix bench of the CQL areas', () => {
  afterAll(() => rmSync(TMP, { recursive: true, force: true }));

  it('mixed Hazelcast and CQL areas are a usage error, before anything starts', async () => {
    const r = await bench(['--only', 'tls,cql-tls']);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/CQL areas .* are benched separately from the Hazelcast areas/);
  });

  it.skipIf(!!missing)(
    `prints figures that agree with the chosen cells${missing ? ` (skipped: ${missing})` : ''}`,
    async () => {
      const cells = expandCql(['cql-auth', 'cql-permissions'], ['cassandra-node'], GREP);
      const groups = groupByServer(cells);
      // What the grep must choose for the test to mean something: a configuration needing two starts, one rejected, identity sessions.
      expect(groups.map((g) => g.serverKey).sort()).toEqual(['mtls', 'mtls-without-client-auth', 'password']);
      const mutualOnly = groups.filter((g) => g.server.authenticator === 'MutualTlsAuthenticator' && g.server.tls?.requireClientAuth).length;
      const permissionCells = cells.filter((c) => c.action.kind !== 'connect').length;
      const rejectedCells = cells.filter((c) => c.serverKey === 'mtls-without-client-auth').length;
      const notApplicable = cells.filter((c) => c.expected.kind === 'not-applicable').length;

      const r = await bench(['--only', 'cql-auth,cql-permissions', '--client', 'cassandra-node', '--grep', GREP]);
      expect(r.code, r.output).toBe(0);
      const out = r.output;
      expect(Number(figure(out, /^cells\s+(\d+)$/m)[1])).toBe(cells.length);
      expect(Number(figure(out, /^cells failed\s+(\d+)$/m)[1])).toBe(0);
      expect(out).not.toMatch(/^(FAILED|PROBLEM) /m);
      expect(Number(figure(out, /^server configurations\s+(\d+)$/m)[1])).toBe(groups.length);
      const starts = figure(out, /^Cassandra starts\s+(\d+) \(rule: .* = (\d+); (held|BROKEN)\)$/m);
      expect([Number(starts[1]), Number(starts[2]), starts[3]]).toEqual([groups.length + mutualOnly, groups.length + mutualOnly, 'held']);
      expect(figure(out, /^configurations rejected\s+(.*)$/m)[1]).toBe('1: mtls-without-client-auth');
      const s = figure(out, /^client sessions opened\s+(\d+) for (\d+) cells that used one \((\d+) identity sessions for (\d+) permission cells\)$/m)
        .slice(1)
        .map(Number);
      const [opened, used, identitySessions, identityCells] = s as [number, number, number, number];
      expect(used).toBe(cells.length - rejectedCells - notApplicable);
      expect(identityCells).toBe(permissionCells);
      // One session per identity: the permission cells share few sessions.
      expect(identitySessions).toBeGreaterThan(0);
      expect(identitySessions).toBeLessThan(identityCells);
      expect(opened).toBe(used - identityCells + identitySessions);
      // Per area, the cells add up; the kind table counts the cells that ran against a running server.
      const areaCells = [...out.matchAll(/^ {2}(cql-[a-z]+)\s+(\d+)\s+(\d+)\s/gm)].map((m) => [m[1], Number(m[2]), Number(m[3])]);
      expect(areaCells).toEqual([
        ['cql-auth', cells.filter((c) => c.area === 'cql-auth').length, 3],
        ['cql-permissions', permissionCells, 1],
      ]);
      const kindCells = [...out.matchAll(/^ {2}(connect|statement|grant|superuser)\s.*\((\d+)\)$/gm)].map((m) => Number(m[2]));
      expect(kindCells.reduce((a, b) => a + b, 0)).toBe(used);
      // Its reports and the run's work dir (PKI keys, Cassandra data) are gone (tsx keeps its compile cache there).
      expect(readdirSync(TMP).filter((d) => !d.startsWith('tsx-'))).toEqual([]);
    },
    300_000,
  );
});
