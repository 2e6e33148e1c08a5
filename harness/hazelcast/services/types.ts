// The service contract of the realms area: an LDAP directory and a Kerberos KDC the cells
// authenticate against. Cells and the member only see these shapes (URLs, paths, names), so a
// container form plugs in behind `ServiceProvider` without touching cells.
import type { DirectoryFacts, KerberosFacts } from '../plan/catalogue.ts';

export interface LdapService {
  /** ldap:// URL (always) and ldaps:// URL (when a certificate was given). */
  readonly urls: { ldap: string; ldaps?: string };
  readonly baseDn: string;
  readonly adminDn: string;
  readonly adminPassword: string;
  stop(): Promise<void>;
}

export interface LdapSpec {
  name: string;
  directory: DirectoryFacts;
  /** PEM chain and key the server presents on ldaps; absent = no ldaps listener. */
  tls?: { chainPem: string; keyPem: string };
  workDir: string;
}

export interface KdcService {
  readonly realm: string;
  readonly kdcPort: number;
  /** krb5.conf naming this KDC (KRB5_CONFIG / java.security.krb5.conf). */
  readonly krb5ConfPath: string;
  /** krb5.conf of the same realm naming a port where no KDC answers (the KDC-down cells). */
  readonly krb5ConfDownPath: string;
  /** Keytab file holding `principal`'s keys (created on first ask). */
  keytab(principal: string): Promise<string>;
  stop(): Promise<void>;
}

export interface KdcSpec {
  name: string;
  kerberos: KerberosFacts;
  workDir: string;
}

export interface ServiceProvider {
  readonly name: string;
  /** Why this provider cannot run here (missing binaries, engine), or undefined. */
  unavailable(kind: 'ldap' | 'kdc'): string | undefined;
  startLdap(spec: LdapSpec): Promise<LdapService>;
  startKdc(spec: KdcSpec): Promise<KdcService>;
}

export { ServiceError } from '../../core/services/process.ts';

/**
 * A KDC's keytab maker, once per principal: `make` writes the keytab (its file name stem is given,
 * safe for a path) and resolves to its path; later asks share that promise.
 */
export function keytabsOnce(make: (principal: string, stem: string) => Promise<string>): (principal: string) => Promise<string> {
  const made = new Map<string, Promise<string>>();
  return (principal) => {
    let p = made.get(principal);
    if (!p) {
      p = make(principal, principal.replace(/[^A-Za-z0-9.-]/g, '_'));
      made.set(principal, p);
    }
    return p;
  };
}
