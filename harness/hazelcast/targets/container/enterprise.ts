// The official Hazelcast Enterprise image as the member: the cell's rendered configuration and its
// stores copied in, the license from HZ_LICENSEKEY, ready when the member logs "is STARTED".
// It cannot run here (no registry, no license): tests check the exact definition it would start.
import { ContainerSpec } from '../../../core/containers/container-spec.ts';
import { javaOpts } from './reference.ts';
import { CONFIG_PATH, copyMemberFiles, type MemberFiles } from './member-files.ts';

export const ENTERPRISE_REPOSITORY = 'hazelcast/hazelcast-enterprise';
/** Hazelcast logs "[<version>] ... is STARTED" once the member accepts clients. */
export const ENTERPRISE_READY = /is STARTED/;
/** A JVM member with security on may take a while on a loaded CI machine. */
export const ENTERPRISE_START_MS = 180_000;
export const LICENSE_ENV = 'HZ_LICENSEKEY';

export class LicenseMissingError extends Error {
  override name = 'LicenseMissingError';
  constructor() {
    super(`Hazelcast Enterprise needs a license key: set ${LICENSE_ENV} (nothing was started)`);
  }
}

/** The license from the environment, or a clear error before anything starts. */
export function licenseKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env[LICENSE_ENV]?.trim();
  if (!key) throw new LicenseMissingError();
  return key;
}

export interface EnterpriseMemberOptions {
  version: string;
  /** Repository without tag (a mirror of the official image); default hazelcast/hazelcast-enterprise. */
  repository?: string;
  license: string;
  files: MemberFiles;
  /** This member's port on the host network (each member of a cluster has its own). */
  port: number;
  /** Every member's port: the TCP-IP join list. */
  clusterPorts: number[];
  index: number;
  jvmProperties?: Record<string, string>;
}

export function enterpriseImage(version: string, repository = ENTERPRISE_REPOSITORY): string {
  return `${repository}:${version}`;
}

export function enterpriseMemberSpec(o: EnterpriseMemberOptions): ContainerSpec {
  const spec = new ContainerSpec(enterpriseImage(o.version, o.repository))
    // Host network: every member advertises 127.0.0.1:<its port>, which is what a smart client dials
    // and what the other members join on; the realms services are on 127.0.0.1 too.
    .withNetworkMode('host')
    .withEnv(LICENSE_ENV, o.license, { secret: true })
    .withEnv('JAVA_OPTS', javaOpts({ 'hazelcast.config': CONFIG_PATH, ...(o.jvmProperties ?? {}) }))
    // Hazelcast's environment overrides (HZ_<path>) place this member and its join list without
    // touching the cell's configuration file.
    .withEnv('HZ_NETWORK_PORT_PORT', String(o.port))
    .withEnv('HZ_NETWORK_PORT_AUTOINCREMENT', 'false')
    .withEnv('HZ_NETWORK_PUBLICADDRESS', `127.0.0.1:${o.port}`)
    .withEnv('HZ_NETWORK_JOIN_MULTICAST_ENABLED', 'false')
    .withEnv('HZ_NETWORK_JOIN_TCPIP_ENABLED', 'true')
    .withEnv('HZ_NETWORK_JOIN_TCPIP_MEMBERS', o.clusterPorts.map((p) => `127.0.0.1:${p}`).join(','))
    .withWaitForLog(ENTERPRISE_READY, { timeoutMs: ENTERPRISE_START_MS })
    .withLabel('org.secmatrix.member', `enterprise-${o.version}-${o.index + 1}`);
  return copyMemberFiles(spec, o.files, 0o644);
}
