// The reference member as a container (containers/reference-member/Containerfile): the container
// path end to end where no Enterprise image or license is at hand.
import { ContainerSpec } from '../../../core/containers/container-spec.ts';
import { copyMemberFiles, type MemberFiles } from './member-files.ts';

export const REFERENCE_READY = /"kind":"listening"/;
export const REFERENCE_START_MS = 60_000;

export interface ReferenceMemberOptions {
  image: string;
  files: MemberFiles;
  /** The port in the configuration; with the host network the member listens on it directly. */
  port: number;
  network: 'host' | 'bridge';
  /** JVM-style settings of the realms area (-D options of a Java member), as JAVA_OPTS. */
  jvmProperties?: Record<string, string>;
}

export function referenceMemberSpec(o: ReferenceMemberOptions): ContainerSpec {
  // The entry point reads /opt/hazelcast/config/hazelcast.xml and binds 0.0.0.0; JSON log lines are
  // the member's evidence (log-evidence.ts).
  const spec = new ContainerSpec(o.image).withCommand(['--log-format', 'json']).withWaitForLog(REFERENCE_READY, { timeoutMs: REFERENCE_START_MS }).withLabel('org.secmatrix.member', 'reference');
  if (o.network === 'host') spec.withNetworkMode('host');
  // Bridge: published on the same host port, so the address the member advertises is the one dialled.
  else spec.withPort(o.port, o.port);
  if (o.jvmProperties && Object.keys(o.jvmProperties).length) spec.withEnv('JAVA_OPTS', javaOpts(o.jvmProperties));
  return copyMemberFiles(spec, o.files, 0o600);
}

export function javaOpts(props: Record<string, string>): string {
  return Object.entries(props)
    .map(([k, v]) => `-D${k}=${v}`)
    .join(' ');
}
