// The container form of the realms services, checked directly against the ServiceProvider
// contract: a real slapd container answers binds (ldap and ldaps) as the directory says, a real KDC
// container issues tickets for passwords and for exported keytabs, and nothing stays behind.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, InvalidCredentialsError } from 'ldapts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listLabelled, RUN_LABEL } from '../../../harness/core/containers/docker-api.ts';
import { createServiceProvider } from '../../../harness/hazelcast/services/realm-services.ts';
import type { DirectoryFacts, KerberosFacts } from '../../../harness/hazelcast/plan/catalogue.ts';
import type { KdcService, LdapService } from '../../../harness/hazelcast/services/types.ts';
import { userDn } from '../../../harness/hazelcast/services/ldif.ts';
import { NO_ENGINE, engineSkipReason } from './engine-gate.ts';
import { loadMatrices } from '../../../harness/hazelcast/plan/load.ts';
import { buildPki, defaultPkiRequest } from '../../../pki/index.ts';
import { startRealmServices } from '../../../harness/hazelcast/services/realm-services.ts';

const RUN = `services-test-${process.pid}`;
const directory: DirectoryFacts = {
  baseDn: 'dc=hazelcast,dc=test',
  admin: { dn: 'cn=admin,dc=hazelcast,dc=test', password: 'admin-secret-1' },
  users: { alice: { password: 'alice-pw-1', roles: ['readers'], roleDns: [] } },
  groups: { readers: { members: ['alice'], roleDns: [] } },
};
const kerberos: KerberosFacts = {
  realm: 'HAZELCAST.TEST',
  servicePrincipal: 'hz/127.0.0.1',
  otherServicePrincipal: 'other/127.0.0.1',
  clients: { jduke: { password: 'jduke-pw-1' } },
  clockSkewSeconds: 300,
};

