// `secmatrix run`: provision the PKI, run the area suites in vitest with the Allure reporter and a
// cell collector, then judge completeness and write every report. Nothing passes by omission: a
// cell without a record is a failure.
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createVitest } from 'vitest/node';
import { buildPki, defaultPkiRequest } from '../../../pki/index.ts';
import { generateAllureHtml } from '../../../reports/allure-html.ts';
import { writeReports } from '../../../reports/write.ts';
import type { ClientDriver } from '../../clients/driver.ts';
import type { SystemFamily, TargetOptions } from '../family.ts';
import type { Area, Cell, CellResult } from '../plan/cell.ts';
import { SUITE_OPTIONS_KEY } from '../suite/run-options.ts';
import { SUITE_VERSION } from '../util/version.ts';
import { claimSignals, onCleanup } from '../util/cleanup.ts';
import { makeTempDir } from '../util/tempdir.ts';
import { reapChildren } from '../util/reap.ts';
import { openContainerRunScope, startReaper, type ContainerRunScope } from '../containers/run-scope.ts';
import { withTimeout } from '../util/deadline.ts';
import { CellCollector } from './collector.ts';
import type { ClientInfo } from '../../../reports/certification.ts';
import { loadDeviations } from '../suite/deviations.ts';

/** Command line of vitest's worker processes (forks pool). */
const VITEST_WORKER = /vitest[\\/]dist[\\/]workers[\\/]/;

import { REPO_ROOT } from '../util/repo-root.ts';

export interface RunOptions {
  /** The system family under test (harness/families.ts). */
  family: SystemFamily;
  /**
   * The client driver: its registry name (passed to the suites), what the reports say about it (a
   * driver instance, or an adapter's hello: language, adapter and its version), and the adapter's own
   * deviations file.
   */
  client: { name: string; driver: Pick<ClientDriver, 'name' | 'version'> & Omit<ClientInfo, 'name' | 'version'>; deviationsFile?: string | undefined };
  target: string;
  /** How the target is shaped: server version, members, image, external cluster. */
  targetOptions?: TargetOptions;
  areas: Area[];
  grep: string | undefined;
  reportDir: string;
  historyPath: string;
  /** Print vitest's progress (the CLI does; the benchmark does not). */
  verbose: boolean;
  /** --deviations files (the adapter's own deviations.yaml is added to them). */
  deviations?: string[] | undefined;
}

export interface RunOutcome {
  results: CellResult[];
  reportDir: string;
  durationMs: number;
  /** 0 only if every cell met its expectation (not-applicable cells excepted). */
  exitCode: number;
  problems: string[];
  /** The client that was certified. */
  client: ClientInfo;
}

export class RunInputError extends Error {
  override name = 'RunInputError';
}

export function checkRunOptions(o: { family: Pick<SystemFamily, 'areas' | 'targetNames'>; target: string; areas: string[] }): void {
  const { areas, targetNames } = o.family;
  for (const a of o.areas) if (!areas.includes(a)) throw new RunInputError(`unknown area "${a}" (known: ${areas.join(', ')})`);
  if (!targetNames.includes(o.target)) throw new RunInputError(`unknown target "${o.target}" (known: ${targetNames.join(', ')})`);
}

function resultOf(cell: Cell, test: CellCollector['tests'][number] | undefined): CellResult {
  const rec = test?.record;
  if (!test || !rec) {
    const why = test ? `the cell's test ended (${test.state}) without a result: ${test.errors.join('; ') || 'no error given'}` : 'the cell was not run';
    return { cell, observed: { kind: 'error', message: why }, status: 'failed', reason: why, durationMs: 0 };
  }
  const result: CellResult = { cell, observed: rec.observed, status: rec.status, durationMs: rec.durationMs };
  const reason = rec.reason ?? (rec.status === 'failed' ? test.errors.join('; ') : undefined);
  if (reason) result.reason = reason;
  if (rec.evidence) result.evidence = rec.evidence;
  if (rec.deviation) result.deviation = rec.deviation;
  return result;
}

