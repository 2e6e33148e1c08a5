import { extname, join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { clientEntry, CLIENTS, DEFAULT_CLIENT } from '../clients/registry.ts';
import { REPO_ROOT } from '../core/util/repo-root.ts';
import { DEFAULT_FAMILY, familyByName } from '../families.ts';
import { countsLine, failureLines, summaryTable } from '../core/run/summary.ts';
import { REFERENCE_VERSION } from '../hazelcast/targets/reference-version.ts';
import { existsSync, readFileSync } from 'node:fs';
import type { Certification } from '../../reports/certification.ts';
import { buildVersionMatrix, writeVersionMatrix } from '../../reports/version-matrix.ts';
import { isReferenceVersion } from '../hazelcast/targets/reference-version.ts';

export const DEFAULT_REPORT_DIR = join(REPO_ROOT, 'reports', 'out');

interface RunFlags {
  client?: string;
  target: string;
  serverVersion?: string;
  members?: number;
  memberImage?: string;
  externalAddress?: string;
  externalConfig?: string;
  only?: string;
  grep?: string;
  reportDir: string;
  history?: string;
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
    .option('--client <name>', `the client driver (${CLIENTS.map((c) => c.name).join(', ')}); default: the family's own (${DEFAULT_CLIENT[DEFAULT_FAMILY]})`)
    .option('--target <name>', 'where the member runs: embedded (the reference member, in-process), container (testcontainers), external (a running cluster)', 'embedded')
    .option('--server-version <versions>', `container target: comma-separated Hazelcast Enterprise versions (needs HZ_LICENSEKEY) and/or "${REFERENCE_VERSION}" (the reference member image, the default) or "${REFERENCE_VERSION}@TAG" (another tag of the reference member image); each version is run and reported separately, and a version matrix is written`)
    .option('--members <n>', 'container target: members per cluster (Enterprise)', positiveInt)
    .option('--member-image <image>', 'container target: the Hazelcast Enterprise image repository, e.g. a mirror (default hazelcast/hazelcast-enterprise)')
    .option('--external-address <host:port>', 'external target: a member of the running cluster')
    .option('--external-config <file>', 'external target: the member configuration file the cluster runs with')
    .option('--only <areas>', `comma-separated areas (${familyByName().areas.join(', ')})`)
    .option('--grep <pattern>', 'only cells whose id, name or requirement contains this (or /regex/)')
    .option('--report-dir <dir>', 'where the reports go (with several server versions: one subdirectory per version)', DEFAULT_REPORT_DIR)
    .option('--history <file>', 'Allure history file carried between runs (default: <report-dir>/history.jsonl; per version: history-<version>.jsonl)')
    .action(async (opts: RunFlags) => {
      const family = familyByName(DEFAULT_FAMILY);
      const client = clientEntry(opts.client ?? DEFAULT_CLIENT[family.name]!);
      if (client.family !== family.name) throw new InvalidArgumentError(`--client ${client.name} is a ${client.family} client, not a ${family.name} one`);
      const areas = opts.only ? opts.only.split(',').map((s) => s.trim()).filter(Boolean) : [...family.areas];
      const versions = opts.serverVersion ? opts.serverVersion.split(',').map((s) => s.trim()).filter(Boolean) : [undefined];
      if (opts.serverVersion && opts.target === 'embedded') throw new InvalidArgumentError('--server-version needs --target container (or external, as a label)');
      // A missing license is an error before anything starts, not after the first version ran.
      // Heavy modules (vitest, testcontainers) load only when the command runs: `--help` stays fast.
      const [{ runConformance, RunInputError }, { licenseKey }] = await Promise.all([import('../core/run/conformance-run.ts'), import('../hazelcast/targets/container/enterprise.ts')]);
      if (opts.target === 'container' && versions.some((v) => v && !isReferenceVersion(v))) licenseKey();
      const out = process.stdout;
      let exitCode = 0;
      const failedVersions = new Map<string, string>();
      for (const version of versions) {
        const several = versions.length > 1 && version !== undefined;
        const reportDir = several ? join(opts.reportDir, version) : opts.reportDir;
        const history = opts.history ? (several ? perVersion(opts.history, version) : opts.history) : join(reportDir, 'history.jsonl');
        if (several) out.write(`\n== server version ${version}\n`);
        let outcome;
        try {
          outcome = await runConformance({
            family,
            client: { name: client.name, driver: client.create() },
            target: opts.target,
            targetOptions: {
              ...(version ? { serverVersion: version } : {}),
              ...(opts.members ? { members: opts.members } : {}),
              ...(opts.memberImage ? { memberImage: opts.memberImage } : {}),
              ...(opts.externalAddress ? { externalAddress: opts.externalAddress } : {}),
              ...(opts.externalConfig ? { externalConfig: opts.externalConfig } : {}),
            },
            areas,
            grep: opts.grep,
            reportDir,
            historyPath: history,
            verbose: true,
          });
        } catch (err) {
          // One version that cannot run (its image missing, its members not starting) must not hide
          // the others: the matrix shows it as not run, and the command fails.
          if (!several || err instanceof RunInputError) throw err;
          const message = err instanceof Error ? err.message : String(err);
          out.write(`\nserver version ${version}: the run failed: ${message}\n`);
          failedVersions.set(version, message);
          exitCode = 1;
          continue;
        }
        out.write(`\n${several ? `server version ${version}\n` : ''}${summaryTable(outcome.results)}\n\n`);
        for (const l of failureLines(outcome.results)) out.write(`${l}\n`);
        for (const p of outcome.problems) out.write(`PROBLEM ${p}\n`);
        out.write(`\nreports in ${outcome.reportDir}: certification.json, certification.md, junit.xml, allure-report/index.html\n`);
        out.write(`${outcome.results.length} cells in ${(outcome.durationMs / 1000).toFixed(1)} s\n`);
        out.write(`${countsLine(outcome.results)}\n`);
        exitCode = Math.max(exitCode, outcome.exitCode);
      }
      if (versions.length > 1) {
        const columns = versions.map((v) => {
          const dir = join(opts.reportDir, v!);
          const file = join(dir, 'certification.json');
          const error = failedVersions.get(v!);
          const cert = !error && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Certification) : undefined;
          return { version: v!, reportDir: v!, ...(cert ? { cert, serverVersion: cert.serverVersion, client: cert.client } : { error: error ?? 'no certification report was written' }) };
        });
        const p = await writeVersionMatrix(opts.reportDir, buildVersionMatrix(columns));
        out.write(`\nversion matrix (requirements × ${versions.join(', ')}): ${p.md}, ${p.json}, ${p.html}\n`);
      }
      process.exitCode = exitCode;
    });
}
