// OpenLDAP slapd as a loopback process: slapd.conf with an mdb database in a temp dir, the
// directory loaded offline with slapadd, then `slapd -d 0` in the foreground on free ports.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../../../core/util/ports.ts';
import { directoryLdif } from '../ldif.ts';
import { findBinary, runTool, startDaemon, waitForPort } from '../../../core/services/process.ts';
import { ServiceError, type LdapService, type LdapSpec } from '../types.ts';

const SCHEMA_DIR = '/etc/ldap/schema';
const READY_MS = 10_000;

export function slapdConf(dir: string, spec: LdapSpec): string {
  const d = spec.directory;
  const lines = [
    ...['core', 'cosine', 'inetorgperson'].map((s) => `include ${SCHEMA_DIR}/${s}.schema`),
    `pidfile ${join(dir, 'slapd.pid')}`,
    `argsfile ${join(dir, 'slapd.args')}`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
  ];
  if (spec.tls) lines.push(`TLSCertificateFile ${join(dir, 'server-chain.pem')}`, `TLSCertificateKeyFile ${join(dir, 'server-key.pem')}`);
  lines.push(
    'database mdb',
    'maxsize 16777216',
    `suffix "${d.baseDn}"`,
    `rootdn "${d.admin.dn}"`,
    `rootpw ${d.admin.password}`,
    `directory ${join(dir, 'db')}`,
    // Passwords: only usable to bind; the rest readable by any bound user (the member's own
    // connection reads the user entry and roles after binding as the user).
    'access to attrs=userPassword by anonymous auth by * none',
    'access to * by users read by anonymous auth',
  );
  return lines.join('\n') + '\n';
}

export function slapdMissing(): string | undefined {
  const missing = ['slapd', 'slapadd'].filter((b) => !findBinary(b));
  return missing.length ? `OpenLDAP ${missing.join(', ')} not installed (Debian: apt-get install slapd ldap-utils)` : undefined;
}

export async function startSlapd(spec: LdapSpec): Promise<LdapService> {
  const missing = slapdMissing();
  if (missing) throw new ServiceError(missing);
  const dir = spec.workDir;
  await mkdir(join(dir, 'db'), { recursive: true, mode: 0o700 });
  const conf = join(dir, 'slapd.conf');
  await writeFile(conf, slapdConf(dir, spec), { mode: 0o600 });
  if (spec.tls) {
    await writeFile(join(dir, 'server-chain.pem'), spec.tls.chainPem, { mode: 0o600 });
    await writeFile(join(dir, 'server-key.pem'), spec.tls.keyPem, { mode: 0o600 });
  }
  await writeFile(join(dir, 'directory.ldif'), directoryLdif(spec.directory), { mode: 0o600 });
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
  await runTool([findBinary('slapadd')!, '-q', '-f', conf, '-l', join(dir, 'directory.ldif')], env);
  const port = await freePort();
  const tlsPort = spec.tls ? await freePort() : undefined;
  const urls = { ldap: `ldap://127.0.0.1:${port}/`, ...(tlsPort ? { ldaps: `ldaps://127.0.0.1:${tlsPort}/` } : {}) };
  const listen = [urls.ldap, ...(urls.ldaps ? [urls.ldaps] : [])].join(' ');
  const daemon = await startDaemon(`slapd ${spec.name}`, [findBinary('slapd')!, '-h', listen, '-f', conf, '-d', '0'], env);
  try {
    const gone = () => (daemon.alive() ? undefined : `slapd ${spec.name} exited: ${daemon.output().trim().slice(-500)}`);
    await waitForPort('127.0.0.1', port, READY_MS, gone);
    if (tlsPort) await waitForPort('127.0.0.1', tlsPort, READY_MS, gone);
  } catch (err) {
    await daemon.stop();
    throw err;
  }
  return { urls, baseDn: spec.directory.baseDn, adminDn: spec.directory.admin.dn, adminPassword: spec.directory.admin.password, stop: () => daemon.stop() };
}
