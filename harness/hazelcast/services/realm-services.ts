// Everything the realms cells need, started once per suite file and shared by its cells: three
// LDAP directories (primary: ldap + ldaps with a certificate under the trusted root; secondary:
// ldap + ldaps with a certificate from the untrusted CA, for the failover and untrusted cells;
// tertiary: ldaps with a trusted certificate that does not name 127.0.0.1, for the host name
// cell), addresses where nothing answers, and a KDC with the member's keytab.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PkiManifest } from '../../../pki/types.ts';
import type { Catalogue } from '../plan/catalogue.ts';
import type { RealmServiceRefs } from '../render/realms.ts';
import { freePort } from '../../core/util/ports.ts';
import { ProcessServiceProvider } from './process/provider.ts';
import { ContainerServiceProvider } from './container/provider.ts';
import { ServiceError, type KdcService, type LdapService, type ServiceProvider } from './types.ts';

export interface RealmServices {
  readonly primary: LdapService;
  readonly secondary: LdapService;
  readonly tertiary: LdapService;
  readonly kdc: KdcService;
  /** The member's service principal and its keytab. */
  readonly member: { principal: string; keytabFile: string };
  /** Replay cache directory of the member's acceptor (private to the run). */
  readonly rcacheDir: string;
  readonly workDir: string;
  refs(): RealmServiceRefs;
  stop(): Promise<void>;
}

export function createServiceProvider(name = process.env['SECMATRIX_SERVICES'] ?? 'process'): ServiceProvider {
  if (name === 'process') return new ProcessServiceProvider();
  if (name === 'container') return new ContainerServiceProvider();
  throw new ServiceError(`unknown service provider "${name}" (known: process, container)`);
}

/** Why the realms services cannot run here, or undefined. */
export function realmServicesUnavailable(provider: ServiceProvider = createServiceProvider()): string | undefined {
  const why = [provider.unavailable('ldap'), provider.unavailable('kdc')].filter(Boolean);
  return why.length ? why.join('; ') : undefined;
}

async function pem(pki: PkiManifest, id: string, what: 'chain' | 'key'): Promise<string> {
  const path = pki.artifacts[id]?.files[what];
  if (!path) throw new ServiceError(`PKI artifact ${id} has no ${what} file`);
  return readFile(path, 'utf8');
}

export async function startRealmServices(catalogue: Catalogue, pki: PkiManifest, workDir: string, provider: ServiceProvider = createServiceProvider()): Promise<RealmServices> {
  if (!catalogue.directory || !catalogue.kerberos) throw new ServiceError('matrices/realms-fixtures.yaml is missing: no directory or KDC facts');
  const directory = catalogue.directory;
  const kerberos = catalogue.kerberos;
  const dirs = ['ldap-primary', 'ldap-secondary', 'kdc', 'rcache', 'ldap-tertiary'].map((d) => join(workDir, d));
  for (const d of dirs) await mkdir(d, { recursive: true, mode: 0o700 });
  const started: { stop(): Promise<void> }[] = [];
  // Newest first; one failing stop does not keep the others running.
  const stopAll = async () => {
    const errors: unknown[] = [];
    for (const s of [...started].reverse()) await s.stop().catch((e: unknown) => errors.push(e));
    if (errors.length) throw new ServiceError(`stopping the realm services failed: ${errors.map(String).join('; ')}`);
  };
  try {
    const primaryTls = { chainPem: await pem(pki, 'member-rsa', 'chain'), keyPem: await pem(pki, 'member-rsa', 'key') };
    const secondaryTls = { chainPem: await pem(pki, 'member-untrusted-ca', 'chain'), keyPem: await pem(pki, 'member-untrusted-ca', 'key') };
    const tertiaryTls = { chainPem: await pem(pki, 'member-wrong-san', 'chain'), keyPem: await pem(pki, 'member-wrong-san', 'key') };
    // Started side by side; allSettled, not all: when one fails, the others that did start must
    // still be stopped (Promise.all would drop them and leave their daemons running).
    const settled = await Promise.allSettled([
      provider.startLdap({ name: 'primary', directory, workDir: dirs[0]!, tls: primaryTls }),
      provider.startLdap({ name: 'secondary', directory, workDir: dirs[1]!, tls: secondaryTls }),
      provider.startKdc({ name: 'kdc', kerberos, workDir: dirs[2]! }),
      provider.startLdap({ name: 'tertiary', directory, workDir: dirs[4]!, tls: tertiaryTls }),
    ]);
    for (const s of settled) if (s.status === 'fulfilled') started.push(s.value);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [primary, secondary, kdc, tertiary] = settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as [LdapService, LdapService, KdcService, LdapService];
    const principal = `${kerberos.servicePrincipal}@${kerberos.realm}`;
    const keytabFile = await kdc.keytab(principal);
    // Ports nobody listens on (taken from the OS and released): "server down".
    const down = [`ldap://127.0.0.1:${await freePort()}/`, `ldap://127.0.0.1:${await freePort()}/`];
    const urls: Record<string, string> = {
      primary: primary.urls.ldap,
      'primary-ldaps': primary.urls.ldaps!,
      secondary: secondary.urls.ldap,
      'secondary-ldaps-untrusted': secondary.urls.ldaps!,
      'tertiary-ldaps-wrong-host': tertiary.urls.ldaps!,
      down: down[0]!,
      'down-2': down[1]!,
    };
    return {
      primary,
      secondary,
      tertiary,
      kdc,
      member: { principal, keytabFile },
      rcacheDir: dirs[3]!,
      workDir,
      refs: () => ({
        ldapUrl: (ref) => {
          const u = urls[ref];
          if (!u) throw new ServiceError(`no LDAP service "${ref}"`);
          return u;
        },
        admin: { dn: primary.adminDn, password: primary.adminPassword },
        kerberos: { principal, keytabFile },
      }),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
