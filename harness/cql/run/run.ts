// `secmatrix run --only cql-tls,cql-auth,cql-permissions --client cassandra-python,cassandra-node`:
// builds the CQL PKI in the run's temp dir, runs suites/cql/cql.test.ts in vitest (Allure reporter
// and a collector), and writes the reports. Nothing passes by omission: a cell without a record fails.
// The clients come resolved through the shared adapter registry (harness/cql/run/clients.ts).
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createVitest } from 'vitest/node';
import { buildPki } from '../../../pki/index.ts';
import { generateAllureHtml } from '../../../reports/allure-html.ts';
import { CellCollector } from '../../core/run/collector.ts';
import { claimSignals, onCleanup } from '../../core/util/cleanup.ts';
import { withTimeout } from '../../core/util/deadline.ts';
import { reapChildren } from '../../core/util/reap.ts';
import { makeTempDir } from '../../core/util/tempdir.ts';
import { DEFAULT_CASSANDRA_VERSION, ensureCassandra } from '../cassandra/install.ts';
import { CQL_AREAS, type CqlArea } from '../plan/cell.ts';
import { expandCql } from '../plan/load.ts';
import { cqlPkiRequest } from '../pki-request.ts';
import type { CqlClient } from './clients.ts';
import type { ServerStartFigure, SessionFigures } from './context.ts';
import { STATS_FILE, type CqlCellRecord } from './record.ts';
import { startsTable, summaryTable, writeCqlReports, type CqlResult } from './report.ts';
import { clientDeviations } from './deviations.ts';
import { ErrorMap } from '../adapter/error-map.ts';
import { CQL_ENV, CQL_RUN_KEY } from './suite.ts';
import { targetEnv, type CqlTarget } from '../targets/index.ts';
import { preflightExternal } from '../targets/external.ts';
import { ContainerCassandra, type ServerImage } from '../targets/container.ts';
import { LOCAL_CASSANDRA_REPO } from '../containers.ts';
import { useEngine } from '../../core/containers/engine.ts';
import { ensureImage } from '../../core/containers/docker-api.ts';
import { openContainerRunScope, startReaper } from '../../core/containers/run-scope.ts';
import { REPO_ROOT } from '../../core/util/repo-root.ts';

const VITEST_WORKER = /vitest[\\/]dist[\\/]workers[\\/]/;
/** One pull of a missing image (where a registry answers); here it fails at once. */
const PULL_TIMEOUT_MS = 600_000;

export interface CqlRunOptions {
  areas: CqlArea[];
  clients: CqlClient[];
  grep?: string | undefined;
  /** `--deviations` files (the suite's format), for every client beside its adapter's own. */
  deviations?: readonly string[] | undefined;
  reportDir: string;
  historyPath?: string;
  verbose: boolean;
  /** Where the servers come from: the embedded Cassandra (default), containers, or an external cluster. */
  target?: CqlTarget;
}

export interface CqlRunOutcome {
  results: CqlResult[];
  starts: ServerStartFigure[];
  sessions: SessionFigures;
  durationMs: number;
  /** The suite's part of durationMs (vitest's run of cql.test.ts: adapters, Cassandra starts and stops, cells). */
  suiteMs: number;
  exitCode: number;
  problems: string[];
}

export function isCqlArea(a: string): a is CqlArea {
  return (CQL_AREAS as readonly string[]).includes(a);
}

