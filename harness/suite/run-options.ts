// What `secmatrix run` tells the suites (they run in vitest workers): passed through environment
// variables, read and checked in one place.
import type { Area } from '../plan/cell.ts';

export interface SuiteRunOptions {
  /** manifest.json of the PKI set built for this run. */
  pkiManifest: string;
  /** Where rendered member configurations go (a temp dir of the run). */
  workDir: string;
  target: string;
  grep: string | undefined;
  areas: Area[] | undefined;
}

const ENV = {
  pkiManifest: 'SECMATRIX_PKI_MANIFEST',
  workDir: 'SECMATRIX_WORK_DIR',
  target: 'SECMATRIX_TARGET',
  grep: 'SECMATRIX_GREP',
  areas: 'SECMATRIX_AREAS',
} as const;

export function suiteEnv(o: SuiteRunOptions): Record<string, string> {
  const env: Record<string, string> = { [ENV.pkiManifest]: o.pkiManifest, [ENV.workDir]: o.workDir, [ENV.target]: o.target };
  if (o.grep) env[ENV.grep] = o.grep;
  if (o.areas) env[ENV.areas] = o.areas.join(',');
  return env;
}

/** Undefined when the suites run outside `secmatrix run` (they then set up what they need themselves). */
export function suiteOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<SuiteRunOptions> {
  const out: Partial<SuiteRunOptions> = {};
  if (env[ENV.pkiManifest]) out.pkiManifest = env[ENV.pkiManifest];
  if (env[ENV.workDir]) out.workDir = env[ENV.workDir];
  out.target = env[ENV.target] ?? 'embedded';
  if (env[ENV.grep]) out.grep = env[ENV.grep];
  if (env[ENV.areas]) out.areas = env[ENV.areas]!.split(',') as Area[];
  return out;
}
