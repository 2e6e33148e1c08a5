// The CQL clients of a run. Each `--client` value goes through the shared adapter registry
// (harness/clients/adapter/registry.ts): NAME[@VERSION] of a shipped CQL adapter, or the PATH of a
// vendor's adapter program. What the plan needs beside the command line is the client's documented
// TLS defaults (its profile): the oracle's for the shipped clients, client-profile.yaml beside a
// vendor's adapter (the vendor's own documentation, not a measurement of the client).
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { ADAPTER_REGISTRY, resolveClientSpec } from '../../clients/adapter/registry.ts';
import type { AdapterCommand } from '../../clients/adapter/process.ts';
import { CLIENT_PROFILES, PROFILE_KEYS, type ClientProfile } from '../oracle/index.ts';
import type { CqlPlanClient } from '../plan/load.ts';

/** `--client` when none is given: both shipped CQL drivers. */
export const DEFAULT_CQL_CLIENTS = ['cassandra-python', 'cassandra-node'] as const;

export const PROFILE_FILE = 'client-profile.yaml';

/** Everything the suite worker needs of a client (crosses into it as JSON). */
export interface CqlClient extends CqlPlanClient {
  /** Registry name, or the vendor adapter's path. */
  name: string;
  version: string;
  command: AdapterCommand;
  errorMapFile?: string | undefined;
  deviationsFile?: string | undefined;
}

export class CqlClientError extends Error {
  override name = 'CqlClientError';
}

/** A vendor's client-profile.yaml: every key of the profile, each true or false. */
export function parseClientProfile(file: string, text: string, name: string): ClientProfile {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new CqlClientError(`${file}: not YAML: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new CqlClientError(`${file}: must be a mapping of ${PROFILE_KEYS.join(', ')}`);
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d))
    if (!(PROFILE_KEYS as readonly string[]).includes(k)) throw new CqlClientError(`${file}: ${k}: unknown key (${PROFILE_KEYS.join(', ')})`);
  const profile: Record<string, unknown> = { name };
  for (const k of PROFILE_KEYS) {
    if (typeof d[k] !== 'boolean') throw new CqlClientError(`${file}: ${k}: required, true or false (the client's documented default)`);
    profile[k] = d[k];
  }
  return profile as unknown as ClientProfile;
}

/** `--client` value → a CQL client ready to start (its venv made, its profile known). */
export async function resolveCqlClient(value: string, log: (l: string) => void = () => undefined): Promise<CqlClient> {
  const entry = ADAPTER_REGISTRY[value.split('@')[0]!];
  if (entry && entry.family !== 'cql') throw new CqlClientError(`--client ${value} is a ${entry.family} client, not a CQL one`);
  const spec = await resolveClientSpec(value, log);
  let id: string;
  let profile: ClientProfile;
  if (entry) {
    id = spec.version === entry.defaultVersion ? entry.name : `${entry.name}@${spec.version}`;
    const known = CLIENT_PROFILES[entry.name];
    if (!known) throw new CqlClientError(`--client ${value}: the oracle has no profile for ${entry.name} (harness/cql/oracle/tls.ts)`);
    profile = known;
  } else {
    id = basename(dirname(spec.name));
    const file = join(dirname(spec.name), PROFILE_FILE);
    if (!existsSync(file))
      throw new CqlClientError(
        `--client ${value}: a CQL adapter needs ${PROFILE_FILE} beside it (${PROFILE_KEYS.join(', ')}: the client's documented TLS defaults)`,
      );
    profile = parseClientProfile(file, readFileSync(file, 'utf8'), id);
  }
  return { id, profile, name: spec.name, version: spec.version, command: spec.command, errorMapFile: spec.errorMapFile, deviationsFile: spec.deviationsFile };
}

/** Every `--client` value, in order; two values naming the same client are one mistake, said early. */
export async function resolveCqlClients(values: readonly string[], log: (l: string) => void = () => undefined): Promise<CqlClient[]> {
  const out: CqlClient[] = [];
  for (const v of values) {
    const c = await resolveCqlClient(v, log);
    if (out.some((o) => o.id === c.id)) throw new CqlClientError(`--client names ${c.id} twice`);
    out.push(c);
  }
  return out;
}