export async function runConformance(o: RunOptions): Promise<RunOutcome & { collector: CellCollector }> {
  checkRunOptions({ family: o.family, target: o.target, areas: o.areas });
  const family = o.family;
  const started = performance.now();
  // Validate the matrix before anything starts: a malformed matrix is reported with file and path.
  const cells = family.expand(o.areas, o.grep);
  if (cells.length === 0) throw new RunInputError(`no cell matches (areas ${o.areas.join(',')}${o.grep ? `, grep "${o.grep}"` : ''})`);
  // Checked before anything starts: an unknown version, a missing license or external file.
  const targetOptions: TargetOptions = { ...o.targetOptions };
  const provider = family.createTarget(o.target, targetOptions);
  const driver = o.client.driver;
  const client: ClientInfo = { name: driver.name, version: driver.version, ...(driver.language ? { language: driver.language } : {}), ...(driver.adapter ? { adapter: driver.adapter } : {}), ...(driver.adapterVersion ? { adapterVersion: driver.adapterVersion } : {}) };
  // Declared deviations are checked before anything starts: a malformed file names file and path.
  const deviationFiles = [...(o.deviations ?? []), ...(o.client.deviationsFile ? [o.client.deviationsFile] : [])];
  loadDeviations(deviationFiles);
  const containers = o.target === 'container' ? await prepareContainers(targetOptions, o.verbose) : undefined;

  const work = await makeTempDir('run');
  const endReaper = startReaper({ label: containers?.label, socket: containers?.socket, dir: work.path });
  const collector = new CellCollector();
  try {
    // Private keys live only in the run's temp dir; reports get summaries, never key material.
    const pki = await buildPki(defaultPkiRequest(), { outDir: join(work.path, 'pki') });
    const reportDir = resolve(o.reportDir);
    const resultsDir = join(reportDir, 'allure-results');
    await rm(resultsDir, { recursive: true, force: true });
    await mkdir(resultsDir, { recursive: true });
    const areasRun = [...new Set(cells.map((c) => c.area))];
    const vitest = await createVitest('test', {
      root: REPO_ROOT,
      config: join(REPO_ROOT, 'vitest.config.ts'),
      project: 'suites',
      watch: false,
      // The container label of this run's members: read where containers are made (container-spec.ts).
      ...(containers ? { env: { SECMATRIX_RUN_ID: containers.runId } } : {}),
      reporters: [...(o.verbose ? ['default' as const] : []), ['allure-vitest/reporter', { resultsDir }] as never, collector],
    });
    // The run's options and its cells, expanded once here, for every worker (inject in area-suite.ts).
    vitest.provide(SUITE_OPTIONS_KEY, {
      pkiManifest: pki.manifestPath,
      workDir: join(work.path, 'members'),
      target: o.target,
      client: o.client.name,
      grep: o.grep,
      areas: o.areas,
      deviations: deviationFiles,
      ...targetOptions,
      cells,
    });
    // Ctrl-C must also stop the workers (and the members they run), not only this process.
    // Its workers must be gone before the run's temp dir is removed (they write into it).
    const closeVitest = onCleanup('vitest run of the suites', async () => {
      await withTimeout('closing vitest', 5000, vitest.close()).catch(() => undefined);
      await reapChildren(VITEST_WORKER, 6000);
    });
    // Vitest's logger answers SIGINT / SIGTERM by exiting 1 ms later, which would cut these
    // releases short: Ctrl-C goes through our cleanup registry only.
    claimSignals();
    try {
      await vitest.start(areasRun.map((a) => `suites/${family.name}/${a}.test.ts`));
    } finally {
      await closeVitest();
    }

    const problems = [...collector.moduleErrors];
    // Every container of this run carries its id: anything still there now was left behind.
    if (containers) {
      const left = await containers.sweep();
      if (left.length) problems.push(`containers left behind by the run (now removed): ${left.join(', ')}`);
    }
    const byId = new Map(collector.tests.filter((t) => t.record).map((t) => [t.record!.cellId, t]));
    const byName = new Map(collector.tests.map((t) => [t.name, t]));
    const results = cells.map((c) => resultOf(c, byId.get(c.id) ?? byName.get(c.name)));
    const secrets = Object.values(pki.artifacts).flatMap((a) => Object.values(a.passwords).filter((p): p is string => !!p));
    await writeReports(reportDir, results, {
      system: family.system,
      serverVersion: provider.serverVersion,
      client,
      suiteVersion: SUITE_VERSION,
      matrixFingerprint: family.matrixFingerprint(),
      secrets,
      serverSecrets: (member) => family.serverSecrets(member),
    });
    try {
      await generateAllureHtml({ resultsDir, outputDir: join(reportDir, 'allure-report'), historyPath: resolve(o.historyPath), reportName: `secmatrix — ${family.system}` });
    } catch (err) {
      problems.push(`the Allure HTML report could not be generated: ${err instanceof Error ? err.message : String(err)}`);
    }
    // A declared deviation whose cells now pass is stale: the run fails, so the fix gets noticed.
    const stale = new Map<string, string[]>();
    for (const r of results) if (r.status === 'passed' && r.deviation) stale.set(r.deviation, [...(stale.get(r.deviation) ?? []), r.cell.id]);
    for (const [d, ids] of stale) problems.push(`stale declared deviation ${d} — these cells pass now, remove the entry: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ` (+${ids.length - 5})` : ''}`);
    const failed = results.some((r) => r.status === 'failed') || problems.length > 0;
    // A skipped cell is visible locally; in CI it is a failure (a missing service must not hide).
    const skippedInCi = process.env['CI'] === 'true' && results.some((r) => r.status === 'skipped');
    return { results, reportDir, durationMs: performance.now() - started, exitCode: failed || skippedInCi ? 1 : 0, problems, collector, client };
  } finally {
    await containers?.release();
    await work.remove();
    endReaper();
  }
}

/**
 * Container target: the engine answers, the reference member image of this tree exists (built when
 * Podman is here), and a sweep of the run's label is registered so Ctrl-C leaves nothing behind.
 */
async function prepareContainers(t: TargetOptions, verbose: boolean): Promise<ContainerRunScope> {
  const { useEngine } = await import('../containers/engine.ts');
  await useEngine();
  if ((t.serverVersion ?? 'reference') === 'reference' && !t.referenceImage) {
    const { buildReferenceMemberImage } = await import('../containers/images.ts');
    const { hasCommand } = await import('../containers/exec.ts');
    if (await hasCommand('podman')) {
      const r = await buildReferenceMemberImage((l) => verbose && process.stdout.write(`${l}\n`));
      t.referenceImage = r.image;
    }
  }
  return openContainerRunScope();
}
