// An ldap client realm with everything in containers: the reference member container (host
// network) authenticates clients against the slapd container of the realms services, from the very
// rendered configuration the embedded member would read. What `realms --target container` needs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NodeClientDriver } from '../../../harness/clients/node-client/driver.ts';
import { loadMatrices } from '../../../harness/hazelcast/plan/load.ts';
import type { ClientSetup } from '../../../harness/core/plan/cell.ts';
import type { MemberSetup } from '../../../harness/hazelcast/model.ts';
import { createServiceProvider, startRealmServices, type RealmServices } from '../../../harness/hazelcast/services/realm-services.ts';
import { ContainerTarget } from '../../../harness/hazelcast/targets/container.ts';
import type { StartedTarget } from '../../../harness/core/target.ts';
import { buildPki, defaultPkiRequest } from '../../../pki/index.ts';
import type { PkiManifest } from '../../../pki/types.ts';
import { NO_ENGINE, engineSkipReason } from './engine-gate.ts';
import { userDn } from '../../../harness/hazelcast/services/ldif.ts';
import { JVM } from '../../../harness/hazelcast/reference-member/security/ldap-jvm-properties.ts';

describe.skipIf(!!NO_ENGINE)(`ldap realm: member container against the slapd container ${engineSkipReason}`, () => {
  let work = '';
  const { catalogue } = loadMatrices();
  const driver = new NodeClientDriver();
  let pki: PkiManifest;
  let services: RealmServices | undefined;
  let member: StartedTarget | undefined;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'secmatrix-ctr-realm-member-'));
    pki = (await buildPki(defaultPkiRequest(), { outDir: join(work, 'pki') })) as unknown as PkiManifest;
    services = await startRealmServices(catalogue, pki, join(work, 'svc'), createServiceProvider('container'));
    const setup: MemberSetup = {
      clusterName: 'secmatrix',
      ssl: null,
      security: { enabled: true, clientRealm: { name: 'ldapRealm', ...catalogue.realms['ldap-bind']! }, clientPermissions: [{ element: 'all-permissions' }] },
    };
    member = await new ContainerTarget({ serverVersion: 'reference' }).start(setup, { pki, workDir: join(work, 'member'), services: { refs: services.refs(), jvmProperties: {} } });
  }, 240_000);

  afterAll(async () => {
    await member?.stop();
    await driver.drain();
    await services?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const client = (username: string, password: string): ClientSetup => ({ clusterName: 'secmatrix', tls: null, credentials: { kind: 'password', username, password }, requiredCapabilities: [] });

  test('the rendered configuration names the slapd container and the member binds the user there', async () => {
    expect(member!.config.text).toContain(services!.primary.urls.ldap);
    const d = catalogue.directory!;
    // ldap-bind has no user-context: the client gives its full DN as the username.
    const a = await driver.connect(member!.endpoint, client(userDn(d, 'hdev'), d.users['hdev']!.password), { pki, evidence: member!.evidence });
    await a.session?.close();
    expect(a.outcome, JSON.stringify(a.evidence)).toMatchObject({ kind: 'connected' });
    expect(JSON.stringify(a.outcome)).toContain('hdev');
  });

  test('a wrong password is refused by the member after the directory refused the bind', async () => {
    const a = await driver.connect(member!.endpoint, client(userDn(catalogue.directory!, 'hdev'), 'not-the-password'), { pki, evidence: member!.evidence });
    await a.session?.close();
    expect(a.outcome.kind).toBe('auth-refused');
    expect(a.evidence['member log']).toMatch(/bind as .*hdev.* failed/);
  });

  test('kerberos realm: the member container accepts a GSSAPI token from the KDC container with its copied keytab and krb5.conf', async () => {
    const k = catalogue.kerberos!;
    const setup: MemberSetup = {
      clusterName: 'secmatrix',
      ssl: null,
      security: { enabled: true, clientRealm: { name: 'kerberosRealm', ...catalogue.realms['kerberos-simple']! }, clientPermissions: [{ element: 'all-permissions' }] },
    };
    const jvmProperties = { [JVM.krb5Conf]: services!.kdc.krb5ConfPath, [JVM.krb5RcacheDir]: services!.rcacheDir };
    const krbMember = await new ContainerTarget({ serverVersion: 'reference' }).start(setup, { pki, workDir: join(work, 'krb-member'), services: { refs: services!.refs(), jvmProperties } });
    try {
      const [svc, host] = k.servicePrincipal.split('/');
      const kerberos = {
        realm: k.realm,
        krb5ConfPath: services!.kdc.krb5ConfPath,
        krb5ConfDownPath: services!.kdc.krb5ConfDownPath,
        keytab: (p: string) => services!.kdc.keytab(p),
        memberService: `${svc}@${host}`,
        otherService: `${k.otherServicePrincipal.split('/')[0]}@${k.otherServicePrincipal.split('/')[1]}`,
        shortLifeSeconds: 3,
        clockSkewSeconds: k.clockSkewSeconds,
        workDir: join(work, 'krb-client'),
      };
      const { mkdir } = await import('node:fs/promises');
      await mkdir(kerberos.workDir, { recursive: true });
      const setupClient: ClientSetup = { clusterName: 'secmatrix', tls: null, credentials: { kind: 'kerberos', principal: 'hdev', login: 'password', password: k.clients['hdev']!.password }, requiredCapabilities: [] };
      const a = await driver.connect(krbMember.endpoint, setupClient, { pki, evidence: krbMember.evidence, kerberos });
      await a.session?.close();
      expect(a.outcome, JSON.stringify(a.evidence)).toMatchObject({ kind: 'connected' });
      expect(JSON.stringify(a.outcome)).toContain('hdev');
    } finally {
      await krbMember.stop();
    }
  }, 120_000);
});
