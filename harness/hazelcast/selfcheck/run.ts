// `secmatrix selfcheck`: mutation testing turned on the system under test. The reference member is
// started with each fault of its catalogue in turn, the cells that concern the broken rule run
// against it, and a fault is caught when at least one cell that passes on the unmodified member
// fails with the fault. Suite strength = caught faults / faults.
//
// Cost: one PKI for everything; the realms services (slapd, KDC) once, when a probe needs them; the
// cells run in this process through the same pieces as `secmatrix run` (RunContext, runCell, the
// embedded target, the Node client driver, the oracle's judge) — without vitest and report
// writing per fault, which would cost more than the cells themselves. Faults run one after the
// other (a fault is process-wide in the member).
import { join } from 'node:path';
import { buildPki, defaultPkiRequest } from '../../../pki/index.ts';
import { NodeClientDriver } from '../../clients/node-client/driver.ts';
import { setActiveFault, type FaultDefinition, type FaultName } from '../reference-member/index.ts';
import { CLIENT_FAULTS, type ClientFaultName } from '../../clients/node-client/client-faults.ts';
import { ALL_FAULTS } from './probes.ts';

export { ALL_FAULTS };
type AnyFault = FaultName | ClientFaultName;
const isClientFault = (name: string): name is ClientFaultName => CLIENT_FAULTS.some((f) => f.name === name);
import { judge, describeOutcome } from '../../core/oracle/judge.ts';
import type { HazelcastArea as Area, HazelcastCell as Cell } from '../model.ts';
import { planGroups } from '../../core/plan/index.ts';
import { expandMatrices } from '../plan/expand.ts';
import { realmAreaServices } from '../services/realm-area.ts';
import { runCell } from '../../core/suite/cell-test.ts';
import { RunContext, type RunServices } from '../../core/suite/run-context.ts';
import { EmbeddedTarget } from '../targets/embedded.ts';
import { makeTempDir } from '../../core/util/tempdir.ts';
import { PROBES, type Probe } from './probes.ts';

export type CellVerdict = 'passed' | 'failed' | 'not-applicable' | 'skipped' | 'deviation';

export interface CellRunResult {
  cellId: string;
  status: CellVerdict;
  expected: string;
  observed: string;
  reason?: string;
}

export interface FaultResult extends FaultDefinition {
  /** Where the fault is injected: the reference member, or the client driver (against the unmodified member). */
  side: 'member' | 'client';
  probe: Probe;
  cells: number;
  caught: boolean;
  /** Cells that pass on the unmodified member and failed with the fault: what caught it. */
  caughtBy: CellRunResult[];
  /** Cells not run (a missing service, not applicable to the client). */
  notRun: number;
  durationMs: number;
}

export interface SelfcheckResult {
  suiteStrength: { caught: number; total: number; ratio: number };
  /** The unmodified member over every probe's cells: all must pass (else a catch proves nothing). */
  baseline: { cells: number; passed: number; failed: CellRunResult[]; notRun: number; durationMs: number };
  faults: FaultResult[];
  survivors: string[];
  durationMs: number;
  /** Why some probe could not run (e.g. no slapd/KDC for the realms probe). */
  problems: string[];
}

export interface SelfcheckOptions {
  /** Only these faults (default: the whole catalogue). */
  faults?: string[];
  /** Progress lines. */
  log?: (line: string) => void;
}

function probeOf(name: string): Probe {
  const p = (PROBES as Record<string, Probe | undefined>)[name];
  if (!p) throw new Error(`selfcheck: fault ${name} has no probe (harness/hazelcast/selfcheck/probes.ts)`);
  return p;
}

function probeCells(probe: Probe): Cell[] {
  return expandMatrices(probe.areas, probe.grep);
}

/** Runs cells against the embedded member with `fault` switched on (undefined = unmodified). */
async function runCells(cells: Cell[], fault: AnyFault | undefined, ctxOf: (fault: AnyFault | undefined) => RunContext): Promise<CellRunResult[]> {
  setActiveFault(fault && !isClientFault(fault) ? fault : undefined);
  const ctx = ctxOf(fault);
  const out: CellRunResult[] = [];
  try {
    for (const group of planGroups(cells)) {
      for (const cell of group.cells) {
        const base = { cellId: cell.id, expected: describeOutcome(cell.expected) };
        const na = ctx.driver.notApplicable(cell.client);
        if (na) {
          out.push({ ...base, status: 'not-applicable', observed: `not applicable: ${na}` });
          continue;
        }
        if (cell.area === 'realms' && !ctx.services) {
          out.push({ ...base, status: 'skipped', observed: 'realms services missing' });
          continue;
        }
        const r = await runCell(cell, ctx);
        const v = judge(cell.expected, r.observed);
        out.push({ ...base, status: v.status, observed: describeOutcome(r.observed), ...(v.reason ? { reason: v.reason } : {}) });
      }
    }
  } finally {
    // The shared services outlive each fault's context (a context never stops the services it is given).
    await ctx.close();
    setActiveFault(undefined);
  }
  return out;
}

