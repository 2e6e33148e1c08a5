import { join } from 'node:path';
import type { Command } from 'commander';
import { AREAS, type Area } from '../plan/cell.ts';
import { REPO_ROOT, runConformance } from '../run/conformance-run.ts';
import { failureLines, summaryTable } from '../run/summary.ts';

export const DEFAULT_REPORT_DIR = join(REPO_ROOT, 'reports', 'out');

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run the conformance matrix and write the reports (Allure, certification, JUnit)')
    .option('--target <name>', 'where the member runs: embedded (the reference member, in-process)', 'embedded')
    .option('--only <areas>', `comma-separated areas (${AREAS.join(', ')})`)
    .option('--grep <pattern>', 'only cells whose id, name or requirement contains this (or /regex/)')
    .option('--report-dir <dir>', 'where the reports go', DEFAULT_REPORT_DIR)
    .option('--history <file>', 'Allure history file carried between runs (default: <report-dir>/history.jsonl)')
    .action(async (opts: { target: string; only?: string; grep?: string; reportDir: string; history?: string }) => {
      const areas = (opts.only ? opts.only.split(',').map((s) => s.trim()).filter(Boolean) : [...AREAS]) as Area[];
      const outcome = await runConformance({
        target: opts.target,
        areas,
        grep: opts.grep,
        reportDir: opts.reportDir,
        historyPath: opts.history ?? join(opts.reportDir, 'history.jsonl'),
        verbose: true,
      });
      const out = process.stdout;
      out.write(`\n${summaryTable(outcome.results)}\n\n`);
      for (const l of failureLines(outcome.results)) out.write(`${l}\n`);
      for (const p of outcome.problems) out.write(`PROBLEM ${p}\n`);
      out.write(`\nreports in ${outcome.reportDir}: certification.json, certification.md, junit.xml, allure-report/index.html\n`);
      out.write(`${outcome.results.length} cells in ${(outcome.durationMs / 1000).toFixed(1)} s\n`);
      process.exitCode = outcome.exitCode;
    });
}
