// Where the Cassandra jars are (resolved by .ci/setup-cassandra.sh with Maven, once, into a cache),
// and ensureCassandra(): runs that script when the cache is missing, bounded.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../core/util/repo-root.ts';

export const DEFAULT_CASSANDRA_VERSION = '5.0.9';

export function cassandraCacheDir(version: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(env['SECMATRIX_CACHE'] ?? join(homedir(), '.cache', 'secmatrix'), `cassandra-${version}`);
}

/** The lib directory if it is complete (the setup script writes `.complete` last), else undefined. */
export function cassandraLib(version: string = DEFAULT_CASSANDRA_VERSION): string | undefined {
  const lib = join(cassandraCacheDir(version), 'lib');
  return existsSync(join(lib, '.complete')) ? lib : undefined;
}

/** The lib directory, resolving it with Maven first if needed (up to `timeoutMs`). */
export async function ensureCassandra(version: string = DEFAULT_CASSANDRA_VERSION, timeoutMs = 900_000): Promise<string> {
  const have = cassandraLib(version);
  if (have) return have;
  const script = join(REPO_ROOT, '.ci', 'setup-cassandra.sh');
  await new Promise<void>((ok, fail) => {
    const child = spawn('bash', [script, version], { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
      fail(new Error(`resolving Cassandra ${version} took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    timer.unref();
    child.once('error', fail);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) ok();
      else fail(new Error(`${script} ${version} exited with ${code}`));
    });
  });
  const lib = cassandraLib(version);
  if (!lib) throw new Error(`Cassandra ${version} is not in ${cassandraCacheDir(version)} after setup`);
  return lib;
}
