// `secmatrix bench --only cql-…`: one CQL run (the same path as `secmatrix run`, reports into a temp
// dir that goes afterwards) and its cost figures printed. Returns the run's exit code.
import { makeTempDir } from '../../core/util/tempdir.ts';
import type { CqlClient } from './clients.ts';
import type { CqlArea } from '../plan/cell.ts';
import { cqlBenchFigures, cqlBenchTable } from './bench-figures.ts';
import { runCql } from './run.ts';

export async function benchCql(o: { areas: CqlArea[]; clients: CqlClient[]; grep?: string | undefined }, write: (s: string) => void): Promise<number> {
  const dir = await makeTempDir('bench');
  try {
    const out = await runCql({ ...o, reportDir: dir.path, historyPath: `${dir.path}/history.jsonl`, verbose: false });
    write(`${cqlBenchTable(cqlBenchFigures(out), o.areas)}\n`);
    for (const r of out.results.filter((x) => x.record.status === 'failed')) write(`FAILED ${r.cell.id}: ${r.record.reason ?? ''}\n`);
    for (const p of out.problems) write(`PROBLEM ${p}\n`);
    return out.exitCode;
  } finally {
    await dir.remove();
  }
}
