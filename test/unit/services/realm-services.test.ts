// The realms services' plumbing without starting anything: why they cannot run (the skip reason a
// run shows), the provider choice, the GSS service names and the secrets every output redacts.
import { describe, expect, it } from 'vitest';
import { loadMatrices } from '../../../harness/hazelcast/plan/load.ts';
import { hostBasedService, realmSecrets } from '../../../harness/hazelcast/services/realm-area.ts';
import { createServiceProvider, realmServicesUnavailable } from '../../../harness/hazelcast/services/realm-services.ts';
import { directoryLdif } from '../../../harness/hazelcast/services/ldif.ts';
import type { ServiceProvider } from '../../../harness/hazelcast/services/types.ts';

const { catalogue } = loadMatrices();

const fake = (ldap?: string, kdc?: string): ServiceProvider => ({
  name: 'fake',
  unavailable: (kind) => (kind === 'ldap' ? ldap : kdc),
  startLdap: () => Promise.reject(new Error('not here')),
  startKdc: () => Promise.reject(new Error('not here')),
});

describe('realm services', () => {
  it('say why they cannot run, naming every missing part', () => {
    expect(realmServicesUnavailable(fake())).toBeUndefined();
    expect(realmServicesUnavailable(fake('slapd not installed'))).toBe('slapd not installed');
    expect(realmServicesUnavailable(fake('slapd not installed', 'krb5kdc not installed'))).toBe('slapd not installed; krb5kdc not installed');
  });
  it('refuse an unknown provider by name', () => {
    expect(createServiceProvider('process').name).toBe('process');
    expect(() => createServiceProvider('nope')).toThrow(/unknown service provider "nope"/);
  });
  it('name the member service as GSS host-based service', () => {
    expect(hostBasedService('hz/127.0.0.1')).toBe('hz@127.0.0.1');
  });
  it('redact every password of the directory and the KDC', () => {
    const secrets = realmSecrets(catalogue);
    const d = catalogue.directory!;
    expect(secrets).toContain(d.admin.password);
    for (const u of Object.values(d.users)) {
      expect(secrets).toContain(u.password);
      if (u.altPassword) expect(secrets).toContain(u.altPassword);
    }
    for (const c of Object.values(catalogue.kerberos!.clients)) expect(secrets).toContain(c.password);
  });
  it('load the directory the oracle reasons over: users, nested groups, role attributes', () => {
    const ldif = directoryLdif(catalogue.directory!);
    expect(ldif).toContain('dn: uid=jduke,ou=Users,dc=hazelcast,dc=test');
    expect(ldif).toContain('employeeType: admin');
    expect(ldif).toContain('seeAlso: cn=admins,ou=Roles,dc=hazelcast,dc=test');
    // Nesting: the group devs is a member of readers.
    expect(ldif).toMatch(/dn: cn=readers,ou=Roles,dc=hazelcast,dc=test\n(?:.*\n)*?member: cn=devs,ou=Roles,dc=hazelcast,dc=test/);
  });
});
