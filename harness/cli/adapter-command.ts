// `secmatrix adapter check NAME|PATH` (talk to an adapter and say what is wrong with it) and
// `secmatrix adapter install NAME[@VERSION]` (make a shipped adapter's client ready: venv, build).
import type { Command } from 'commander';
import { ADAPTER_REGISTRY, resolveClientSpec, resolvedAdapter } from '../clients/adapter/registry.ts';

export function registerAdapterCommand(program: Command): void {
  const adapter = program.command('adapter').description('client adapters (docs/adapter-protocol.md): check one, install a shipped one');
  adapter
    .command('check <client>')
    .description(
      'talk to an adapter (a shipped NAME[@VERSION] or the PATH of an executable): hello, a connect to a plain reference member, ' +
        'one operation, malformed requests, a timeout; says what is wrong',
    )
    .action(async (client: string, _o: unknown, command: Command) => {
      const out = process.stdout;
      // The check talks to a Hazelcast reference member; a CQL adapter meets a real Cassandra in a run.
      if (ADAPTER_REGISTRY[client.split('@')[0]!]?.family === 'cql')
        command.error(
          `error: ${client} is a CQL adapter; the check speaks to a Hazelcast member. ` +
            `Try it with \`secmatrix run --only cql-tls --client ${client} --grep CQL-TLS-01\``,
        );
      // The reference member and the adapter driver load only when the command runs.
      const { checkAdapter } = await import('./adapter-check.ts');
      const spec = await resolveClientSpec(client, (l) => out.write(`${l}\n`));
      out.write(`checking ${spec.name} (${spec.command.command.join(' ')})\n`);
      const steps = await checkAdapter(resolvedAdapter(spec), (s) => out.write(`${s.ok ? 'ok  ' : 'FAIL'} ${s.step}: ${s.detail}\n`));
      const bad = steps.filter((s) => !s.ok);
      out.write(
        bad.length === 0
          ? `\nadapter ${client}: every check passed\n`
          : `\nadapter ${client}: ${bad.length} check(s) failed: ${bad.map((s) => s.step).join(', ')}\n`,
      );
      process.exitCode = bad.length === 0 ? 0 : 1;
    });
  adapter
    .command('install <client>')
    .description('make a shipped adapter ready at a client version (NAME[@VERSION]; e.g. the Python venv), cached; idempotent')
    .action(async (client: string) => {
      const spec = await resolveClientSpec(client, (l) => process.stdout.write(`${l}\n`));
      process.stdout.write(`${spec.name} ${spec.version}: ${spec.command.command.join(' ')}\n`);
    });
}
