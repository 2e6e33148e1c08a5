// `secmatrix selfcheck [--fault NAME,...] [--report-dir DIR] [--list]`: runs the cells concerned by
// each fault of the reference member's catalogue against the member with that fault, and reports
// the suite strength (faults caught / faults). Exit code 1 when a fault survives or a baseline
// cell fails on the unmodified member.
import type { Command } from 'commander';
import { DEFAULT_REPORT_DIR } from './run-command.ts';

export function registerSelfcheckCommand(program: Command): void {
  program
    .command('selfcheck')
    .description(
      "inject each catalogued fault into the reference member, run the cells that concern it, and report the suite's strength (faults caught / faults)",
    )
    .option('--fault <names>', 'comma-separated faults (default: the whole catalogue)')
    .option('--report-dir <dir>', 'where selfcheck.json and selfcheck.md go (beside the certification report)', DEFAULT_REPORT_DIR)
    .option('--list', 'list the fault catalogue and exit')
    .action(async (opts: { fault?: string; reportDir: string; list?: boolean }) => {
      const out = process.stdout;
      // Heavy modules (the client, the member, the services) load only when the command runs.
      const { ALL_FAULTS, PROBES } = await import('../hazelcast/selfcheck/probes.ts');
      if (opts.list) {
        for (const f of ALL_FAULTS) {
          const p = (PROBES as Record<string, { areas: string[]; grep: string }>)[f.name]!;
          out.write(`${f.name} (${f.side})\n  ${f.description}\n  models: ${f.models}\n  probe: ${p.areas.join(',')} ${p.grep}\n`);
        }
        return;
      }
      const [{ runSelfcheck }, { writeSelfcheckReport }] = await Promise.all([
        import('../hazelcast/selfcheck/run.ts'),
        import('../hazelcast/selfcheck/report.ts'),
      ]);
      const faults = opts.fault
        ?.split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const r = await runSelfcheck({ ...(faults ? { faults } : {}), log: (l) => out.write(`${l}\n`) });
      const files = await writeSelfcheckReport(opts.reportDir, r);
      out.write(
        `\nsuite strength: ${r.suiteStrength.caught}/${r.suiteStrength.total} faults caught` +
          `${r.survivors.length ? `; SURVIVED: ${r.survivors.join(', ')}` : ''}\n`,
      );
      for (const p of r.problems) out.write(`PROBLEM ${p}\n`);
      out.write(`self-check in ${(r.durationMs / 1000).toFixed(1)} s; reports: ${files.md}, ${files.json}\n`);
      process.exitCode = r.survivors.length > 0 || r.problems.length > 0 ? 1 : 0;
    });
}
