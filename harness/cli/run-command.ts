import { extname, join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { clientEntryFor, DEFAULT_CLIENT, describeClients, prepareClient, type PreparedClient } from '../clients/registry.ts';
import { REPO_ROOT } from '../core/util/repo-root.ts';
import { DEFAULT_FAMILY, familyByName, familyInfo } from '../families.ts';
import { REFERENCE_VERSION } from '../hazelcast/targets/reference-version.ts';
import { countsLine, failureLines, summaryTable } from '../core/run/summary.ts';
import { existsSync, readFileSync } from 'node:fs';
import type { Certification } from '../../reports/certification.ts';
import { buildVersionMatrix, writeVersionMatrix } from '../../reports/version-matrix.ts';
import { isReferenceVersion } from '../hazelcast/targets/reference-version.ts';
import { CQL_AREAS } from '../cql/plan/cell.ts';
import { DEFAULT_CQL_CLIENTS } from '../cql/run/clients.ts';
import { writeInterop, type ClientRun } from '../../reports/interop.ts';
import type { CellResult } from '../core/plan/cell.ts';

export const DEFAULT_REPORT_DIR = join(REPO_ROOT, 'reports', 'out');

interface RunFlags {
  client?: string;
  target: string;
  serverVersion?: string;
  members?: number;
  memberImage?: string;
  serverImage?: string;
  externalAddress?: string;
  externalConfig?: string;
  only?: string;
  grep?: string;
  reportDir: string;
  history?: string;
  fault?: string;
  deviations?: string[];
}

function positiveInt(v: string): number {
  if (!/^[1-9]\d*$/.test(v)) throw new InvalidArgumentError(`"${v}" is not a positive integer.`);
  return Number(v);
}

/** history.jsonl -> history-5.5.0.jsonl: one Allure history per server version. */
function perVersion(file: string, version: string): string {
  const ext = extname(file);
  return `${file.slice(0, file.length - ext.length)}-${version}${ext}`;
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run the conformance matrix and write the reports (Allure, certification, JUnit)')
    .option('--target <name>', 'where the member runs: embedded (the reference member, in-process), container (testcontainers), external (a running cluster)', 'embedded')
    .option('--server-version <versions>', `container target: comma-separated Hazelcast Enterprise versions (needs HZ_LICENSEKEY) and/or "${REFERENCE_VERSION}" (the reference member image, the default) or "${REFERENCE_VERSION}@TAG" (another tag of the reference member image); each version is run and reported separately, and a version matrix is written`)
    .option('--members <n>', 'container target: members per cluster (Enterprise)', positiveInt)
    .option('--member-image <image>', 'container target: the Hazelcast Enterprise image repository, e.g. a mirror (default hazelcast/hazelcast-enterprise)')
    .option('--server-image <image>', 'CQL container target: cassandra (the official image, default), scylla (scylladb/scylla), or an image repository, e.g. localhost/secmatrix/cassandra (built by `secmatrix containers setup`); --server-version gives its tags (default 5.0.9)')
    .option('--external-address <host:port>', 'external target: a member of the running cluster (CQL: a node\'s native transport)')
    .option('--external-config <file>', 'external target: the member configuration file the cluster runs with (CQL: its cassandra.yaml)')
    .option('--only <areas>', `comma-separated areas (${familyInfo().areas.join(', ')}; or the CQL areas ${CQL_AREAS.join(', ')})`)
    .option('--grep <pattern>', 'only cells whose id, name or requirement contains this (or /regex/)')
    .option('--report-dir <dir>', 'where the reports go (with several server versions: one subdirectory per version)', DEFAULT_REPORT_DIR)
    .option('--fault <name>', "embedded target: switch on one fault of the reference member's catalogue (see `secmatrix selfcheck --list`)")
    .option('--client <clients>', `the client(s) under test, comma-separated: ${describeClients()}; default: the family's own (${DEFAULT_CLIENT[DEFAULT_FAMILY]}); several clients run over the same matrix, one report directory each, plus the interoperability matrix`)
    .option('--deviations <file>', 'declared deviations (YAML; repeatable): cells or requirements a client is known to fail, with the reason', (v: string, acc: string[] = []) => [...acc, v])
    .option('--history <file>', 'Allure history file carried between runs (default: <report-dir>/history.jsonl; per version: history-<version>.jsonl)')
    .action(async (opts: RunFlags) => {
      // The CQL family has its own run path (harness/cql/run: one Cassandra per server configuration),
      // its clients resolved by the shared adapter registry: only CQL areas, the embedded Apache Cassandra.
      const only = opts.only ? opts.only.split(',').map((s) => s.trim()).filter(Boolean) : [];
      const isCqlArea = (a: string) => (CQL_AREAS as readonly string[]).includes(a);
      if (only.some(isCqlArea)) {
        if (!only.every(isCqlArea)) throw new InvalidArgumentError('CQL areas (cql-*) run separately from the Hazelcast areas');
        if (!['embedded', 'external', 'container'].includes(opts.target))
          throw new InvalidArgumentError('the CQL areas run against the embedded Apache Cassandra, in containers (--target container) or against an external cluster');
        if (opts.target === 'external' && (!opts.externalAddress || !opts.externalConfig))
          throw new InvalidArgumentError('--target external needs --external-address HOST:PORT and --external-config path/to/cassandra.yaml');
        if ((opts.serverVersion || opts.serverImage) && opts.target !== 'container') throw new InvalidArgumentError('--server-version and --server-image need --target container');
        const values = opts.client ? opts.client.split(',').map((s) => s.trim()).filter(Boolean) : [...DEFAULT_CQL_CLIENTS];
        // Heavy (vitest, testcontainers) only when the command runs.
        const [{ runCql, printCqlOutcome, preflightContainer }, { resolveCqlClients }, { resolveServerImage }] = await Promise.all([
          import('../cql/run/run.ts'),
          import('../cql/run/clients.ts'),
          import('../cql/targets/container.ts'),
        ]);
        // Container target: one run (and report directory) per --server-version, as for Hazelcast.
        const versions = opts.serverVersion ? opts.serverVersion.split(',').map((s) => s.trim()).filter(Boolean) : [undefined];
        let servers;
        try {
          servers = opts.target === 'container' ? versions.map((v) => resolveServerImage(opts.serverImage, v)) : [];
        } catch (err) {
          throw new InvalidArgumentError(err instanceof Error ? err.message : String(err));
        }
        // Every image is here (or pulled) before the first run: one that cannot be had stops the run, naming it.
        for (const s of servers) await preflightContainer(s);
        // Every client is made ready (venvs installed) before the first Cassandra starts.
        const clients = await resolveCqlClients(values, (l) => process.stdout.write(`${l}\n`));
        const targets =
          opts.target === 'external'
            ? [{ kind: 'external' as const, address: opts.externalAddress!, configFile: opts.externalConfig! }]
            : opts.target === 'container'
              ? servers.map((server) => ({ kind: 'container' as const, server }))
              : [{ kind: 'embedded' as const }];
        let exitCode = 0;
        for (const target of targets) {
          const several = targets.length > 1 && target.kind === 'container';
          const reportDir = several ? join(opts.reportDir, target.server.version) : opts.reportDir;
          if (several) process.stdout.write(`\n== server ${target.server.image}\n`);
          const out = await runCql({
            areas: only as never,
            clients,
            grep: opts.grep,
            reportDir,
            deviations: opts.deviations,
            ...(opts.history ? { historyPath: several ? perVersion(opts.history, target.server.version) : opts.history } : {}),
            verbose: true,
            target,
          });
          printCqlOutcome(out, reportDir, (l) => process.stdout.write(l));
          exitCode = Math.max(exitCode, out.exitCode);
        }
        process.exitCode = exitCode;
        return;
      }
      const family = await familyByName(DEFAULT_FAMILY);
      const clientValues = opts.client ? opts.client.split(',').map((s) => s.trim()).filter(Boolean) : [DEFAULT_CLIENT[family.name]!];
      for (const value of clientValues) {
        const entry = clientEntryFor(value);
        if (entry && entry.family !== family.name) throw new InvalidArgumentError(`--client ${value} is a ${entry.family} client, not a ${family.name} one`);
      }
      const areas = opts.only ? opts.only.split(',').map((s) => s.trim()).filter(Boolean) : [...family.areas];
      const versions = opts.serverVersion ? opts.serverVersion.split(',').map((s) => s.trim()).filter(Boolean) : [undefined];
      if (opts.fault && opts.target !== 'embedded') throw new Error('--fault needs the embedded target');
      if (opts.serverVersion && opts.target === 'embedded') throw new InvalidArgumentError('--server-version needs --target container (or external, as a label)');
      // A missing license is an error before anything starts, not after the first version ran.
      // Heavy modules (vitest, testcontainers) load only when the command runs: `--help` stays fast.
      const [{ runConformance, RunInputError }, { licenseKey }] = await Promise.all([import('../core/run/conformance-run.ts'), import('../hazelcast/targets/container/enterprise.ts')]);
      if (opts.target === 'container' && versions.some((v) => v && !isReferenceVersion(v))) licenseKey();
      const out = process.stdout;
      const severalClients = clientValues.length > 1;
      // Every client is made ready (venvs installed, builds made) and says hello before the first cell runs.
      const clients: { label: string; prepared: PreparedClient }[] = [];
      for (const value of clientValues) clients.push({ label: value.replace(/[^A-Za-z0-9@._-]+/g, '_'), prepared: await prepareClient(value, (l) => out.write(`${l}\n`)) });
      let exitCode = 0;
      const failedVersions = new Map<string, string>();
      const byVersion = new Map<string, ClientRun[]>();
      for (const { label, prepared } of clients) for (const version of versions) {
        const several = versions.length > 1 && version !== undefined;
        const base = severalClients ? join(opts.reportDir, label) : opts.reportDir;
        const reportDir = several ? join(base, version) : base;
        const history = opts.history ? (several ? perVersion(opts.history, version) : opts.history) : join(reportDir, 'history.jsonl');
        if (severalClients) out.write(`\n== client ${label}\n`);
        if (several) out.write(`\n== server version ${version}\n`);
        let outcome;
        try {
          outcome = await runConformance({
            family,
            client: { name: prepared.name, driver: prepared.info, deviationsFile: prepared.deviationsFile },
            target: opts.target,
            targetOptions: {
              ...(version ? { serverVersion: version } : {}),
              ...(opts.members ? { members: opts.members } : {}),
              ...(opts.memberImage ? { memberImage: opts.memberImage } : {}),
              ...(opts.externalAddress ? { externalAddress: opts.externalAddress } : {}),
              ...(opts.externalConfig ? { externalConfig: opts.externalConfig } : {}),
              ...(opts.fault ? { fault: opts.fault } : {}),
            },
            areas,
            grep: opts.grep,
            reportDir,
            historyPath: history,
            verbose: true,
            deviations: opts.deviations,
          });
        } catch (err) {
          // One version that cannot run (its image missing, its members not starting) must not hide
          // the others: the version matrix shows it as not run, and the command fails.
          if (!several || err instanceof RunInputError) throw err;
          const message = err instanceof Error ? err.message : String(err);
          out.write(`\nserver version ${version}: the run failed: ${message}\n`);
          failedVersions.set(join(base, version), message);
          exitCode = 1;
          continue;
        }
        const runs = byVersion.get(version ?? '') ?? [];
        runs.push({ label, client: outcome.client, results: outcome.results as CellResult[], durationMs: outcome.durationMs });
        byVersion.set(version ?? '', runs);
        out.write(`\n${several ? `server version ${version}\n` : ''}${summaryTable(outcome.results)}\n\n`);
        for (const l of failureLines(outcome.results)) out.write(`${l}\n`);
        for (const p of outcome.problems) out.write(`PROBLEM ${p}\n`);
        out.write(`\nreports in ${outcome.reportDir}: certification.json, certification.md, junit.xml, allure-report/index.html\n`);
        out.write(`${outcome.results.length} cells in ${(outcome.durationMs / 1000).toFixed(1)} s (${outcome.client.name} ${outcome.client.version})\n`);
        for (const a of [...new Set(outcome.results.map((r) => r.cell.area))]) {
          const rs = outcome.results.filter((r) => r.cell.area === a);
          out.write(`  ${label} ${a}: ${rs.length} cells, ${(rs.reduce((t, r) => t + r.durationMs, 0) / 1000).toFixed(1)} s in cells\n`);
        }
        out.write(`${countsLine(outcome.results)}\n`);
        exitCode = Math.max(exitCode, outcome.exitCode);
      }
      if (versions.length > 1) {
        // One version matrix per client: requirements (and cells) × versions, beside the version directories.
        for (const { label } of clients) {
          const base = severalClients ? join(opts.reportDir, label) : opts.reportDir;
          const columns = versions.map((v) => {
            const file = join(base, v!, 'certification.json');
            const error = failedVersions.get(join(base, v!));
            const cert = !error && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Certification) : undefined;
            return { version: v!, reportDir: v!, ...(cert ? { cert, serverVersion: cert.serverVersion, client: cert.client } : { error: error ?? 'no certification report was written' }) };
          });
          const p = await writeVersionMatrix(base, buildVersionMatrix(columns));
          out.write(`\nversion matrix (requirements × ${versions.join(', ')}): ${p.md}, ${p.json}, ${p.html}\n`);
        }
      }
      if (severalClients) {
        for (const [version, runs] of byVersion) {
          const dir = version && versions.length > 1 ? join(opts.reportDir, `interop-${version}`) : opts.reportDir;
          await writeInterop(dir, runs);
          out.write(`interoperability matrix: ${join(dir, 'interop.md')} (also .json, .html)\n`);
        }
      }
      process.exitCode = exitCode;
    });
}
