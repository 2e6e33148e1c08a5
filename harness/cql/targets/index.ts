// The server source of a CQL run, from the settings the run passes to the suite's worker.
import { ContainerCassandra, type ServerImage } from './container.ts';
import { EmbeddedCassandra } from './embedded.ts';
import { ExternalCassandra } from './external.ts';
import type { CqlServerSource } from './source.ts';

export const TARGET_ENV = {
  target: 'SECMATRIX_CQL_TARGET',
  address: 'SECMATRIX_CQL_EXTERNAL_ADDRESS',
  config: 'SECMATRIX_CQL_EXTERNAL_CONFIG',
  /** JSON: the container target's ServerImage. */
  image: 'SECMATRIX_CQL_SERVER_IMAGE',
} as const;

export type CqlTarget = { kind: 'embedded' } | { kind: 'external'; address: string; configFile: string } | { kind: 'container'; server: ServerImage };

export function targetEnv(t: CqlTarget): Record<string, string> {
  if (t.kind === 'external') return { [TARGET_ENV.target]: 'external', [TARGET_ENV.address]: t.address, [TARGET_ENV.config]: t.configFile };
  if (t.kind === 'container') return { [TARGET_ENV.target]: 'container', [TARGET_ENV.image]: JSON.stringify(t.server) };
  return {};
}

export function serverSourceFromEnv(env: NodeJS.ProcessEnv = process.env): CqlServerSource {
  const kind = env[TARGET_ENV.target];
  if (kind === 'container') {
    const server = env[TARGET_ENV.image];
    if (!server) throw new Error(`${TARGET_ENV.target}=container needs ${TARGET_ENV.image}`);
    return new ContainerCassandra(JSON.parse(server) as ServerImage);
  }
  if (kind !== 'external') return new EmbeddedCassandra();
  const address = env[TARGET_ENV.address];
  const configFile = env[TARGET_ENV.config];
  if (!address || !configFile) throw new Error(`${TARGET_ENV.target}=external needs ${TARGET_ENV.address} and ${TARGET_ENV.config}`);
  return new ExternalCassandra({ address, configFile }, env);
}

export type { CqlServerSource } from './source.ts';
