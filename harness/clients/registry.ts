// The registry of client drivers: `secmatrix run --client NAME` picks one (default hazelcast-node).
// A driver runs in-process (like the Node client here) or drives a client program in its own
// process (harness/clients/adapter); each is registered under a short name with the family it is a
// client of.
import type { ClientDriver } from './driver.ts';
import { NodeClientDriver } from './node-client/driver.ts';

export interface ClientEntry {
  /** Short name for --client, e.g. 'hazelcast-node'. */
  name: string;
  /** The system family whose servers it talks to (harness/families.ts). */
  family: string;
  description: string;
  create(): ClientDriver;
}

export const CLIENTS: readonly ClientEntry[] = [
  {
    name: 'hazelcast-node',
    family: 'hazelcast',
    description: 'the official Node.js client (hazelcast-client), in-process',
    create: () => new NodeClientDriver(),
  },
];

/** The default client of each family. */
export const DEFAULT_CLIENT: Readonly<Record<string, string>> = { hazelcast: 'hazelcast-node' };

export function clientEntry(name: string): ClientEntry {
  const c = CLIENTS.find((x) => x.name === name);
  if (!c) throw new Error(`unknown client "${name}" (known: ${CLIENTS.map((x) => x.name).join(', ')})`);
  return c;
}

export function createClient(name: string): ClientDriver {
  return clientEntry(name).create();
}