describe.skipIf(!!NO_ENGINE)(`container services (slapd, MIT KDC) ${engineSkipReason}`, () => {
  let work = '';
  let ldap: LdapService | undefined;
  let kdc: KdcService | undefined;
  let cert = '';

  beforeAll(async () => {
    process.env['SECMATRIX_RUN_ID'] = RUN;
    work = mkdtempSync(join(tmpdir(), 'secmatrix-ctr-services-'));
    // A throwaway server certificate for the ldaps listener (the suite's PKI is not needed here).
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', join(work, 'key.pem'), '-out', join(work, 'cert.pem')], { stdio: 'ignore' });
    cert = readFileSync(join(work, 'cert.pem'), 'utf8');
    const provider = createServiceProvider('container');
    expect(provider.name).toBe('container');
    [ldap, kdc] = await Promise.all([
      provider.startLdap({ name: 'primary', directory, workDir: work, tls: { chainPem: cert, keyPem: readFileSync(join(work, 'key.pem'), 'utf8') } }),
      provider.startKdc({ name: 'kdc', kerberos, workDir: work }),
    ]);
  }, 180_000);

  afterAll(async () => {
    await ldap?.stop();
    await kdc?.stop();
    delete process.env['SECMATRIX_RUN_ID'];
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('slapd binds a user with the right password and refuses a wrong one (ldap://)', async () => {
    const c = new Client({ url: ldap!.urls.ldap, timeout: 5_000, connectTimeout: 5_000 });
    try {
      await c.bind(userDn(directory, 'alice'), 'alice-pw-1');
      const { searchEntries } = await c.search(directory.baseDn, { filter: '(uid=alice)', attributes: ['employeeType'] });
      expect(searchEntries[0]?.['employeeType']).toBe('readers');
      await c.unbind();
      await expect(c.bind(userDn(directory, 'alice'), 'wrong')).rejects.toBeInstanceOf(InvalidCredentialsError);
    } finally {
      await c.unbind().catch(() => undefined);
    }
  });

  test('slapd answers ldaps:// with the given certificate', async () => {
    expect(ldap!.urls.ldaps).toMatch(/^ldaps:\/\/127\.0\.0\.1:\d+\/$/);
    const c = new Client({ url: ldap!.urls.ldaps!, timeout: 5_000, connectTimeout: 5_000, tlsOptions: { ca: [cert] } });
    try {
      await c.bind(directory.admin.dn, directory.admin.password);
    } finally {
      await c.unbind().catch(() => undefined);
    }
    // Without trusting it, the handshake fails: the listener really presents that certificate.
    const untrusting = new Client({ url: ldap!.urls.ldaps!, timeout: 5_000, connectTimeout: 5_000, tlsOptions: { ca: [] } });
    await expect(untrusting.bind(directory.admin.dn, directory.admin.password)).rejects.toThrow();
    await untrusting.unbind().catch(() => undefined);
  });

  test('the KDC issues a ticket for a password and for an exported keytab, and refuses a wrong password', async () => {
    const env = { ...process.env, KRB5_CONFIG: kdc!.krb5ConfPath, KRB5CCNAME: `FILE:${join(work, 'ccache')}` };
    const ok = spawnSync('kinit', ['jduke@HAZELCAST.TEST'], { env, input: 'jduke-pw-1\n', timeout: 15_000 });
    expect(ok.status, ok.stderr.toString()).toBe(0);
    const list = spawnSync('klist', [], { env, timeout: 5_000 });
    expect(list.stdout.toString()).toContain('krbtgt/HAZELCAST.TEST@HAZELCAST.TEST');
    const bad = spawnSync('kinit', ['jduke@HAZELCAST.TEST'], { env, input: 'wrong\n', timeout: 15_000 });
    expect(bad.status).not.toBe(0);
    const keytab = await kdc!.keytab('hz/127.0.0.1@HAZELCAST.TEST');
    const kt = spawnSync('kinit', ['-k', '-t', keytab, 'hz/127.0.0.1@HAZELCAST.TEST'], { env, timeout: 15_000 });
    expect(kt.status, kt.stderr.toString()).toBe(0);
    // The "KDC down" configuration names a port where nothing answers.
    const down = spawnSync('kinit', ['jduke@HAZELCAST.TEST'], { env: { ...env, KRB5_CONFIG: kdc!.krb5ConfDownPath }, input: 'jduke-pw-1\n', timeout: 15_000 });
    expect(down.status).not.toBe(0);
  });

  test('stopping the services leaves no container behind', async () => {
    expect((await listLabelled(`${RUN_LABEL}=${RUN}`)).containers.length).toBe(2);
    await ldap!.stop();
    await kdc!.stop();
    expect(await listLabelled(`${RUN_LABEL}=${RUN}`)).toEqual({ containers: [], networks: [] });
  });
});

describe.skipIf(!!NO_ENGINE)(`the realms area's services in containers (startRealmServices) ${engineSkipReason}`, () => {
  test('two directories (ldap + ldaps under the suite PKI), a KDC and the member keytab, from the realms fixtures', async () => {
    const work = mkdtempSync(join(tmpdir(), 'secmatrix-ctr-realms-'));
    process.env['SECMATRIX_RUN_ID'] = `${RUN}-realms`;
    try {
      const { catalogue } = loadMatrices();
      const pki = await buildPki(defaultPkiRequest(), { outDir: join(work, 'pki') });
      const services = await startRealmServices(catalogue, pki, join(work, 'svc'), createServiceProvider('container'));
      try {
        const d = catalogue.directory!;
        const [uid, user] = Object.entries(d.users)[0]!;
        const ca = readFileSync(pki.artifacts['root-ca']!.files.cert!, 'utf8');
        const c = new Client({ url: services.refs().ldapUrl('primary-ldaps'), timeout: 5_000, connectTimeout: 5_000, tlsOptions: { ca: [ca] } });
        await c.bind(userDn(d, uid), user.password);
        await c.unbind();
        // The secondary's ldaps certificate is from the untrusted CA: refused under the same trust.
        const u = new Client({ url: services.refs().ldapUrl('secondary-ldaps-untrusted'), timeout: 5_000, connectTimeout: 5_000, tlsOptions: { ca: [ca] } });
        await expect(u.bind(userDn(d, uid), user.password)).rejects.toThrow();
        await u.unbind().catch(() => undefined);
        const k = catalogue.kerberos!;
        const env = { ...process.env, KRB5_CONFIG: services.kdc.krb5ConfPath, KRB5CCNAME: `FILE:${join(work, 'cc')}` };
        const kt = spawnSync('kinit', ['-k', '-t', services.member.keytabFile, services.member.principal], { env, timeout: 15_000 });
        expect(kt.status, kt.stderr.toString()).toBe(0);
        const [client, facts] = Object.entries(k.clients)[0]!;
        const pw = spawnSync('kinit', [`${client}@${k.realm}`], { env, input: `${facts.password}\n`, timeout: 15_000 });
        expect(pw.status, pw.stderr.toString()).toBe(0);
      } finally {
        await services.stop();
      }
      expect(await listLabelled(`${RUN_LABEL}=${RUN}-realms`)).toEqual({ containers: [], networks: [] });
    } finally {
      delete process.env['SECMATRIX_RUN_ID'];
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
