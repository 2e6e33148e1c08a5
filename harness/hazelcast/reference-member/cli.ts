// The reference member's command line entry (its second public entry point, beside index.ts;
// the secmatrix CLI registers it and it loads the member only when run):
// `secmatrix member --config FILE [--port N] [--host H]`: runs the reference member standalone from a
// real member configuration and prints its log (each connection's TLS result, identity, permission
// decisions) until Ctrl-C / SIGTERM, which release it through the cleanup registry.
import { InvalidArgumentError, type Command } from 'commander';
import { FAULT_NAMES } from './faults.ts';

/** `-Dkey=value` tokens of a JAVA_OPTS string (values without spaces). */
export function javaOptsProperties(opts: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of opts.split(/\s+/)) {
    const m = /^-D([^=]+)=(.*)$/.exec(t);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError(`"${value}" is not a port (0-65535).`);
  return n;
}

/**
 * The json log: one object per line, numbered (`seq`), so a reader that follows the log through
 * two channels (a container engine's attach stream and its log stream) can merge them exactly and
 * see a gap. SIGWINCH (ignored by default, so an older member simply does not answer) writes a
 * sync line `{"seq":N,"sync":K}` (K: the how-many-th): a reader that sent the signal and sees the
 * line knows every line written before it has reached it — a barrier instead of a fixed lag.
 */
export function jsonLog(out: (line: string) => void = (l) => process.stdout.write(l)): { write(entry: object): void } {
  let seq = 0;
  let syncs = 0;
  process.on('SIGWINCH', () => out(`${JSON.stringify({ seq: ++seq, sync: ++syncs })}\n`));
  return { write: (entry) => out(`${JSON.stringify({ seq: ++seq, ...entry })}\n`) };
}

export function registerMemberCommand(program: Command): void {
  program
    .command('member')
    .description('run the reference member from a Hazelcast member configuration (XML or YAML) until Ctrl-C')
    .requiredOption('--config <file>', 'member configuration file (hazelcast.xml / hazelcast.yaml)')
    .option('--port <n>', 'listen on this port instead of the configured one (0 = any free port)', parsePort)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    // json: one structured event per line, so a container target can rebuild the member's evidence
    // from its log stream (the fields carry no secrets; `text` is redacted).
    .option('--log-format <format>', 'text or json (one event object per line)', 'text')
    .option('--fault <name>', `switch on one injected fault (selfcheck; known: ${FAULT_NAMES.join(', ')})`)
    .action(async (opts: { config: string; port?: number; host: string; logFormat: string; fault?: string }) => {
      if (opts.fault !== undefined && !(FAULT_NAMES as readonly string[]).includes(opts.fault))
        throw new Error(`unknown fault "${opts.fault}" (known: ${FAULT_NAMES.join(', ')})`);
      if (opts.logFormat !== 'text' && opts.logFormat !== 'json') throw new InvalidArgumentError(`--log-format must be text or json, not "${opts.logFormat}"`);
      // -D options in JAVA_OPTS: the JVM-wide settings a Java member would get (krb5.conf, the ldap
      // trust store), as the member's container image receives them.
      const [{ loadMemberConfig }, { startReferenceMember }, { setJvmSystemProperties }] = await Promise.all([
        import('./config/parse.ts'),
        import('./server.ts'),
        import('./security/ldap-jvm-properties.ts'),
      ]);
      setJvmSystemProperties(javaOptsProperties(process.env['JAVA_OPTS'] ?? ''));
      const config = await loadMemberConfig(opts.config, opts.port === undefined ? {} : { port: opts.port });
      const json = opts.logFormat === 'json' ? jsonLog() : undefined;
      const member = await startReferenceMember({
        config,
        port: opts.port,
        host: opts.host,
        // Lines go to stdout; the in-memory event list only needs to stay bounded.
        maxEvents: 10_000,
        ...(opts.fault ? { fault: opts.fault } : {}),
        log: (entry) => (json ? json.write(entry) : process.stdout.write(`${entry.time} ${entry.text}\n`)),
      });
      process.stdout.write(`secmatrix member: ready on ${member.host}:${member.port} (Ctrl-C to stop)\n`);
      // Runs until a signal: the cleanup registry stops the member and ends the process.
      await member.waitForEvent((e) => e.kind === 'stopped', 2 ** 31 - 1);
    });
}
