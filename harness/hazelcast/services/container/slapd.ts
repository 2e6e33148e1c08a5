// OpenLDAP slapd in a container (containers/slapd/Containerfile): the same slapd.conf and LDIF as
// the process form, copied in; the directory is loaded with slapadd, then slapd runs in the
// foreground as the container's main process. Its ports are published on the loopback.
import { ContainerSpec } from '../../../core/containers/container-spec.ts';
import { directoryLdif } from '../ldif.ts';
import { waitForPort } from '../../../core/services/process.ts';
import { slapdConf } from '../process/slapd.ts';
import { ServiceError, type LdapService, type LdapSpec } from '../types.ts';
import { imageFor } from './images.ts';

const DIR = '/var/lib/secmatrix/ldap';
const LOADED = 'secmatrix: directory loaded';
const READY_MS = 30_000;

export function slapdStartScript(tls: boolean): string {
  const listen = tls ? 'ldap://0.0.0.0:389/ ldaps://0.0.0.0:636/' : 'ldap://0.0.0.0:389/';
  return [
    'set -e',
    `mkdir -p ${DIR}/db`,
    `slapadd -q -f ${DIR}/slapd.conf -l ${DIR}/directory.ldif`,
    `echo "${LOADED}"`,
    `exec slapd -h "${listen}" -f ${DIR}/slapd.conf -d 0`,
    '',
  ].join('\n');
}

/** The container definition (data) of one directory. */
export function slapdSpec(image: string, spec: LdapSpec): ContainerSpec {
  const c = new ContainerSpec(image)
    .withLabel('org.secmatrix.service', `slapd-${spec.name}`)
    .withFile({ target: '/opt/secmatrix/start.sh', content: slapdStartScript(!!spec.tls), mode: 0o755 })
    .withFile({ target: `${DIR}/slapd.conf`, content: slapdConf(DIR, spec), mode: 0o600 })
    .withFile({ target: `${DIR}/directory.ldif`, content: directoryLdif(spec.directory), mode: 0o600 })
    .withPort(389)
    .withWaitForLog(new RegExp(LOADED), { timeoutMs: READY_MS });
  if (spec.tls) {
    c.withPort(636)
      .withFile({ target: `${DIR}/server-chain.pem`, content: spec.tls.chainPem, mode: 0o600 })
      .withFile({ target: `${DIR}/server-key.pem`, content: spec.tls.keyPem, mode: 0o600 });
  }
  return c;
}

export async function startSlapdContainer(spec: LdapSpec): Promise<LdapService> {
  const started = await slapdSpec(await imageFor('slapd'), spec).start();
  try {
    const port = started.mappedPort(389);
    const tlsPort = spec.tls ? started.mappedPort(636) : undefined;
    const gone = () => undefined;
    // Loaded is not listening yet: wait (bounded) until slapd answers through the published ports.
    await waitForPort(started.host, port, READY_MS, gone);
    if (tlsPort) await waitForPort(started.host, tlsPort, READY_MS, gone);
    const urls = { ldap: `ldap://${started.host}:${port}/`, ...(tlsPort ? { ldaps: `ldaps://${started.host}:${tlsPort}/` } : {}) };
    return { urls, baseDn: spec.directory.baseDn, adminDn: spec.directory.admin.dn, adminPassword: spec.directory.admin.password, stop: () => started.stop() };
  } catch (err) {
    const log = started.lines.slice(-20).join('\n');
    await started.stop();
    throw new ServiceError(`slapd container ${spec.name}: ${err instanceof Error ? err.message : String(err)}${log ? `\n${log}` : ''}`);
  }
}
