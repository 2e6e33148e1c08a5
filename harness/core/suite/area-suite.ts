// Generates the vitest suite of one area of a system family from its matrix: a describe per member
// configuration, a test per cell. A file-scoped fixture owns the run context (PKI, driver, member
// and connection pools) and releases it when the file is done. The suite files (suites/<family>/)
// name the family and the client registry; core imports neither.
import * as allure from 'allure-js-commons';
import { describe, expect, test } from 'vitest';
import type { ClientDriver } from '../../clients/driver.ts';
import type { SystemFamily } from '../family.ts';
import type { Area, Cell } from '../plan/cell.ts';
import { planGroups } from '../plan/planner.ts';
import { judge } from '../oracle/judge.ts';
import { allureMetadata } from './allure-meta.ts';
import { redactObject, redactText } from '../util/redact.ts';
import { META_KEY, type CellRecord } from './cell-record.ts';
import { runCell } from './cell-test.ts';
import { RunContext, type RunServices } from './run-context.ts';
import { suiteOptionsFromEnv } from './run-options.ts';
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
async function applyAllure(cell: Cell, system: string, client: string | undefined, historyClient: string | undefined): Promise<void> {
  const m = allureMetadata(cell, system, historyClient);
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
  if (client) await allure.parameter('client', client);
}

/**
 * For areas whose cells need services (the realms area's LDAP and KDC): why they cannot run here
 * (cells are then skipped locally, failed in CI), and how to start them once for the suite file.
 */
export interface AreaServices {
  /** Why `cell` (or, without one, every cell of the area) cannot run here. */
  unavailable(cell?: Cell): string | undefined;
  provision(ctx: RunContext, workDir: string): Promise<RunServices>;
}

export interface AreaSuite {
  family: SystemFamily;
  area: Area;
  /** The client driver of the given name (the registry, harness/clients/registry.ts); undefined = the family's default. */
  createClient(name: string | undefined): ClientDriver | Promise<ClientDriver>;
  /** The family's default client: its Allure history ids stay those of runs without --client. */
  defaultClient?: string;
  /** Services the area's cells need (the realms area's LDAP and KDC). */
  services?: AreaServices;
}

export function defineAreaSuite({ family, area, createClient, defaultClient, services }: AreaSuite): void {
  const opts = suiteOptionsFromEnv();
  if (opts.areas && !opts.areas.includes(area)) return;
  exitWhenOrphaned();
  if (!opts.pkiManifest || !opts.workDir) {
    describe.skip(`${area} (run through \`secmatrix run\`, which provisions the PKI and the work dir)`, () => {});
    return;
  }
  const cells = family.expand([area], opts.grep);
  const groups = planGroups(cells);
  const manifestPath = opts.pkiManifest;
  const workDir = `${opts.workDir}/${area}`;
  const clientLabel = opts.client ?? defaultClient;
  const historyClient = opts.client !== undefined && opts.client !== defaultClient ? opts.client : undefined;
  const deviations = loadDeviations(opts.deviations ?? []);

  const it = test.extend<{ run: RunContext }>({
    run: [
      // vitest reads the fixture's dependencies from this (empty) destructuring pattern.
      // eslint-disable-next-line no-empty-pattern
      async ({}, use) => {
        // An adapter process says hello first (async); an in-process driver is made at once.
        const driver = await createClient(opts.client);
        const ctx = await RunContext.load(manifestPath, driver, family.createTarget(opts.target ?? family.targetNames[0]!, opts), workDir);
        try {
          if (services && !services.unavailable()) ctx.services = await services.provision(ctx, `${workDir}/services`);
          await use(ctx);
        } finally {
          await ctx.close();
        }
      },
      { scope: 'file' },
    ],
  });

  describe(area, () => {
    groups.forEach((group, gi) => {
      describe(`member configuration ${gi + 1} (${group.key.slice(0, 8)})`, () => {
        for (const cell of group.cells) {
          it(cell.name, async ({ run, task, skip }) => {
            // Recorded first, so a cell that dies half-way is reported as failed, never lost.
            task.meta[META_KEY] = { cellId: cell.id, status: 'failed', observed: { kind: 'error', message: 'the cell did not finish' }, durationMs: 0 };
            await applyAllure(cell, family.system, clientLabel, historyClient);
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
            const declared = deviationFor(deviations, cell);
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
    });
  });
}
