import type { Command } from 'commander';

// Placeholder until the PKI module lands; replaced by the real command.
export function registerPkiCommand(program: Command): void {
  program.command('pki').description('write the default PKI set and its manifest').requiredOption('--out <dir>', 'output directory').action(() => {
    throw new Error('not implemented yet');
  });
}
