// `secmatrix pki`: writes the default PKI set and its manifest; prints a summary (never key material).
import { InvalidArgumentError, type Command } from 'commander';
import { isIP } from 'node:net';
import { defaultCacheDir } from '../../pki/paths.ts';
import type { PkiSet } from '../../pki/types.ts';

const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function collectName(value: string, previous: string[]): string[] {
  if (isIP(value) === 0 && !HOST_NAME.test(value)) throw new InvalidArgumentError(`"${value}" is neither a DNS name nor an IP address.`);
  return [...previous, value];
}

function summary(set: PkiSet, ms: number): string {
  const ids = Object.values(set.artifacts);
  const { hits, generated, keysGenerated } = set.cache;
  const lines = [
    `wrote ${ids.length} artifacts to ${set.outDir} in ${ms} ms (cache: ${hits.length} reused, ${generated.length} made, ${keysGenerated.length} keys generated)`,
    `manifest: ${set.manifestPath}`,
  ];
  const width = Math.max(...ids.map((a) => a.id.length));
  for (const a of ids) {
    const what = a.bad ? `bad: ${a.bad.expectedFailure} (${a.bad.verifier} must refuse)` : a.kind === 'bundle' ? `bundle of ${a.contains?.join(', ')}` : a.subject;
    lines.push(`  ${a.id.padEnd(width)}  ${a.kind.padEnd(6)}  ${(a.keyType ?? '').padEnd(7)}  ${what}`);
  }
  return lines.join('\n') + '\n';
}

export function registerPkiCommand(program: Command): void {
  program
    .command('pki')
    .description('write the default PKI set (CAs, member and client certificates, bad ones, key and trust stores) and manifest.json')
    .requiredOption('--out <dir>', 'output directory')
    .option('--cache <dir>', 'cache directory', defaultCacheDir())
    .option('--member-name <name>', 'extra DNS name or IP for member certificates (repeatable)', collectName, [])
    .action(async (opts: { out: string; cache: string; memberName: string[] }) => {
      const started = performance.now();
      // Loaded on use: the crypto libraries are not needed for --help or other subcommands.
      const { buildPki, defaultPkiRequest } = await import('../../pki/index.ts');
      const set = await buildPki(defaultPkiRequest(opts.memberName), { outDir: opts.out, cacheDir: opts.cache });
      for (const r of set.cache.repaired) process.stderr.write(`secmatrix pki: warning: ${r.what} of ${r.id} was damaged (${r.reason}); made it again\n`);
      process.stdout.write(summary(set, Math.round(performance.now() - started)));
    });
}