export async function runCql(o: CqlRunOptions): Promise<CqlRunOutcome> {
  const started = performance.now();
  const cells = expandCql(o.areas, o.clients, o.grep);
  if (cells.length === 0)
    throw new Error(`no CQL cell matches (areas ${o.areas.join(',')}, clients ${o.clients.map((c) => c.id).join(',')}${o.grep ? `, grep "${o.grep}"` : ''})`);
  // A malformed deviations file or error map is said before anything starts.
  for (const c of o.clients) {
    clientDeviations(c.deviationsFile, o.deviations ?? []);
    ErrorMap.load(c.errorMapFile, c.id);
  }
  const target: CqlTarget = o.target ?? { kind: 'embedded' };
  // An external cluster's address and configuration are checked before anything is made.
  if (target.kind === 'external') await preflightExternal({ address: target.address, configFile: target.configFile });
  else if (target.kind === 'container') await preflightContainer(target.server);
  else await ensureCassandra(DEFAULT_CASSANDRA_VERSION);
  // Containers carry the run's label: swept on the way out (Ctrl-C too) and by the reaper if this process dies.
  const scope = target.kind === 'container' ? openContainerRunScope() : undefined;
  const work = await makeTempDir('cql-run');
  // The temp dir holds the PKI's private keys and the servers' stores: removed even when this process
  // is killed (SIGKILL, a crash), when no cleanup of ours runs; the container target's containers too.
  const endReaper = startReaper({ ...(scope ? { label: scope.label, socket: scope.socket } : {}), dir: work.path });
  const collector = new CellCollector();
  try {
    const pki = await buildPki(cqlPkiRequest(), { outDir: join(work.path, 'pki') });
    const reportDir = resolve(o.reportDir);
    const resultsDir = join(reportDir, 'allure-results');
    await rm(resultsDir, { recursive: true, force: true });
    await mkdir(resultsDir, { recursive: true });
    const vitest = await createVitest('test', {
      root: REPO_ROOT,
      config: join(REPO_ROOT, 'vitest.config.ts'),
      project: 'suites',
      watch: false,
      env: {
        [CQL_ENV.pki]: pki.manifestPath,
        [CQL_ENV.workDir]: work.path,
        [CQL_ENV.areas]: o.areas.join(','),
        [CQL_ENV.clients]: JSON.stringify(o.clients),
        [CQL_ENV.deviations]: JSON.stringify(o.deviations ?? []),
        ...(o.grep ? { [CQL_ENV.grep]: o.grep } : {}),
        ...targetEnv(target),
        ...(scope ? { SECMATRIX_RUN_ID: scope.runId } : {}),
      },
      reporters: [...(o.verbose ? ['default' as const] : []), ['allure-vitest/reporter', { resultsDir }] as never, collector],
    });
    // The suites project's global setup builds a PKI and expands every family's cells for a suite run
    // alone; test.env does not reach it (it runs in this process), this does.
    vitest.provide(CQL_RUN_KEY, true);
    const closeVitest = onCleanup('vitest run of the CQL suite', async () => {
      await withTimeout('closing vitest', 5000, vitest.close()).catch(() => undefined);
      await reapChildren(VITEST_WORKER, 8000);
    });
    claimSignals();
    const suiteStarted = performance.now();
    try {
      await vitest.start([join(REPO_ROOT, 'suites/cql/cql.test.ts')]);
    } finally {
      await closeVitest();
    }
    const suiteMs = performance.now() - suiteStarted;
    const problems = [...collector.moduleErrors];
    // Every container of this run carries its id: anything still there now was left behind.
    if (scope) {
      const left = await scope.sweep();
      if (left.length) problems.push(`containers left behind by the run (now removed): ${left.join(', ')}`);
    }
    const byId = new Map(collector.tests.map((t) => [(t.record as unknown as CqlCellRecord | undefined)?.cellId ?? t.name, t]));
    const results: CqlResult[] = cells.map((cell) => {
      const t = byId.get(cell.id);
      const rec = t?.record as unknown as CqlCellRecord | undefined;
      if (!t || !rec)
        return {
          cell,
          record: {
            cellId: cell.id,
            status: 'failed',
            expected: cell.expected,
            observed: { kind: 'error', message: 'the cell was not run' },
            reason: 'the cell was not run',
            durationMs: 0,
          },
        };
      if (rec.status === 'failed' && !rec.reason && t.errors.length) rec.reason = t.errors.join('; ');
      return { cell, record: rec };
    });
    const statsPath = join(work.path, STATS_FILE);
    const stats = existsSync(statsPath)
      ? (JSON.parse(readFileSync(statsPath, 'utf8')) as { starts: ServerStartFigure[]; sessions: SessionFigures; clients: Record<string, string> })
      : { starts: [], sessions: { cellConnects: 0, identityConnects: 0, identityReuses: 0 }, clients: {} };
    await writeCqlReports(reportDir, results, {
      serverVersion:
        target.kind === 'external'
          ? `external cluster at ${target.address}`
          : target.kind === 'container'
            ? new ContainerCassandra(target.server).serverVersion
            : DEFAULT_CASSANDRA_VERSION,
      clients: stats.clients,
      suiteVersion: '0.1.0',
      starts: stats.starts,
    });
    try {
      await generateAllureHtml({
        resultsDir,
        outputDir: join(reportDir, 'allure-report'),
        historyPath: resolve(o.historyPath ?? join(reportDir, 'history.jsonl')),
        reportName: 'secmatrix — CQL',
      });
    } catch (err) {
      problems.push(`the Allure HTML report could not be generated: ${err instanceof Error ? err.message : String(err)}`);
    }
    const failed = results.some((r) => r.record.status === 'failed') || problems.length > 0;
    return { results, starts: stats.starts, sessions: stats.sessions, durationMs: performance.now() - started, suiteMs, exitCode: failed ? 1 : 0, problems };
  } finally {
    await scope?.release();
    await work.remove();
    endReaper();
  }
}

/**
 * The container target's engine answers and its image is here (pulled once if it is not, bounded):
 * an image that cannot be had stops the run before anything is made, naming the image.
 */
export async function preflightContainer(server: ServerImage): Promise<void> {
  await useEngine();
  const hint =
    server.kind === 'local-cassandra'
      ? ' (build it with `npx secmatrix containers setup`)'
      : ` (pull or load it where a registry is reachable, or run --server-image ${LOCAL_CASSANDRA_REPO}: the image \`secmatrix containers setup\` builds)`;
  try {
    await ensureImage(server.image, PULL_TIMEOUT_MS);
  } catch (err) {
    throw new Error(`the CQL container target cannot run: ${err instanceof Error ? err.message : String(err)}${hint}`);
  }
}

export function printCqlOutcome(out: CqlRunOutcome, reportDir: string, write: (s: string) => void): void {
  write(`\n${summaryTable(out.results)}\n\n${startsTable(out.starts)}\n\n`);
  for (const r of out.results.filter((x) => x.record.status === 'failed')) write(`FAILED ${r.cell.id}: ${r.record.reason ?? ''}\n`);
  for (const r of out.results.filter((x) => x.record.status === 'deviation')) write(`DEVIATION ${r.cell.id}: ${r.record.reason ?? ''}\n`);
  for (const p of out.problems) write(`PROBLEM ${p}\n`);
  const n = (st: string) => out.results.filter((r) => r.record.status === st).length;
  // The plain count line CI sums (declared deviations and not-applicable cells count as skipped).
  const failed = n('failed') + (out.problems.length && !n('failed') ? 1 : 0);
  const counts = `Cells: ${n('passed')} passed, ${failed} failed, ${n('not-applicable') + n('skipped') + n('deviation')} skipped`;
  write(
    `\nreports in ${reportDir}: certification.json, certification.md, junit.xml, allure-report/index.html\n` +
      `${out.results.length} cells in ${(out.durationMs / 1000).toFixed(1)} s\n${counts}\n`,
  );
}
