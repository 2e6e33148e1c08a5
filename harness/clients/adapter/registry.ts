// Shipped adapters by name, and how `--client` values resolve: NAME[@VERSION] (a registry entry at a
// client version, default its pinned one), or PATH (a vendor's own adapter executable, with
// error-map.yaml / deviations.yaml beside it when it has them). Adding an adapter is one entry; see
// harness/clients/adapters/README.md.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { REPO_ROOT } from '../../core/util/repo-root.ts';
import { BUILTIN_ONLY, loadErrorMap } from './error-map.ts';
import type { ResolvedAdapter } from './driver.ts';
import type { AdapterCommand } from './process.ts';
import { ensureGoAdapter } from './go-build.ts';
import { ensureVenv, runBounded } from './venv.ts';

// From the repository root, so the compiled CLI (dist/) finds the adapters' programs and files too.
export const ADAPTERS_DIR = join(REPO_ROOT, 'harness', 'clients', 'adapters');

export interface AdapterEntry {
  name: string;
  /** The system family its client talks to (harness/families.ts). */
  family: string;
  language: string;
  /** The client version a bare NAME runs (pinned). */
  defaultVersion: string;
  /** Versions known to work; others are tried when asked for (and fail clearly if they do not install). */
  knownVersions?: string[];
  /** The adapter's folder: the program, error-map.yaml, optional deviations.yaml, README.md. */
  folder: string;
  /** Makes the client at `version` ready (venv, build, ...), idempotent and cached; returns its command line. */
  prepare(version: string, log: (line: string) => void): Promise<AdapterCommand>;
}

/** A Node.js adapter of a client the project itself depends on (package.json): that one version only. */
function installedNodeAdapter(name: string, family: string, npmPackage: string, args: string[]): AdapterEntry {
  return {
    name,
    family,
    language: 'javascript',
    defaultVersion: 'installed',
    folder: dirname(args[args.length - 1]!),
    async prepare(version) {
      if (version !== 'installed') throw new Error(`${name} runs the ${npmPackage} version the project installed (package.json); @${version} is not supported`);
      return { command: [process.execPath, ...args], cwd: REPO_ROOT };
    },
  };
}

/** Pinned with the client: hazelcast-kerberos 1.0.0 is the only release. */
const PYTHON_KERBEROS = 'hazelcast-kerberos==1.0.0';

