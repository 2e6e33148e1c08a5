// An ldap client realm with everything in containers: the reference member container (host
// network) authenticates clients against the slapd container of the realms services, from the very
// rendered configuration the embedded member would read. What `realms --target container` needs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NodeClientDriver } from '../../../harness/drivers/node-client/driver.ts';
import { loadMatrices } from '../../../harness/plan/load.ts';
import type { ClientSetup, MemberSetup } from '../../../harness/plan/cell.ts';
import { createServiceProvider, startRealmServices, type RealmServices } from '../../../harness/services/realm-services.ts';
import { ContainerTarget } from '../../../harness/targets/container.ts';
import type { StartedTarget } from '../../../harness/targets/target.ts';
import { buildPki, defaultPkiRequest } from '../../../pki/index.ts';
import type { PkiManifest } from '../../../pki/types.ts';
import { NO_ENGINE, engineSkipReason } from './engine-gate.ts';
import { userDn } from '../../../harness/services/ldif.ts';

describe.skipIf(!!NO_ENGINE)(`ldap realm: member container against the slapd container ${engineSkipReason}`, () => {
  const work = mkdtempSync(join(tmpdir(), 'secmatrix-ctr-realm-member-'));
  const { catalogue } = loadMatrices();
  const driver = new NodeClientDriver();
  let pki: PkiManifest;
  let services: RealmServices | undefined;
  let member: StartedTarget | undefined;

  beforeAll(async () => {
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
    rmSync(work, { recursive: true, force: true });
  });

  const client = (username: string, password: string): ClientSetup => ({ clusterName: 'secmatrix', tls: null, credentials: { kind: 'password', username, password }, requiredCapabilities: [] });

  test('the rendered configuration names the slapd container and the member binds the user there', async () => {
    expect(member!.config.xml).toContain(services!.primary.urls.ldap);
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
});
