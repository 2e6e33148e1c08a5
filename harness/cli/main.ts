// The `secmatrix` command line: each subcommand lives in its own module and registers itself here.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { registerPkiCommand } from './pki-command.ts';
import { registerMemberCommand } from '../hazelcast/reference-member/cli.ts';
import { registerRunCommand } from './run-command.ts';
import { registerBenchCommand } from './bench-command.ts';
import { registerContainersCommand } from './containers-command.ts';
import { registerSelfcheckCommand } from './selfcheck-command.ts';
import { registerDiffCommand } from './diff-command.ts';
import { registerAdapterCommand } from './adapter-command.ts';
import { registerCqlCommand } from './cql-command.ts';
import { SUITE_VERSION } from '../core/util/version.ts';

export function buildProgram(): Command {
  const program = new Command('secmatrix')
    .description('Conformance suite for client security: TLS, mutual TLS, credentials, permissions.')
    .version(SUITE_VERSION)
    .showHelpAfterError(true)
    .exitOverride();
  registerPkiCommand(program);
  registerMemberCommand(program);
  registerRunCommand(program);
  registerBenchCommand(program);
  registerContainersCommand(program);
  registerSelfcheckCommand(program);
  registerDiffCommand(program);
  registerAdapterCommand(program);
  registerCqlCommand(program);
  for (const sub of program.commands) sub.showHelpAfterError(true).exitOverride();
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    // Commander prints the usage errors it finds itself (and throws a plain CommanderError); one an
    // action throws (mixed areas, a bad --target) reaches here unprinted.
    if (err instanceof InvalidArgumentError) {
      process.stderr.write(`secmatrix: error: ${err.message}\n`);
      return 2;
    }
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0; usage errors with 1 or 2.
      return err.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`secmatrix: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
