// The CQL suite: a describe per server configuration (one Cassandra start each), a test per cell.
// Run through `secmatrix run --only cql-… --client …` (harness/cql/run/run.ts), which builds the PKI
// and passes the run's settings in the environment. One file, so one Cassandra at a time.
import * as allure from 'allure-js-commons';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PkiManifest } from '../../../pki/types.ts';
import { exitWhenOrphaned } from '../../core/util/orphan-guard.ts';
import { redactText } from '../../core/util/redact.ts';
import { describeOutcome, meets } from '../oracle/outcome.ts';
import { CQL_AREAS, type CqlArea, type CqlCell } from '../plan/cell.ts';
import { FIXTURE_SECRETS } from '../plan/fixtures.ts';
import { expandCql, groupByServer } from '../plan/load.ts';
import type { CqlClient } from './clients.ts';
import { serverSourceFromEnv } from '../targets/index.ts';
import { SUPERUSER } from '../plan/fixtures.ts';
import { CqlRunContext } from './context.ts';
import { clientDeviations, cqlDeviationFor, observedAsDeclared } from './deviations.ts';
import { CQL_META_KEY, STATS_FILE, type CqlCellRecord } from './record.ts';

/** Provided by the CQL run (vitest.provide): the suites project's global setup then makes nothing. */
export const CQL_RUN_KEY = 'secmatrixCql';

declare module 'vitest' {
  interface ProvidedContext {
    secmatrixCql: boolean | undefined;
  }
}

export const CQL_ENV = {
  areas: 'SECMATRIX_CQL_AREAS',
  /** JSON: the resolved clients (harness/cql/run/clients.ts CqlClient[]). */
  clients: 'SECMATRIX_CQL_CLIENTS',
  /** JSON: the run's --deviations files. */
  deviations: 'SECMATRIX_CQL_DEVIATIONS',
  pki: 'SECMATRIX_PKI_MANIFEST',
  workDir: 'SECMATRIX_WORK_DIR',
  grep: 'SECMATRIX_GREP',
} as const;

async function applyAllure(cell: CqlCell): Promise<void> {
  await allure.displayName(`${cell.client}: ${cell.name}`);
  await allure.epic('CQL');
  await allure.feature(cell.area);
  await allure.story(`${cell.requirementId} ${cell.requirementTitle}`);
  await allure.allureId(cell.id);
  await allure.historyId(cell.id);
  await allure.testCaseId(cell.id.slice(cell.client.length + 1));
  await allure.tags(cell.client, cell.serverKey);
  await allure.description(`${cell.requirementTitle}\n\nSource: ${cell.source}\n\nExpected (oracle): ${describeOutcome(cell.expected)}`);
  for (const [k, v] of Object.entries(cell.parameters)) await allure.parameter(k, v);
}

export function defineCqlSuite(env: NodeJS.ProcessEnv = process.env): void {
  const manifest = env[CQL_ENV.pki];
  const workDir = env[CQL_ENV.workDir];
  if (!manifest || !workDir || !env[CQL_ENV.clients]) {
    describe.skip('cql (run through `secmatrix run --only cql-tls,cql-auth,cql-permissions --client …`)', () => {});
    return;
  }
  exitWhenOrphaned();
  const areas = (env[CQL_ENV.areas] ?? CQL_AREAS.join(',')).split(',').filter((a): a is CqlArea => (CQL_AREAS as readonly string[]).includes(a));
  const clients = JSON.parse(env[CQL_ENV.clients]!) as CqlClient[];
  const groups = groupByServer(expandCql(areas, clients, env[CQL_ENV.grep]));
  const runDeviations = JSON.parse(env[CQL_ENV.deviations] ?? '[]') as string[];
  const deviations = Object.fromEntries(clients.map((c) => [c.id, clientDeviations(c.deviationsFile, runDeviations)]));
  const versions = Object.fromEntries(clients.map((c) => [c.id, c.version]));
  let ctx: CqlRunContext;
  let secrets: string[] = [...FIXTURE_SECRETS];

  beforeAll(() => {
    const pki = JSON.parse(readFileSync(manifest, 'utf8')) as PkiManifest;
    const source = serverSourceFromEnv(env);
    secrets = [...secrets, ...Object.values(pki.artifacts).flatMap((a) => Object.values(a.passwords).filter((p): p is string => !!p))];
    // An external cluster's superuser password (Cassandra's well-known default is no secret, and
    // redacting the word "cassandra" would blank the evidence).
    if (source.admin.password !== SUPERUSER.password) secrets.push(source.admin.password);
    ctx = new CqlRunContext(pki, join(workDir, 'cql'), clients, source);
  });
  afterAll(async () => {
    await ctx?.close();
    if (ctx) writeFileSync(join(workDir, STATS_FILE), JSON.stringify({ starts: ctx.starts, sessions: ctx.sessions, clients: ctx.clientVersions() }));
  }, 60_000);

  describe('cql', () => {
    for (const group of groups) {
      describe(`server ${group.serverKey}`, () => {
        // The start is part of the group, not of its first cell (bounded inside: 180 s per start).
        beforeAll(async () => {
          await ctx.serverFor(group.serverKey, group.server);
        }, 420_000);
        for (const cell of group.cells) {
          it(
            cell.id,
            async ({ task, skip }) => {
              const record: CqlCellRecord = {
                cellId: cell.id,
                status: 'failed',
                expected: cell.expected,
                observed: { kind: 'error', message: 'the cell did not finish' },
                durationMs: 0,
              };
              task.meta[CQL_META_KEY as never] = record as never;
              await applyAllure(cell);
              if (cell.expected.kind === 'not-applicable') {
                Object.assign(record, { status: 'not-applicable', observed: cell.expected, reason: cell.expected.reason });
                skip(`not applicable: ${cell.expected.reason}`);
                return;
              }
              const run = await ctx.runCell(cell);
              const evidence = Object.fromEntries(Object.entries(run.evidence).map(([k, v]) => [k, redactText(v, secrets)]));
              for (const [name, text] of Object.entries(evidence)) if (text) await allure.attachment(name, text, 'text/plain');
              Object.assign(record, { observed: run.observed, durationMs: run.durationMs, evidence });
              if (run.observed.kind === 'not-applicable') {
                Object.assign(record, { status: 'not-applicable', reason: run.observed.reason });
                skip(`not applicable: ${run.observed.reason}`);
                return;
              }
              const verdict = meets(cell.expected, run.observed);
              const deviation = cqlDeviationFor(deviations[cell.client] ?? [], cell, versions[cell.client] ?? '');
              const declared = cell.knownFailure ? `known server failure: ${cell.knownFailure}` : deviation?.reason;
              if (declared !== undefined) {
                if (verdict.ok) {
                  Object.assign(record, { status: 'failed', reason: `stale deviation: the cell now passes (${declared})` });
                  expect.fail(record.reason);
                }
                // A declaration that names what is seen instead covers that failure only.
                if (!deviation || cell.knownFailure || observedAsDeclared(deviation, run.observed)) {
                  Object.assign(record, { status: 'deviation', reason: `declared deviation: ${declared} (${verdict.why})` });
                  await allure.label('tag', 'declared deviation');
                  return;
                }
              }
              Object.assign(record, { status: verdict.ok ? 'passed' : 'failed', ...(verdict.why ? { reason: verdict.why } : {}) });
              expect(verdict.ok, verdict.why).toBe(true);
            },
            120_000,
          );
        }
      });
    }
  });
}
