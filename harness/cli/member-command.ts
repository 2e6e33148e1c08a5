// `secmatrix member --config FILE [--port N] [--host H]`: runs the reference member standalone from a
// real member configuration and prints its log (each connection's TLS result, identity, permission
// decisions) until Ctrl-C / SIGTERM, which release it through the cleanup registry.
import { InvalidArgumentError, type Command } from 'commander';
import { loadMemberConfig } from '../member/config/parse.ts';
import { startReferenceMember } from '../member/index.ts';

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError(`"${value}" is not a port (0-65535).`);
  return n;
}

export function registerMemberCommand(program: Command): void {
  program
    .command('member')
    .description('run the reference member from a Hazelcast member configuration (XML or YAML) until Ctrl-C')
    .requiredOption('--config <file>', 'member configuration file (hazelcast.xml / hazelcast.yaml)')
    .option('--port <n>', 'listen on this port instead of the configured one (0 = any free port)', parsePort)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .action(async (opts: { config: string; port?: number; host: string }) => {
      const config = await loadMemberConfig(opts.config, opts.port === undefined ? {} : { port: opts.port });
      const member = await startReferenceMember({
        config,
        port: opts.port,
        host: opts.host,
        // Lines go to stdout; the in-memory event list only needs to stay bounded.
        maxEvents: 10_000,
        log: (entry) => process.stdout.write(`${entry.time} ${entry.text}\n`),
      });
      process.stdout.write(`secmatrix member: ready on ${member.host}:${member.port} (Ctrl-C to stop)\n`);
      // Runs until a signal: the cleanup registry stops the member and ends the process.
      await member.waitForEvent((e) => e.kind === 'stopped', 2 ** 31 - 1);
    });
}
