// MIT Kerberos KDC in a container (containers/mit-kdc/Containerfile): the realm's database and
// principals are made when the container starts (kdb5_util, kadmin.local), then krb5kdc runs in the
// foreground. Clients on this machine get a krb5.conf naming the published TCP port; keytabs are
// exported with kadmin.local inside the container and copied out.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContainerSpec } from '../../../core/containers/container-spec.ts';
import { freePort } from '../../../core/util/ports.ts';
import { waitForPort } from '../../../core/services/process.ts';
import { krb5Conf } from '../process/mit-kdc.ts';
import { keytabsOnce, ServiceError, type KdcService, type KdcSpec } from '../types.ts';
import { imageFor } from './images.ts';

const DIR = '/var/lib/secmatrix/kdc';
const READY = 'secmatrix: kdc ready';
const READY_MS = 30_000;
const ENCTYPES = 'aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function kdcConfInContainer(realm: string): string {
  return `[kdcdefaults]
  kdc_listen = 88
  kdc_tcp_listen = 88

[realms]
  ${realm} = {
    database_name = ${DIR}/principal
    key_stash_file = ${DIR}/stash
    acl_file = ${DIR}/kadm5.acl
    max_life = 1h
    max_renewable_life = 0
    supported_enctypes = ${ENCTYPES}
  }

[logging]
  kdc = STDERR
`;
}

/**
 * The start script. It holds the client passwords (given to kadmin.local on stdin, never on a
 * command line); it lives only inside the container and is never logged.
 */
export function kdcStartScript(spec: KdcSpec): string {
  const k = spec.kerberos;
  const lines = ['set -e', `touch ${DIR}/kadm5.acl`, `kdb5_util create -s -r ${k.realm} -P ${quote(randomBytes(18).toString('base64'))} >/dev/null`];
  for (const sp of [k.servicePrincipal, k.otherServicePrincipal]) lines.push(`kadmin.local -r ${k.realm} -q ${quote(`addprinc -randkey ${sp}`)} >/dev/null`);
  for (const [name, c] of Object.entries(k.clients)) {
    const q = `addprinc ${c.maxLifeSeconds ? `-maxlife "${c.maxLifeSeconds} seconds" ` : ''}${name}`;
    lines.push(`printf '%s\\n%s\\n' ${quote(c.password)} ${quote(c.password)} | kadmin.local -r ${k.realm} -q ${quote(q)} >/dev/null`);
  }
  lines.push(`echo "${READY}"`, `exec krb5kdc -n -r ${k.realm}`, '');
  return lines.join('\n');
}

export function kdcSpec(image: string, spec: KdcSpec): ContainerSpec {
  return new ContainerSpec(image)
    .withLabel('org.secmatrix.service', `mit-kdc-${spec.name}`)
    .withEnv('KRB5_CONFIG', `${DIR}/krb5.conf`)
    .withEnv('KRB5_KDC_PROFILE', `${DIR}/kdc.conf`)
    .withFile({ target: '/opt/secmatrix/start.sh', content: kdcStartScript(spec), mode: 0o700 })
    .withFile({ target: `${DIR}/krb5.conf`, content: krb5Conf(spec.kerberos.realm, 88, spec.kerberos.clockSkewSeconds), mode: 0o644 })
    .withFile({ target: `${DIR}/kdc.conf`, content: kdcConfInContainer(spec.kerberos.realm), mode: 0o600 })
    // TCP only: the krb5.conf given to clients sets udp_preference_limit = 1.
    .withPort(88)
    .withWaitForLog(new RegExp(READY), { timeoutMs: READY_MS });
}

export async function startKdcContainer(spec: KdcSpec): Promise<KdcService> {
  const k = spec.kerberos;
  const started = await kdcSpec(await imageFor('mit-kdc'), spec).start();
  try {
    const port = started.mappedPort(88);
    await waitForPort(started.host, port, READY_MS, () => undefined);
    const krb5ConfPath = join(spec.workDir, 'krb5.conf');
    const krb5ConfDownPath = join(spec.workDir, 'krb5-kdc-down.conf');
    await writeFile(krb5ConfPath, krb5Conf(k.realm, port, k.clockSkewSeconds).replace(/kdc = 127\.0\.0\.1:/, `kdc = ${started.host}:`), { mode: 0o644 });
    await writeFile(krb5ConfDownPath, krb5Conf(k.realm, await freePort(), k.clockSkewSeconds), { mode: 0o644 });
    return {
      realm: k.realm,
      kdcPort: port,
      krb5ConfPath,
      krb5ConfDownPath,
      keytab: keytabsOnce(async (principal, safe) => {
        const file = join(spec.workDir, `${safe}.keytab`);
        // -norandkey keeps the principal's password valid (the same user logs in both ways).
        const r = await started.container.exec(['sh', '-c', `kadmin.local -r ${k.realm} -q ${quote(`ktadd -k /tmp/${safe}.keytab -norandkey ${principal}`)} >/dev/null && base64 -w0 /tmp/${safe}.keytab`]);
        if (r.exitCode !== 0) throw new ServiceError(`kadmin.local ktadd ${principal} in the KDC container exited ${r.exitCode}: ${r.stderr.slice(-500)}`);
        await writeFile(file, Buffer.from(r.stdout.trim(), 'base64'), { mode: 0o600 });
        return file;
      }),
      stop: () => started.stop(),
    };
  } catch (err) {
    const log = started.lines.slice(-20).join('\n');
    await started.stop();
    throw new ServiceError(`KDC container ${spec.name}: ${err instanceof Error ? err.message : String(err)}${log ? `\n${log}` : ''}`);
  }
}
