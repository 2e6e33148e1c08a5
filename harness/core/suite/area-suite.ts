// Generates the vitest suite of one area of a system family from its matrix: a describe per member
// configuration, a test per cell. A file-scoped fixture owns the run context (PKI, driver, member
// and connection pools) and releases it when the file is done. The suite files (suites/<family>/)
// name the family and the client registry; core imports neither.
import * as allure from 'allure-js-commons';
import { describe, expect, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { PkiManifest } from '../../../pki/types.ts';
import type { ClientDriver } from '../../clients/driver.ts';
import type { TargetProvider } from '../target.ts';
import type { SystemFamily } from '../family.ts';
import type { Area, Cell } from '../plan/cell.ts';
import { planGroups } from '../plan/planner.ts';
import { judge } from '../oracle/judge.ts';
import { allureMetadata } from './allure-meta.ts';
import { redactObject, redactText } from '../util/redact.ts';
import { META_KEY, type CellRecord } from './cell-record.ts';
import { runCell } from './cell-test.ts';
import { RunContext, type RunServices } from './run-context.ts';
import { suiteOptions } from './run-options.ts';
import { certificateSummary, cellSecrets } from './certificate-summary.ts';
import { exitWhenOrphaned } from '../util/orphan-guard.ts';
import { deviationFor, describeDeviation, loadDeviations, observedAsDeclared } from './deviations.ts';
import { describeOutcome } from '../oracle/judge.ts';


declare module 'vitest' {
  interface TaskMeta {
    [META_KEY]?: CellRecord;
  }
}

/** client: shown as a parameter; historyClient: set for clients other than the family's default, each then keeps its own history. */
async function applyAllure(
  cell: Cell,
  family: Pick<SystemFamily, 'system' | 'sourceUrl'>,
  client: string | undefined,
  historyClient: string | undefined,
): Promise<void> {
  const m = allureMetadata(cell, family.system, family.sourceUrl(cell.source.document), historyClient);
  await allure.displayName(m.displayName);
  await allure.epic(m.epic);
  await allure.feature(m.feature);
  await allure.story(m.story);
  await allure.severity(m.severity);
  await allure.allureId(m.allureId);
  await allure.historyId(m.historyId);
  await allure.testCaseId(m.testCaseId);
  await allure.tags(...m.tags);
  await allure.description(m.description);
  for (const p of m.parameters) await allure.parameter(p.name, p.value);
  for (const l of m.links) await allure.link(l.url, l.name, l.type);
  if (client) await allure.parameter('client', client);
}

/**
 * For areas whose cells need services (the realms area's LDAP and KDC): why they cannot run here
 * (cells are then skipped locally, failed in CI), and how to start them once for the suite file.
 */
export interface AreaServices<M = unknown> {
  /** Why `cell` (or, without one, every cell of the area) cannot run here. */
  unavailable(cell?: Cell<M>): string | undefined;
  provision(ctx: { pki: PkiManifest }, workDir: string): Promise<RunServices>;
}

export interface AreaSuite<M> {
  family: SystemFamily<M>;
  area: Area;
  /** The client driver of the given name (the registry, harness/clients/registry.ts); undefined = the family's default. */
  createClient(name: string | undefined): ClientDriver | Promise<ClientDriver>;
  /** The family's default client: its Allure history ids stay those of runs without --client. */
  defaultClient?: string;
  /** Services the area's cells need (the realms area's LDAP and KDC). */
  services?: AreaServices<M>;
}

export function defineAreaSuite<M>({ family, area, createClient, defaultClient, services }: AreaSuite<M>): void {
  const opts = suiteOptions();
  if (opts?.areas && !opts.areas.includes(area)) return;
  exitWhenOrphaned();
  if (!opts) {
    describe.skip(`${area} (run through \`secmatrix run\` or \`vitest --project suites\`, which provide the PKI and the work dir)`, () => {});
    return;
  }
  // The cells the run expanded (once, in the run's process or the global setup), in their order.
  const cells = (opts.cells as Cell<M>[]).filter((c) => c.area === area);
  const groups = planGroups(cells);
  const workDir = `${opts.workDir}/${area}`;
  const clientLabel = opts.client ?? defaultClient;
  const historyClient = opts.client !== undefined && opts.client !== defaultClient ? opts.client : undefined;
  const deviations = loadDeviations(opts.deviations ?? []);

  // One fixture per resource, each file-scoped and owning its cleanup; vitest tears them down in
  // reverse order (members and sessions, then services, then the driver's stragglers).
  // vitest reads a fixture's dependencies from its destructuring pattern (an empty one: none).
  /* eslint-disable no-empty-pattern */
  const it = test.extend<{ pki: PkiManifest; client: ClientDriver; services: RunServices | undefined; target: TargetProvider<M, unknown>; run: RunContext }>({
    pki: [async ({}, use) => use(JSON.parse(await readFile(opts.pkiManifest, 'utf8')) as PkiManifest), { scope: 'file' }],
    client: [
      async ({}, use) => {
        // An adapter process says hello first (async); an in-process driver is made at once.
        const driver = await createClient(opts.client);
        try {
          await use(driver);
        } finally {
          await driver.drain();
        }
      },
      { scope: 'file' },
    ],
    services: [
      async ({ pki }, use) => {
        const started = services && !services.unavailable() ? await services.provision({ pki }, `${workDir}/services`) : undefined;
        try {
          await use(started);
        } finally {
          await started?.stop();
        }
      },
      { scope: 'file' },
    ],
    target: [async ({}, use) => use(family.createTarget(opts.target ?? family.targetNames[0]!, opts)), { scope: 'file' }],
    run: [
      async ({ pki, client, services: started, target }, use) => {
        const ctx = new RunContext(pki, client, target as TargetProvider<unknown, unknown>, workDir, started);
        try {
          await use(ctx);
        } finally {
          await ctx.close();
        }
      },
      { scope: 'file' },
    ],
  });
  /* eslint-enable no-empty-pattern */

  // The Allure tree by meaning: parent suite = the system, suite = the area, sub-suite = the
  // requirement. Cells still run in planner order (one member per configuration): a requirement
  // whose cells fall into several member groups gets one describe per run of cells, all with the
  // same title, so the tree shows it once.
  const segments: { title: string; cells: Cell<M>[] }[] = [];
  for (const group of groups) {
    for (const cell of group.cells) {
      const title = `${cell.requirementId} ${cell.requirementTitle}`;
      const last = segments.at(-1);
      if (last && last.title === title) last.cells.push(cell);
      else segments.push({ title, cells: [cell] });
    }
  }

  describe(family.system, () => {
    describe(area, () => {
      for (const segment of segments) {
        describe(segment.title, () => {
          for (const cell of segment.cells) {
            it(cell.name, async ({ run, task, skip }) => {
            // Recorded first, so a cell that dies half-way is reported as failed, never lost.
            task.meta[META_KEY] = { cellId: cell.id, status: 'failed', observed: { kind: 'error', message: 'the cell did not finish' }, durationMs: 0 };
            await applyAllure(cell, family, clientLabel, historyClient);
            const missing = services?.unavailable(cell);
            if (missing) {
              // A missing service is a visible skip locally and a failure in CI (DESIGN.md rule 4).
              const inCi = process.env['CI'] === 'true';
              task.meta[META_KEY] = { cellId: cell.id, status: inCi ? 'failed' : 'skipped', observed: { kind: 'error', message: `service missing: ${missing}` }, reason: missing, durationMs: 0 };
              if (inCi) throw new Error(`CI=true and a service this cell needs is missing: ${missing}`);
              skip(`service missing: ${missing}`);
              return;
            }
            const na = run.driver.notApplicable(cell.client);
            if (na) {
              const record: CellRecord = { cellId: cell.id, status: 'not-applicable', observed: { kind: 'not-applicable', reason: na }, reason: na, durationMs: 0 };
              task.meta[META_KEY] = record;
              skip(`not applicable: ${na}`);
              return;
            }
            const off = await run.provider.notApplicable?.(cell.member, { pki: run.pki, ...(run.services ? { services: run.services.target } : {}) });
            if (off) {
              task.meta[META_KEY] = { cellId: cell.id, status: 'not-applicable', observed: { kind: 'not-applicable', reason: off }, reason: off, durationMs: 0 };
              skip(`not applicable: ${off}`);
              return;
            }
            const result = await runCell(cell, run);
            const verdict = judge(cell.expected, result.observed);
            const target = await run.memberFor(cell.member);
            const secrets = cellSecrets(cell, run.pki, family, run.services?.secrets);
            await allure.attachment(target.config.title, redactText(target.config.text, secrets), target.config.contentType);
            await allure.attachment('client configuration (redacted)', JSON.stringify(redactObject(cell.client), null, 2), 'application/json');
            await allure.attachment('certificates', certificateSummary(cell, run.pki, family), 'text/plain');
            for (const [name, text] of Object.entries(result.evidence)) if (text) await allure.attachment(name, redactText(text, secrets), 'text/plain');
            // A cell the client could not express at connect time (`unsupported`): not applicable, with its reason.
            if (verdict.status === 'not-applicable') {
              task.meta[META_KEY] = { cellId: cell.id, status: 'not-applicable', observed: result.observed, reason: verdict.reason ?? 'not applicable', durationMs: result.durationMs, evidence: Object.fromEntries(Object.entries(result.evidence).map(([k, v]) => [k, redactText(v, secrets)])) };
              skip(`not applicable: ${verdict.reason}`);
              return;
            }
            const declared = deviationFor(deviations, cell, run.driver.version);
            const asDeclared = declared !== undefined && verdict.status === 'failed' && observedAsDeclared(declared, result.observed);
            const record: CellRecord = {
              cellId: cell.id,
              status: verdict.status === 'passed' ? 'passed' : asDeclared ? 'deviation' : 'failed',
              ...(declared ? { deviation: describeDeviation(declared) } : {}),
              observed: result.observed,
              durationMs: result.durationMs,
              evidence: Object.fromEntries(Object.entries(result.evidence).map(([k, v]) => [k, redactText(v, secrets)])),
              memberStarted: result.memberStarted,
              connectionOpened: result.connectionOpened,
              ...(verdict.reason ? { reason: verdict.reason } : {}),
            };
            if (declared && verdict.status === 'failed' && !asDeclared) record.reason = `${verdict.reason}; a deviation is declared (${describeDeviation(declared)}) but for another outcome than ${describeOutcome(result.observed)}`;
            task.meta[META_KEY] = record;
            if (record.status === 'deviation') {
              await allure.tag('deviation');
              skip(`deviation (declared): ${describeDeviation(declared!)}; ${verdict.reason}`);
              return;
            }
            expect(verdict.status, verdict.reason).toBe('passed');
          });
          }
        });
      }
    });
  });
}
