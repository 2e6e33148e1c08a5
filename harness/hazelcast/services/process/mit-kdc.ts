// MIT Kerberos KDC as a loopback process: its own krb5.conf / kdc.conf in a temp dir (KRB5_CONFIG,
// KRB5_KDC_PROFILE), `kdb5_util create -s`, principals and keytabs with kadmin.local, then
// `krb5kdc -n` in the foreground. rdns / dns_canonicalize_hostname off keep hz/127.0.0.1 as is.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../../../core/util/ports.ts';
import { findBinary, runTool, startDaemon, waitForPort } from '../../../core/services/process.ts';
import { keytabsOnce, ServiceError, type KdcService, type KdcSpec } from '../types.ts';

const READY_MS = 10_000;
const ENCTYPES = 'aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal';

export function krb5Conf(realm: string, kdcPort: number, skewSeconds: number): string {
  return `[libdefaults]
  default_realm = ${realm}
  dns_lookup_kdc = false
  dns_lookup_realm = false
  rdns = false
  dns_canonicalize_hostname = false
  udp_preference_limit = 1
  clockskew = ${skewSeconds}
  forwardable = false
  kdc_timeout = 1000
  max_retries = 1

[realms]
  ${realm} = {
    kdc = 127.0.0.1:${kdcPort}
  }
`;
}

export function kdcMissing(): string | undefined {
  // kinit is the client side's login (the driver's); without it no Kerberos cell can run either.
  const missing = ['krb5kdc', 'kdb5_util', 'kadmin.local', 'kinit'].filter((b) => !findBinary(b));
  return missing.length ? `MIT Kerberos ${missing.join(', ')} not installed (Debian: apt-get install krb5-kdc krb5-admin-server krb5-user)` : undefined;
}

export async function startMitKdc(spec: KdcSpec): Promise<KdcService> {
  const missing = kdcMissing();
  if (missing) throw new ServiceError(missing);
  const dir = spec.workDir;
  const k = spec.kerberos;
  const port = await freePort();
  const downPort = await freePort();
  const krb5ConfPath = join(dir, 'krb5.conf');
  const krb5ConfDownPath = join(dir, 'krb5-kdc-down.conf');
  const kdcConfPath = join(dir, 'kdc.conf');
  await writeFile(krb5ConfPath, krb5Conf(k.realm, port, k.clockSkewSeconds), { mode: 0o644 });
  await writeFile(krb5ConfDownPath, krb5Conf(k.realm, downPort, k.clockSkewSeconds), { mode: 0o644 });
  await writeFile(
    kdcConfPath,
    `[kdcdefaults]
  kdc_listen = 127.0.0.1:${port}
  kdc_tcp_listen = 127.0.0.1:${port}

[realms]
  ${k.realm} = {
    database_name = ${join(dir, 'principal')}
    key_stash_file = ${join(dir, 'stash')}
    acl_file = ${join(dir, 'kadm5.acl')}
    max_life = 1h
    max_renewable_life = 0
    supported_enctypes = ${ENCTYPES}
  }

[logging]
  kdc = FILE:${join(dir, 'kdc.log')}
`,
    { mode: 0o600 },
  );
  await writeFile(join(dir, 'kadm5.acl'), '', { mode: 0o600 });
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', KRB5_CONFIG: krb5ConfPath, KRB5_KDC_PROFILE: kdcConfPath };
  // The master key is never needed again (stash file): a random one per run.
  await runTool([findBinary('kdb5_util')!, 'create', '-s', '-r', k.realm, '-P', randomBytes(18).toString('base64')], env);
  const kadmin = (query: string, stdin = '') => runTool([findBinary('kadmin.local')!, '-r', k.realm, '-q', query], env, stdin);
  for (const sp of [k.servicePrincipal, k.otherServicePrincipal]) await kadmin(`addprinc -randkey ${sp}`);
  for (const [name, c] of Object.entries(k.clients)) {
    // addprinc without -pw prompts twice on stdin: the password never appears on a command line.
    await kadmin(`addprinc ${c.maxLifeSeconds ? `-maxlife "${c.maxLifeSeconds} seconds" ` : ''}${name}`, `${c.password}\n${c.password}\n`);
  }
  const daemon = await startDaemon(`krb5kdc ${spec.name}`, [findBinary('krb5kdc')!, '-n', '-r', k.realm], env);
  try {
    await waitForPort('127.0.0.1', port, READY_MS, () => (daemon.alive() ? undefined : `krb5kdc exited: ${daemon.output().trim().slice(-500)}`));
  } catch (err) {
    await daemon.stop();
    throw err;
  }
  return {
    realm: k.realm,
    kdcPort: port,
    krb5ConfPath,
    krb5ConfDownPath,
    // -norandkey keeps the principal's password valid (the same user logs in both ways).
    keytab: keytabsOnce((principal, safe) => kadmin(`ktadd -k ${join(dir, `${safe}.keytab`)} -norandkey ${principal}`).then(() => join(dir, `${safe}.keytab`))),
    stop: () => daemon.stop(),
  };
}