export async function runSelfcheck(o: SelfcheckOptions = {}): Promise<SelfcheckResult> {
  const started = performance.now();
  const log = o.log ?? (() => undefined);
  const chosen = o.faults ? ALL_FAULTS.filter((f) => o.faults!.includes(f.name)) : [...ALL_FAULTS];
  const unknown = (o.faults ?? []).filter((n) => !ALL_FAULTS.some((f) => f.name === n));
  if (unknown.length) throw new Error(`unknown fault(s) ${unknown.join(', ')} (see secmatrix selfcheck --list)`);
  const problems: string[] = [];

  const work = await makeTempDir('selfcheck');
  let services: RunServices | undefined;
  try {
    const pki = await buildPki(defaultPkiRequest(), { outDir: join(work.path, 'pki') });
    const manifest = pki;
    let runs = 0;
    const ctxOf = (fault: AnyFault | undefined): RunContext => {
      const driver = new NodeClientDriver(fault && isClientFault(fault) ? { fault } : {});
      const target = new EmbeddedTarget(fault && !isClientFault(fault) ? { fault } : {});
      return new RunContext(manifest, driver, target, join(work.path, `run-${++runs}`), services);
    };

    const needsRealms = chosen.some((f) => probeOf(f.name).areas.includes('realms' as Area));
    if (needsRealms) {
      const realms = realmAreaServices();
      const missing = realms.unavailable();
      if (missing) problems.push(`realms probes cannot run: ${missing}`);
      else {
        const t = performance.now();
        const holder = new RunContext(manifest, new NodeClientDriver(), new EmbeddedTarget(), join(work.path, 'services-holder'));
        services = await realms.provision(holder, join(work.path, 'services'));
        log(`realms services started in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
    }

    // Baseline: the union of the probes' cells on the unmodified member.
    const byId = new Map<string, Cell>();
    for (const f of chosen) for (const c of probeCells(probeOf(f.name))) byId.set(c.id, c);
    const t0 = performance.now();
    const baselineRuns = await runCells([...byId.values()], undefined, ctxOf);
    const baselineMs = performance.now() - t0;
    const baselinePassed = new Set(baselineRuns.filter((r) => r.status === 'passed').map((r) => r.cellId));
    const baselineFailed = baselineRuns.filter((r) => r.status === 'failed');
    log(
      `baseline (no fault): ${baselineRuns.length} cells, ${baselinePassed.size} passed, ` +
        `${baselineFailed.length} failed in ${(baselineMs / 1000).toFixed(1)} s`,
    );
    for (const f of baselineFailed) problems.push(`baseline cell failed on the unmodified member: ${f.cellId}: ${f.reason ?? f.observed}`);

    const faults: FaultResult[] = [];
    for (const f of chosen) {
      const probe = probeOf(f.name);
      const cells = probeCells(probe);
      const t = performance.now();
      const runsOf = await runCells(cells, f.name as AnyFault, ctxOf);
      const caughtBy = runsOf.filter((r) => r.status === 'failed' && baselinePassed.has(r.cellId));
      const notRun = runsOf.filter((r) => r.status === 'skipped' || r.status === 'not-applicable').length;
      const result: FaultResult = { ...f, probe, cells: cells.length, caught: caughtBy.length > 0, caughtBy, notRun, durationMs: performance.now() - t };
      faults.push(result);
      log(
        `${result.caught ? 'caught   ' : 'SURVIVED '} ${f.name}: ${caughtBy.length}/${cells.length} cells failed ` +
          `(${(result.durationMs / 1000).toFixed(1)} s)${caughtBy[0] ? ` e.g. ${caughtBy[0].cellId}` : ''}`,
      );
    }
    const caught = faults.filter((f) => f.caught).length;
    return {
      suiteStrength: { caught, total: faults.length, ratio: faults.length ? caught / faults.length : 0 },
      baseline: {
        cells: baselineRuns.length,
        passed: baselinePassed.size,
        failed: baselineFailed,
        notRun: baselineRuns.length - baselinePassed.size - baselineFailed.length,
        durationMs: baselineMs,
      },
      faults,
      survivors: faults.filter((f) => !f.caught).map((f) => f.name),
      durationMs: performance.now() - started,
      problems,
    };
  } finally {
    await services?.stop();
    await work.remove();
  }
}
