import { Command } from 'commander';
import { clientEntry, DEFAULT_CLIENT } from '../clients/registry.ts';
import { benchFigures } from '../core/run/bench-figures.ts';
import { makeTempDir } from '../core/util/tempdir.ts';
import { familyByName } from '../families.ts';

const fmt = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${ms.toFixed(0)} ms`);

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('time the conformance matrix on the embedded target and print the cost figures')
    .option('--only <areas>', 'comma-separated areas', 'tls,mutual-auth,credentials')
    .action(async (opts: { only: string }) => {
      const family = await familyByName();
      const client = clientEntry(DEFAULT_CLIENT[family.name]!);
      const areas = opts.only.split(',').map((s) => s.trim());
      const { runConformance } = await import('../core/run/conformance-run.ts');
      const dir = await makeTempDir('bench');
      try {
        const outcome = await runConformance({ family, client: { name: client.name, driver: await client.create() }, target: 'embedded', areas, grep: undefined, reportDir: dir.path, historyPath: `${dir.path}/history.jsonl`, verbose: false });
        const records = outcome.collector.tests.flatMap((t) => (t.record ? [t.record] : []));
        const f = benchFigures(records, outcome.durationMs);
        const lines = [
          `areas                 ${areas.join(', ')} (of ${family.areas.join(', ')})`,
          `cells                 ${f.cells}`,
          `wall time             ${f.wallSeconds.toFixed(1)} s (PKI from cache, vitest start, all cells, reports)`,
          `member starts         ${f.memberStarts}`,
          `client connections    ${f.clientConnections}`,
          `median positive cell  ${fmt(f.medianPositiveMs)}`,
          `median negative cell  ${fmt(f.medianNegativeMs)}`,
          `cells failed          ${outcome.results.filter((r) => r.status === 'failed').length}`,
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
        process.exitCode = outcome.exitCode;
      } finally {
        await dir.remove();
      }
    });
}
