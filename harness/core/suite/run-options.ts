// What `secmatrix run` tells the suites (they run in vitest workers): passed through environment
// variables, read and checked in one place.
import type { Area } from '../plan/cell.ts';

export interface SuiteRunOptions {
  /** manifest.json of the PKI set built for this run. */
  pkiManifest: string;
  /** Where rendered member configurations go (a temp dir of the run). */
  workDir: string;
  target: string;
  /** The client driver's registry name (--client); absent = the family's default. */
  client?: string | undefined;
  /** Container target: "reference" or a Hazelcast Enterprise version; external: a label for reports. */
  serverVersion?: string | undefined;
  members?: number | undefined;
  memberImage?: string | undefined;
  referenceImage?: string | undefined;
  externalAddress?: string | undefined;
  externalConfig?: string | undefined;
  grep: string | undefined;
  areas: Area[] | undefined;
  /** Declared deviation files (the user's --deviations and the adapter's own), validated by the run. */
  deviations?: string[] | undefined;
}

const ENV = {
  pkiManifest: 'SECMATRIX_PKI_MANIFEST',
  workDir: 'SECMATRIX_WORK_DIR',
  target: 'SECMATRIX_TARGET',
  client: 'SECMATRIX_CLIENT',
  grep: 'SECMATRIX_GREP',
  areas: 'SECMATRIX_AREAS',
  serverVersion: 'SECMATRIX_SERVER_VERSION',
  members: 'SECMATRIX_MEMBERS',
  memberImage: 'SECMATRIX_MEMBER_IMAGE',
  referenceImage: 'SECMATRIX_REFERENCE_IMAGE',
  externalAddress: 'SECMATRIX_EXTERNAL_ADDRESS',
  externalConfig: 'SECMATRIX_EXTERNAL_CONFIG',
  deviations: 'SECMATRIX_DEVIATIONS',
} as const;

export function suiteEnv(o: SuiteRunOptions): Record<string, string> {
  const env: Record<string, string> = { [ENV.pkiManifest]: o.pkiManifest, [ENV.workDir]: o.workDir, [ENV.target]: o.target };
  if (o.grep) env[ENV.grep] = o.grep;
  if (o.areas) env[ENV.areas] = o.areas.join(',');
  if (o.deviations?.length) env[ENV.deviations] = JSON.stringify(o.deviations);
  for (const k of ['client', 'serverVersion', 'members', 'memberImage', 'referenceImage', 'externalAddress', 'externalConfig'] as const) if (o[k] !== undefined) env[ENV[k]] = String(o[k]);
  return env;
}

/** Undefined when the suites run outside `secmatrix run` (they then set up what they need themselves). */
export function suiteOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<SuiteRunOptions> {
  const out: Partial<SuiteRunOptions> = {};
  if (env[ENV.pkiManifest]) out.pkiManifest = env[ENV.pkiManifest];
  if (env[ENV.workDir]) out.workDir = env[ENV.workDir];
  out.target = env[ENV.target] ?? 'embedded';
  if (env[ENV.client]) out.client = env[ENV.client];
  if (env[ENV.grep]) out.grep = env[ENV.grep];
  if (env[ENV.areas]) out.areas = env[ENV.areas]!.split(',') as Area[];
  if (env[ENV.serverVersion]) out.serverVersion = env[ENV.serverVersion];
  if (env[ENV.members]) out.members = Number(env[ENV.members]);
  if (env[ENV.memberImage]) out.memberImage = env[ENV.memberImage];
  if (env[ENV.referenceImage]) out.referenceImage = env[ENV.referenceImage];
  if (env[ENV.externalAddress]) out.externalAddress = env[ENV.externalAddress];
  if (env[ENV.externalConfig]) out.externalConfig = env[ENV.externalConfig];
  if (env[ENV.deviations]) out.deviations = JSON.parse(env[ENV.deviations]!) as string[];
  return out;
}
