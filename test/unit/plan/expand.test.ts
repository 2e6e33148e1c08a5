import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expandMatrices, matrixFingerprint } from '../../../harness/hazelcast/plan/expand.ts';
import { DEFAULT_MATRICES_DIR, loadMatrices } from '../../../harness/hazelcast/plan/load.ts';
import { MatrixError } from '../../../harness/core/plan/matrix-error.ts';

const all = expandMatrices();
const values = (key: string, area?: string) => new Set(all.filter((c) => !area || c.area === area).map((c) => c.parameters[key]).filter(Boolean));

describe('expandMatrices', () => {
  it('gives every cell a unique id', () => {
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
  });

  it('gives the same ids, in the same order, on every run', () => {
    expect(expandMatrices().map((c) => c.id)).toEqual(all.map((c) => c.id));
    // Ids are part of the nightly history: a rename must be deliberate.
    expect(all.map((c) => c.id)).toContain('HZ-TLS-001/memberProtocol=TLSv1.2,clientVersion=TLSv1.3');
    expect(all.map((c) => c.id)).toContain('HZ-MTLS-001/mutualAuth=OPTIONAL,clientCert=client-expired');
    expect(all.map((c) => c.id)).toContain('HZ-AUTH-002/realm=token-base64,clientIdentity=token-right-none');
  });

  it('covers every dimension of issue 4', () => {
    expect(values('memberProtocol', 'tls')).toEqual(new Set(['TLS', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']));
    expect(values('clientVersion', 'tls')).toEqual(new Set(['default', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3', 'SSLv2', 'SSLv3']));
    // every member × client pin pairing
    const pairs = new Set(all.filter((c) => c.requirementId === 'HZ-TLS-001').map((c) => `${c.parameters.memberProtocol}|${c.parameters.clientVersion}`));
    expect(pairs.size).toBe(25);
    expect(values('memberCiphers', 'tls').size).toBeGreaterThanOrEqual(4);
    expect(values('mutualAuth', 'mutual-auth')).toEqual(new Set(['off', 'OPTIONAL', 'REQUIRED']));
    for (const cert of ['none', 'client-rsa', 'client-untrusted-ca', 'client-expired', 'client-no-clientauth']) expect(values('clientCert', 'mutual-auth')).toContain(cert);
    expect(values('clientCa', 'tls')).toEqual(new Set(['root-ca', 'untrusted-ca', 'system', 'ca-bundle']));
    expect(values('hostnameVerification', 'tls')).toEqual(new Set(['on', 'off']));
    for (const k of ['member-wrong-san', 'member-cn-only', 'member-expired', 'member-not-yet-valid', 'member-self-signed', 'member-ca-as-leaf', 'member-no-serverauth', 'member-ec']) expect(values('memberKey', 'tls')).toContain(k);
    expect(values('mode', 'tls')).toEqual(new Set(['no-verification', 'client-verifies-server', 'server-verifies-client', 'both']));
    expect(values('keyFormat', 'mutual-auth')).toEqual(new Set(['separate', 'combined', 'encrypted']));
    expect(values('clientKeyUnlock', 'mutual-auth')).toEqual(new Set(['correct', 'wrong']));
    for (const id of ['password-right', 'password-wrong', 'none', 'token-right-none', 'token-right-base64', 'token-wrong-none']) expect(values('clientIdentity', 'credentials')).toContain(id);
    expect(values('realm', 'credentials')).toEqual(new Set(['password', 'token-none', 'token-base64', 'tls', 'tls-role-cn', 'none']));
    expect(values('clientClusterName', 'credentials')).toContain('not-secmatrix');
    const kinds = new Set(all.map((c) => c.expected.kind));
    // no-credentials: a Kerberos client without a ticket (realms area).
    expect(kinds).toEqual(new Set(['connected', 'tls-refused', 'auth-refused', 'access-denied', 'no-credentials']));
  });

  it('marks client options only some clients have as capabilities', () => {
    const sslv3 = all.find((c) => c.parameters.clientVersion === 'SSLv3')!;
    expect(sslv3.client.requiredCapabilities).toContain('tls-pin-sslv3');
    const callable = all.find((c) => c.parameters.clientKeyUnlockForm === 'callable')!;
    expect(callable.client.requiredCapabilities).toContain('tls-key-password-callable');
    expect(callable.client.tls?.cert).toEqual({ artifact: 'client-rsa', format: 'encrypted', keyPassword: 'correct', keyPasswordForm: 'callable' });
  });

  it('filters by area and by grep', () => {
    const creds = expandMatrices(['credentials']);
    expect(creds.length).toBeGreaterThan(0);
    expect(creds.every((c) => c.area === 'credentials')).toBe(true);
    expect(expandMatrices(['tls', 'mutual-auth']).length).toBe(all.filter((c) => c.area === 'tls' || c.area === 'mutual-auth').length);
    const grepped = expandMatrices(undefined, 'HZ-TLS-006');
    expect(grepped.map((c) => c.requirementId)).toEqual(Array(6).fill('HZ-TLS-006'));
    expect(expandMatrices(undefined, 'cn-only').every((c) => c.id.includes('cn-only'))).toBe(true);
    expect(expandMatrices(undefined, 'hostname verification').length).toBeGreaterThan(0); // requirement title
    expect(expandMatrices(undefined, 'no such thing at all')).toEqual([]);
    expect(() => expandMatrices(['nope' as never])).toThrow(/unknown area "nope"/);
  });

  it('has a stable matrix fingerprint', () => {
    expect(matrixFingerprint()).toMatch(/^[0-9a-f]{16}$/);
    expect(matrixFingerprint()).toBe(matrixFingerprint(loadMatrices()));
  });
});

describe('malformed matrix files', () => {
  // Every copy made in a test is removed after it (a test may make several).
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  function withEdited(file: string, edit: (text: string) => string): string {
    const dir = mkdtempSync(join(tmpdir(), 'secmatrix-matrices-'));
    dirs.push(dir);
    cpSync(DEFAULT_MATRICES_DIR, dir, { recursive: true });
    writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
    return dir;
  }
  function errorOf(d: string): MatrixError {
    try {
      expandMatrices(undefined, undefined, { dir: d });
    } catch (err) {
      expect(err).toBeInstanceOf(MatrixError);
      return err as MatrixError;
    }
    throw new Error('expected a MatrixError');
  }

  it('names file, path and an unknown coordinate value', () => {
    const e = errorOf(withEdited('tls.yaml', (t) => t.replace('[TLS, TLSv1, TLSv1.1, TLSv1.2, TLSv1.3]', '[TLS, TLSv9]')));
    expect(e.file).toMatch(/tls\.yaml$/);
    expect(e.path).toBe('requirements[0].vary.memberProtocol[1]');
    expect(e.message).toMatch(/"TLSv9" is not a value of memberProtocol/);
  });
  it('names an unknown coordinate', () => {
    const e = errorOf(withEdited('mutual-auth.yaml', (t) => t.replace('fixed: { mutualAuth: REQUIRED }', 'fixed: { mutualAuht: REQUIRED }')));
    expect(e.path).toBe('requirements[1].fixed.mutualAuht');
    expect(e.why).toMatch(/unknown coordinate "mutualAuht"/);
  });
  it('names an unknown reference (certificate)', () => {
    const e = errorOf(withEdited('tls.yaml', (t) => t.replace('memberKey: [member-rsa, member-wrong-san', 'memberKey: [member-rsa, member-nonexistent')));
    expect(e.why).toMatch(/"member-nonexistent" is not a known certificate/);
  });
  it('rejects a wrong requirement id prefix, a missing title, a boolean for on/off and broken YAML', () => {
    expect(errorOf(withEdited('credentials.yaml', (t) => t.replace('id: HZ-AUTH-001', 'id: HZ-TLS-101'))).why).toMatch(/start with HZ-AUTH-/);
    expect(errorOf(withEdited('credentials.yaml', (t) => t.replace(/\n {4}title: A username-password[^\n]*/, ''))).path).toBe('requirements[0].title');
    expect(errorOf(withEdited('tls.yaml', (t) => t.replace('hostnameVerification: ["on", "off"]', 'hostnameVerification: [true, false]'))).why).toMatch(/must be a string/);
    expect(errorOf(withEdited('ciphers.yaml', (t) => `${t}\n  broken: [unclosed\n`)).why).toMatch(/not valid YAML/);
  });
  it('rejects duplicate cell ids', () => {
    const e = errorOf(withEdited('tls.yaml', (t) => t.replace('      - { memberProtocol: TLS, clientVersion: SSLv2 }', '      - { memberProtocol: TLS, clientVersion: SSLv2 }\n      - { memberProtocol: TLS, clientVersion: SSLv2 }')));
    expect(e.why).toMatch(/produced twice/);
  });
});
