// The registry of client drivers: `secmatrix run --client NAME` picks one (default hazelcast-node).
// A driver runs in-process (like the Node client here) or drives a client program in its own
// process (harness/clients/adapter): in-process drivers are registered here; adapters in
// harness/clients/adapter/registry.ts (NAME[@VERSION]), and any executable PATH is one too.
import type { ClientDriver } from './driver.ts';
import { ADAPTER_REGISTRY, resolveClientSpec, resolvedAdapter } from './adapter/registry.ts';

export interface ClientEntry {
  /** Short name for --client, e.g. 'hazelcast-node'. */
  name: string;
  /** The system family whose servers it talks to (harness/families.ts). */
  family: string;
  description: string;
  /** Loaded on use, so naming the clients (the CLI's help) does not load them. */
  create(): Promise<ClientDriver>;
}

export const CLIENTS: readonly ClientEntry[] = [
  {
    name: 'hazelcast-node',
    family: 'hazelcast',
    description: 'the official Node.js client (hazelcast-client), in-process',
    create: async () => new (await import('./node-client/driver.ts')).NodeClientDriver(),
  },
];

/** The default client of each family. */
export const DEFAULT_CLIENT: Readonly<Record<string, string>> = { hazelcast: 'hazelcast-node' };

export function clientEntry(name: string): ClientEntry {
  const c = CLIENTS.find((x) => x.name === name);
  if (!c) throw new Error(`unknown client "${name}" (known: ${CLIENTS.map((x) => x.name).join(', ')})`);
  return c;
}

/** The family of a --client value when the registries know it (a vendor's PATH: undefined). */
export function clientEntryFor(value: string): { family: string } | undefined {
  const inProcess = CLIENTS.find((x) => x.name === value);
  if (inProcess) return inProcess;
  return ADAPTER_REGISTRY[value.split('@')[0]!];
}

/** For --help: every client name. */
export function describeClients(): string {
  return [
    ...CLIENTS.map((c) => `${c.name} (in-process)`),
    ...Object.values(ADAPTER_REGISTRY).map((a) => `${a.name}[@VERSION] (adapter, ${a.language})`),
    'or the PATH of an adapter executable',
  ].join(', ');
}

/**
 * A driver for a --client value: an in-process driver at once, or an adapter process after its
 * hello (its environment is made first if needed: idempotent and cached, so instant in the workers).
 */
export async function createClient(name: string): Promise<ClientDriver> {
  const inProcess = CLIENTS.find((x) => x.name === name);
  if (inProcess) return inProcess.create();
  const { AdapterDriver } = await import('./adapter/driver.ts');
  return AdapterDriver.start(resolvedAdapter(await resolveClientSpec(name)));
}

/** What the run needs before anything starts: the client ready, what the reports say about it, its deviations. */
export interface PreparedClient {
  name: string;
  info: { name: string; version: string; language?: string; adapter?: string; adapterVersion?: string };
  deviationsFile?: string | undefined;
}

export class ClientPrepareError extends Error {
  override name = 'ClientPrepareError';
}

/** Makes a client ready (venv, build) and, for an adapter, says hello once: a broken adapter stops the run here. */
export async function prepareClient(name: string, log: (l: string) => void = () => undefined): Promise<PreparedClient> {
  const inProcess = CLIENTS.find((x) => x.name === name);
  if (inProcess) {
    const d = await inProcess.create();
    return { name, info: { name: d.name, version: d.version, language: 'javascript' } };
  }
  const spec = await resolveClientSpec(name, log);
  const { startAdapter } = await import('./adapter/hello.ts');
  let started;
  try {
    started = await startAdapter(resolvedAdapter(spec), 30_000);
  } catch (err) {
    const e = err as Error & { stderr?: string };
    throw new ClientPrepareError(`client ${name}: ${e.message}${e.stderr ? `\n--- adapter stderr ---\n${e.stderr.slice(-2000)}` : ''}`);
  }
  await started.proc.stop();
  const h = started.hello;
  // NAME@VERSION must run that version: a venv or build of another one is a setup error, not a result.
  if (/^\d/.test(spec.version) && h.client.version !== spec.version)
    throw new ClientPrepareError(`client ${name}: the adapter reports client version ${h.client.version}, not ${spec.version}`);
  return {
    name,
    info: { name: h.client.name, version: h.client.version, language: h.client.language, adapter: spec.name, adapterVersion: h.adapter.version },
    deviationsFile: spec.deviationsFile,
  };
}
