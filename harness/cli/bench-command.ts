import { Command } from 'commander';
import { AREAS, type Area } from '../plan/cell.ts';
import { benchFigures } from '../run/bench-figures.ts';
import { makeTempDir } from '../util/tempdir.ts';

const fmt = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${ms.toFixed(0)} ms`);

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('time the conformance matrix on the embedded target and print the cost figures')
    .option('--only <areas>', 'comma-separated areas', 'tls,mutual-auth,credentials')
    .action(async (opts: { only: string }) => {
      const areas = opts.only.split(',').map((s) => s.trim()) as Area[];
      const { runConformance } = await import('../run/conformance-run.ts');
      const dir = await makeTempDir('bench');
      try {
        const outcome = await runConformance({ target: 'embedded', areas, grep: undefined, reportDir: dir.path, historyPath: `${dir.path}/history.jsonl`, verbose: false });
        const records = outcome.collector.tests.flatMap((t) => (t.record ? [t.record] : []));
        const f = benchFigures(records, outcome.durationMs);
        const lines = [
          `areas                 ${areas.join(', ')} (of ${AREAS.join(', ')})`,
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