export const ADAPTER_REGISTRY: Record<string, AdapterEntry> = {
  'hazelcast-python': {
    name: 'hazelcast-python',
    family: 'hazelcast',
    language: 'python',
    defaultVersion: '5.7.0',
    knownVersions: ['5.7.0', '5.6.0'],
    folder: join(ADAPTERS_DIR, 'hazelcast-python'),
    async prepare(version, log) {
      const python = await ensureVenv('hazelcast-python', version, [`hazelcast-python-client==${version}`, PYTHON_KERBEROS], log);
      return { command: [python, '-u', join(ADAPTERS_DIR, 'hazelcast-python', 'adapter.py')] };
    },
  },
  // The official Java client (branch `java` ships harness/clients/adapters/hazelcast-java and
  // .ci/setup-java-adapter.sh, which builds the jar with Maven for HZ_JAVA_VERSION; idempotent).
  'hazelcast-java': {
    name: 'hazelcast-java',
    family: 'hazelcast',
    language: 'java',
    defaultVersion: '5.7.0',
    folder: join(ADAPTERS_DIR, 'hazelcast-java'),
    async prepare(version, log) {
      const script = join(REPO_ROOT, '.ci', 'setup-java-adapter.sh');
      const start = join(ADAPTERS_DIR, 'hazelcast-java', 'adapter.sh');
      if (!existsSync(script) || !existsSync(start)) throw new Error(`the hazelcast-java adapter is not in this checkout (${start})`);
      await runBounded(['bash', script], 1_200_000, log, { HZ_JAVA_VERSION: version });
      return { command: [start] };
    },
  },
  // The seed's CQL driver (DataStax / Scylla lineage). Pure Python: the optional Cython build takes
  // minutes on two cores and changes nothing the adapter exercises. 3.25 (Debian bookworm's
  // python3-cassandra) still ships ez_setup, which needs an old setuptools without build isolation.
  'cassandra-python': {
    name: 'cassandra-python',
    family: 'cql',
    language: 'python',
    defaultVersion: '3.30.1',
    knownVersions: ['3.30.1', '3.25.0'],
    folder: join(ADAPTERS_DIR, 'cassandra-python'),
    async prepare(version, log) {
      const python = await ensureVenv('cassandra-driver', version, [`cassandra-driver==${version}`, 'pure-sasl==0.6.2'], log, {
        env: { CASS_DRIVER_NO_CYTHON: '1', CASS_DRIVER_NO_EXTENSIONS: '1' },
        buildWith: ['setuptools<70', 'wheel'],
      });
      return { command: [python, '-u', join(ADAPTERS_DIR, 'cassandra-python', 'adapter.py')], env: { PYTHONDONTWRITEBYTECODE: '1' } };
    },
  },
  // gocql, the Go CQL driver: the adapter binary built with `go build` into the cache, per version
  // (go.mod pins the default; another version is `go get` in a copy of the module).
  'cassandra-go': {
    name: 'cassandra-go',
    family: 'cql',
    language: 'go',
    defaultVersion: '1.7.0',
    knownVersions: ['1.7.0'],
    folder: join(ADAPTERS_DIR, 'cassandra-go'),
    async prepare(version, log) {
      const binary = await ensureGoAdapter('cassandra-go', join(ADAPTERS_DIR, 'cassandra-go'), 'github.com/gocql/gocql', version, '1.7.0', log);
      return { command: [binary] };
    },
  },
  'cassandra-node': installedNodeAdapter('cassandra-node', 'cql', 'cassandra-driver', [join(ADAPTERS_DIR, 'cassandra-node', 'adapter.mjs')]),
  // The in-process driver is `hazelcast-node` (harness/clients/registry.ts); this is the same client
  // as an adapter process.
  'hazelcast-node-adapter': installedNodeAdapter('hazelcast-node-adapter', 'hazelcast', 'hazelcast-client', [
    '--import',
    'tsx',
    join(ADAPTERS_DIR, 'hazelcast-node', 'adapter.ts'),
  ]),
};

/** What crosses into the suite workers (JSON): enough to start the adapter there. */
export interface AdapterSpec {
  name: string;
  version: string;
  command: AdapterCommand;
  errorMapFile: string | undefined;
  deviationsFile: string | undefined;
}

export class ClientSpecError extends Error {
  override name = 'ClientSpecError';
}

function beside(folder: string, file: string): string | undefined {
  const p = join(folder, file);
  return existsSync(p) ? p : undefined;
}

/** `--client` value → an adapter ready to start (installs / builds what it needs). */
export async function resolveClientSpec(value: string, log: (l: string) => void = () => undefined): Promise<AdapterSpec> {
  const looksLikePath = value.includes('/') || value.startsWith('.');
  if (looksLikePath) {
    const path = resolve(value);
    if (!existsSync(path) || !statSync(path).isFile()) throw new ClientSpecError(`--client ${value}: no such adapter executable`);
    const folder = dirname(path);
    return {
      name: path,
      version: 'vendor',
      command: { command: [path] },
      errorMapFile: beside(folder, 'error-map.yaml'),
      deviationsFile: beside(folder, 'deviations.yaml'),
    };
  }
  const [name, version] = value.split('@') as [string, string | undefined];
  const entry = ADAPTER_REGISTRY[name];
  if (!entry)
    throw new ClientSpecError(
      `--client ${value}: unknown client '${name}' (known adapters: ${Object.keys(ADAPTER_REGISTRY).join(', ')}; ` +
        'in-process: harness/clients/registry.ts; or a path to an adapter executable)',
    );
  const v = version ?? entry.defaultVersion;
  let command: AdapterCommand;
  try {
    command = await entry.prepare(v, log);
  } catch (err) {
    throw new ClientSpecError(`--client ${value}: could not prepare ${name} ${v}: ${(err as Error).message}`);
  }
  return { name, version: v, command, errorMapFile: beside(entry.folder, 'error-map.yaml'), deviationsFile: beside(entry.folder, 'deviations.yaml') };
}

export function resolvedAdapter(spec: AdapterSpec): ResolvedAdapter {
  return {
    name: spec.name,
    command: spec.command,
    errorMap: spec.errorMapFile ? loadErrorMap(spec.errorMapFile) : BUILTIN_ONLY,
    deviationsFile: spec.deviationsFile,
  };
}
