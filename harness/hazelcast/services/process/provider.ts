// The process form of the services: real slapd and krb5kdc binaries on this machine.
import { ServiceError, type KdcSpec, type LdapSpec, type ServiceProvider } from '../types.ts';
import { kdcMissing, startMitKdc } from './mit-kdc.ts';
import { slapdMissing, startSlapd } from './slapd.ts';

export class ProcessServiceProvider implements ServiceProvider {
  readonly name = 'process';
  unavailable(kind: 'ldap' | 'kdc'): string | undefined {
    return kind === 'ldap' ? slapdMissing() : kdcMissing();
  }
  startLdap(spec: LdapSpec) {
    return startSlapd(spec);
  }
  startKdc(spec: KdcSpec) {
    return startMitKdc(spec);
  }
}

export { ServiceError };
