// Generates the Allure 3 HTML report (the `allure` npm package; no Java) from allure-results, with
// history carried in a JSONL file the caller chooses (nightly CI keeps it between runs).
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { execa } from 'execa';

export interface AllureHtmlOptions {
  resultsDir: string;
  outputDir: string;
  historyPath: string;
  reportName: string;
  timeoutMs?: number;
}

/** The package's cli.js sits beside its dist/ folder (the package exports no other entry to it). */
function allureCli(): string {
  const main = createRequire(import.meta.url).resolve('allure');
  return join(dirname(dirname(main)), 'cli.js');
}

export async function generateAllureHtml(o: AllureHtmlOptions): Promise<void> {
  const configPath = join(dirname(o.outputDir), 'allurerc.json');
  await writeFile(configPath, JSON.stringify({ name: o.reportName, output: o.outputDir, historyPath: o.historyPath }, null, 2));
  await execa(process.execPath, [allureCli(), 'generate', o.resultsDir, '--config', configPath], {
    timeout: o.timeoutMs ?? 120_000,
    stdin: 'ignore',
    all: true,
  });
}
