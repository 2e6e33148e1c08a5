import { buildPki } from './pki/index.ts';
import { cqlPkiRequest } from './harness/cql/pki-request.ts';
import { makeTempDir } from './harness/util/tempdir.ts';
import { CqlRunContext } from './harness/cql/run/context.ts';
import { expandCql } from './harness/cql/plan/load.ts';
import { meets, describeOutcome } from './harness/cql/oracle/outcome.ts';
const grep = process.argv[2];
const areas = (process.argv[3] ?? 'cql-tls').split(',') as never;
const clients = (process.argv[4] ?? 'cassandra-python,cassandra-node').split(',') as never;
const work = await makeTempDir('smoke');
const pki = await buildPki(cqlPkiRequest(), { outDir: `${work.path}/pki` });
const ctx = new CqlRunContext(pki, work.path);
import { groupByServer } from './harness/cql/plan/load.ts';
const cells = groupByServer(expandCql(areas, clients, grep)).flatMap((g) => g.cells);
console.log(cells.length, 'cells');
let pass = 0, fail = 0;
try {
  for (const c of cells) {
    const r = await ctx.runCell(c);
    const m = meets(c.expected, r.observed);
    if (m.ok) pass++; else fail++;
    console.log(m.ok ? 'PASS' : 'FAIL', c.id, Math.round(r.durationMs), m.ok ? describeOutcome(r.observed) : m.why);
    if (!m.ok) console.log('   ', (r.evidence['statement'] ?? r.evidence['connect'] ?? '').slice(0, 600));
  }
} finally {
  await ctx.close();
  await work.remove();
}
console.log('pass', pass, 'fail', fail, JSON.stringify(ctx.starts));
