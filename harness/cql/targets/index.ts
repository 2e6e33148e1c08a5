// The server source of a CQL run, from the settings the run passes to the suite's worker.
import { EmbeddedCassandra } from './embedded.ts';
import { ExternalCassandra } from './external.ts';
import type { CqlServerSource } from './source.ts';

export const TARGET_ENV = {
  target: 'SECMATRIX_CQL_TARGET',
  address: 'SECMATRIX_CQL_EXTERNAL_ADDRESS',
  config: 'SECMATRIX_CQL_EXTERNAL_CONFIG',
} as const;

export type CqlTarget = { kind: 'embedded' } | { kind: 'external'; address: string; configFile: string };

export function targetEnv(t: CqlTarget): Record<string, string> {
  return t.kind === 'external' ? { [TARGET_ENV.target]: 'external', [TARGET_ENV.address]: t.address, [TARGET_ENV.config]: t.configFile } : {};
}

export function serverSourceFromEnv(env: NodeJS.ProcessEnv = process.env): CqlServerSource {
  if (env[TARGET_ENV.target] !== 'external') return new EmbeddedCassandra();
  const address = env[TARGET_ENV.address];
  const configFile = env[TARGET_ENV.config];
  if (!address || !configFile) throw new Error(`${TARGET_ENV.target}=external needs ${TARGET_ENV.address} and ${TARGET_ENV.config}`);
  return new ExternalCassandra({ address, configFile }, env);
}

export type { CqlServerSource } from './source.ts';
