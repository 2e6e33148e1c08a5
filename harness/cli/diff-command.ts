// `secmatrix diff OLD NEW [--out DIR] [--format md|json]`: every cell whose status or observed
// outcome changed between two report directories, regressions first. Exit status: 0 no regression,
// 1 a regression (a pipeline gates on it), 2 the directories could not be compared.
import type { Command } from 'commander';
import { DiffInputError, diffReportDirs } from '../../reports/diff.ts';
import { renderDiffMarkdown, writeDiff } from '../../reports/diff-render.ts';

export const DIFF_EXIT = { none: 0, regression: 1, input: 2 } as const;

export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('compare two report directories (nights, server versions, clients): changed cells by requirement, regressions first; exit 1 on a regression')
    .argument('<old>', 'the earlier report directory (its certification.json, or one per version / client subdirectory)')
    .argument('<new>', 'the later report directory')
    .option('--out <dir>', 'also write diff.md, diff.json and diff.html into this directory')
    .option('--format <format>', 'what to print: md (Markdown) or json', 'md')
    .action(async (oldDir: string, newDir: string, opts: { out?: string; format: string }) => {
      if (opts.format !== 'md' && opts.format !== 'json') {
        process.stderr.write(`secmatrix diff: --format must be md or json, not "${opts.format}"\n`);
        process.exitCode = DIFF_EXIT.input;
        return;
      }
      let diff;
      try {
        diff = diffReportDirs(oldDir, newDir);
      } catch (err) {
        if (!(err instanceof DiffInputError)) throw err;
        process.stderr.write(`secmatrix diff: ${err.message}\n`);
        process.exitCode = DIFF_EXIT.input;
        return;
      }
      process.stdout.write(opts.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : renderDiffMarkdown(diff));
      if (opts.out) {
        const p = await writeDiff(opts.out, diff);
        process.stderr.write(`diff written: ${p.md}, ${p.json}, ${p.html}\n`);
      }
      process.exitCode = diff.regression ? DIFF_EXIT.regression : DIFF_EXIT.none;
    });
}
