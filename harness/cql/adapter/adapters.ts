// The shipped CQL adapters: how to start each (command line), found by client name. The venv of the
// Python driver is made by .ci/setup-cql.sh.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../core/util/repo-root.ts';

export const ADAPTERS_DIR = join(REPO_ROOT, 'harness/clients/adapters');

export const CQL_CLIENTS = ['cassandra-python', 'cassandra-node'] as const;
export type CqlClientName = (typeof CQL_CLIENTS)[number];

export const PY_DRIVER_VERSION = process.env['CASSANDRA_PY_DRIVER_VERSION'] ?? '3.30.1';

export interface AdapterCommand {
  command: string;
  args: string[];
  dir: string;
  /** Why it cannot start here (e.g. the venv is missing), else undefined. */
  missing?: string;
}

export function adapterCommand(client: CqlClientName, env: NodeJS.ProcessEnv = process.env): AdapterCommand {
  const dir = join(ADAPTERS_DIR, client);
  if (client === 'cassandra-node') return { command: process.execPath, args: [join(dir, 'adapter.mjs')], dir };
  const venv = join(env['SECMATRIX_CACHE'] ?? join(homedir(), '.cache', 'secmatrix'), 'venvs', `cassandra-driver-${PY_DRIVER_VERSION}`);
  const python = join(venv, 'bin', 'python');
  return {
    command: python,
    args: ['-u', join(dir, 'adapter.py')],
    dir,
    ...(existsSync(python) ? {} : { missing: `no Python driver venv at ${venv} (run .ci/setup-cql.sh)` }),
  };
}
