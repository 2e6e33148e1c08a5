// `secmatrix cql render --server KEY --out DIR`: writes one CQL server configuration (cassandra.yaml
// and its stores) for an external Cassandra the operator starts, to be run with
// `secmatrix run --only cql-… --target external`. `--list` names the configurations.
import { InvalidArgumentError, type Command } from 'commander';

function port(v: string): number {
  if (!/^\d{1,5}$/.test(v) || Number(v) < 1 || Number(v) > 65535) throw new InvalidArgumentError(`"${v}" is not a port (1-65535).`);
  return Number(v);
}

export function registerCqlCommand(program: Command): void {
  const cql = program.command('cql').description('the CQL family: server configurations for an external Cassandra');
  cql
    .command('render')
    .showHelpAfterError(true)
    .exitOverride()
    .description("write a server configuration's cassandra.yaml and its key/trust stores (the suite's PKI) for an external Cassandra")
    .option('--server <key>', 'a server configuration of matrices/cql/servers.yaml')
    .option('--out <dir>', 'output directory (cassandra.yaml, stores/, pki/, data/)')
    .option('--list', 'list the server configurations')
    .option('--host <address>', 'listen_address / rpc_address', '127.0.0.1')
    .option('--native-port <port>', 'native_transport_port', port, 9042)
    .option('--storage-port <port>', 'storage_port', port, 7000)
    .action(async (opts: { server?: string; out?: string; list?: boolean; host: string; nativePort: number; storagePort: number }) => {
      const { serverKeys, writeServerFiles } = await import('../cql/targets/write-server.ts');
      if (opts.list) {
        for (const s of serverKeys()) process.stdout.write(`${s.key.padEnd(30)} ${s.description}\n`);
        return;
      }
      if (!opts.server || !opts.out) throw new InvalidArgumentError('cql render needs --server KEY and --out DIR (or --list)');
      const w = await writeServerFiles({
        serverKey: opts.server,
        outDir: opts.out,
        host: opts.host,
        nativePort: opts.nativePort,
        storagePort: opts.storagePort,
      });
      const lines = [
        `wrote ${w.yamlPath} (server configuration ${opts.server}; data directories under ${w.dataDir})`,
        ...w.stores.map((s) => `  store ${s}`),
        ...w.notes.map((n) => `note: ${n}`),
        `start Cassandra with -Dcassandra.config=file://${w.yamlPath}, then:`,
        '  secmatrix run --only cql-tls,cql-auth,cql-permissions --client cassandra-python --target external \\',
        `    --external-address ${opts.host}:${opts.nativePort} --external-config ${w.yamlPath}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
