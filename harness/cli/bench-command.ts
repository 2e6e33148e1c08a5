import { Command, InvalidArgumentError } from 'commander';
import { clientEntry, DEFAULT_CLIENT } from '../clients/registry.ts';
import { DEFAULT_CQL_CLIENTS } from '../cql/run/clients.ts';
import { CQL_AREAS } from '../cql/plan/cell.ts';
import { benchFigures, type BenchFigures } from '../core/run/bench-figures.ts';
import { makeTempDir } from '../core/util/tempdir.ts';
import { familyByName } from '../families.ts';

const fmt = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${ms.toFixed(0)} ms`);

interface Column {
  target: string;
  figures: BenchFigures;
  failed: number;
  exitCode: number;
}

const ROWS: Array<[string, (c: Column) => string]> = [
  ['cells', (c) => String(c.figures.cells)],
  ['wall time', (c) => `${c.figures.wallSeconds.toFixed(1)} s`],
  ['member starts', (c) => String(c.figures.memberStarts)],
  ['client connections', (c) => String(c.figures.clientConnections)],
  ['median positive cell', (c) => fmt(c.figures.medianPositiveMs)],
  ['median negative cell', (c) => fmt(c.figures.medianNegativeMs)],
  // A group's first cell also waits for its member to start (counted above as a member start).
  ['  member running: +', (c) => fmt(c.figures.medianPositiveRunningMs)],
  ['  member running: -', (c) => fmt(c.figures.medianNegativeRunningMs)],
  ['  first cell (start)', (c) => fmt(c.figures.medianFirstCellMs)],
  ['cells failed', (c) => String(c.failed)],
];

/** The figures of one or more targets side by side, one column each. */
export function benchTable(areas: readonly string[], allAreas: readonly string[], columns: readonly Column[]): string {
  const label = 22;
  const width = Math.max(12, ...columns.map((c) => c.target.length + 2));
  const lines = [`${'areas'.padEnd(label)}${areas.join(', ')} (of ${allAreas.join(', ')})`];
  if (columns.length > 1) lines.push(`${''.padEnd(label)}${columns.map((c) => c.target.padStart(width)).join('')}`);
  for (const [name, value] of ROWS) lines.push(`${name.padEnd(label)}${columns.map((c) => (columns.length > 1 ? value(c).padStart(width) : value(c))).join('')}`);
  lines.push(`${''.padEnd(label)}(wall time: PKI from cache, vitest start, all cells, reports${columns.some((c) => c.target === 'container') ? '; container: image check and member containers' : ''})`);
  return lines.join('\n');
}

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('time the conformance matrix and print the cost figures (with --target container: beside the embedded figures; for the CQL areas: Cassandra starts, client sessions, cell times by action kind, client and area)')
    .option('--only <areas>', `comma-separated areas (or the CQL areas ${CQL_AREAS.join(', ')})`, 'tls,mutual-auth,credentials')
    .option('--target <name>', 'embedded, or container (also runs embedded and prints both side by side)', 'embedded')
    .option('--grep <pattern>', 'only cells whose id, name or requirement contains this (or /regex/)')
    .option('--client <clients>', `CQL areas: comma-separated clients (NAME[@VERSION] or an adapter PATH, as for run; default: ${DEFAULT_CQL_CLIENTS.join(', ')})`)
    .action(async (opts: { only: string; target: string; grep?: string; client?: string }, command: Command) => {
      if (opts.target !== 'embedded' && opts.target !== 'container') throw new InvalidArgumentError(`--target must be embedded or container, not "${opts.target}"`);
      const areas = opts.only.split(',').map((s) => s.trim()).filter(Boolean);
      const isCql = (a: string) => (CQL_AREAS as readonly string[]).includes(a);
      if (areas.some(isCql)) {
        // The CQL areas: their own run path (harness/cql/run), as `secmatrix run` takes it.
        if (!areas.every(isCql)) command.error(`error: CQL areas (${CQL_AREAS.join(', ')}) are benched separately from the Hazelcast areas: ${areas.join(',')}`);
        if (opts.target !== 'embedded') command.error('error: the CQL areas run against the embedded Apache Cassandra only');
        const values = opts.client ? opts.client.split(',').map((s) => s.trim()).filter(Boolean) : [...DEFAULT_CQL_CLIENTS];
        const [{ benchCql }, { resolveCqlClients }] = await Promise.all([import('../cql/run/bench.ts'), import('../cql/run/clients.ts')]);
        const clients = await resolveCqlClients(values, (l) => process.stdout.write(`${l}\n`)).catch((e: Error) => command.error(`error: ${e.message}`));
        process.exitCode = await benchCql({ areas: areas as never, clients, grep: opts.grep }, (l) => process.stdout.write(l));
        return;
      }
      if (opts.client) command.error('error: --client is for the CQL areas (the Hazelcast bench times the family\'s own client)');
      const family = await familyByName();
      const client = clientEntry(DEFAULT_CLIENT[family.name]!);
      const { runConformance } = await import('../core/run/conformance-run.ts');
      const targets = opts.target === 'container' ? ['embedded', 'container'] : ['embedded'];
      const columns: Column[] = [];
      for (const target of targets) {
        const dir = await makeTempDir('bench');
        try {
          const outcome = await runConformance({ family, client: { name: client.name, driver: await client.create() }, target, areas, grep: opts.grep, reportDir: dir.path, historyPath: `${dir.path}/history.jsonl`, verbose: false });
          const records = outcome.collector.tests.flatMap((t) => (t.record ? [t.record] : []));
          columns.push({ target, figures: benchFigures(records, outcome.durationMs), failed: outcome.results.filter((r) => r.status === 'failed').length, exitCode: outcome.exitCode });
        } finally {
          await dir.remove();
        }
      }
      process.stdout.write(`${benchTable(areas, family.areas, columns)}\n`);
      process.exitCode = Math.max(...columns.map((c) => c.exitCode));
    });
}
