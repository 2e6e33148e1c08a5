// A malformed PKI request is a clear error naming the field and why, raised before anything is made.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../harness/core/util/tempdir.ts';
import { buildPki, defaultPkiRequest, PkiRequestError, type CertRequest, type PkiRequest } from '../../../pki/index.ts';
import { resolveRequest } from '../../../pki/request.ts';

const root: CertRequest = { id: 'root', kind: 'ca', description: 'root', keyType: 'ec-p256', subject: 'CN=Root', issuer: 'self' };
const leaf: CertRequest = { id: 'leaf', kind: 'member', description: 'leaf', keyType: 'ec-p256', subject: 'CN=leaf,O=Hazelcast', issuer: 'root' };

function errorOf(request: unknown): PkiRequestError {
  try {
    resolveRequest(request);
  } catch (err) {
    if (err instanceof PkiRequestError) return err;
    throw err;
  }
  throw new Error('request was accepted');
}

describe('request validation', () => {
  it('accepts the default request and a minimal one', () => {
    expect(resolveRequest(defaultPkiRequest()).certs).toHaveLength(22);
    expect(resolveRequest({ certs: [root, leaf] }).certs.map((c) => c.id)).toEqual(['root', 'leaf']);
  });

  it.each<[string, unknown, string, RegExp]>([
    ['unknown key type', { certs: [root, { ...leaf, keyType: 'dsa1024' }] }, 'certs[1].keyType', /"dsa1024" is not one of rsa2048, ec-p256/],
    ['unknown kind', { certs: [root, { ...leaf, kind: 'server' }] }, 'certs[1].kind', /not one of ca, member, client/],
    ['DN without TYPE=value', { certs: [root, { ...leaf, subject: 'admin' }] }, 'certs[1].subject', /"admin" is not a distinguished name: component 1 \("admin"\) is not TYPE=value/],
    ['DN with an unknown attribute', { certs: [root, { ...leaf, subject: 'CN=a,XX=b' }] }, 'certs[1].subject', /unknown attribute type "XX"/],
    ['DN with an empty value', { certs: [root, { ...leaf, subject: 'CN=,O=x' }] }, 'certs[1].subject', /empty value/],
    ['unknown issuer id', { certs: [root, { ...leaf, issuer: 'nope' }] }, 'certs[1].issuer', /unknown issuer id "nope"/],
    ['issuer that is not a CA', { certs: [root, leaf, { ...leaf, id: 'leaf2', issuer: 'leaf' }] }, 'certs[2].issuer', /"leaf" is a member certificate, not a CA/],
    ['duplicate id', { certs: [root, leaf, { ...leaf }] }, 'certs[2].id', /duplicate id "leaf"/],
    ['id that is not an id', { certs: [{ ...root, id: 'Root CA' }] }, 'certs[0].id', /is not an id/],
    ['CA under an intermediate', { certs: [root, { ...root, id: 'inter', issuer: 'root' }, { ...root, id: 'sub', issuer: 'inter' }] }, 'certs[2].issuer', /"inter" is an intermediate \(pathlen 0\) and cannot issue another CA/],
    ['issuing cycle (caught as a CA issued by an intermediate)', { certs: [{ ...root, id: 'a', issuer: 'b' }, { ...root, id: 'b', issuer: 'a' }] }, 'certs[0].issuer', /cannot issue another CA/],
    ['bad IP SAN', { certs: [root, { ...leaf, sans: { ip: ['300.1.1.1'] } }] }, 'certs[1].sans.ip[0]', /not an IP address/],
    ['bad DNS SAN', { certs: [root, { ...leaf, sans: { dns: ['bad name'] } }] }, 'certs[1].sans.dns[0]', /not a DNS name/],
    ['unknown EKU', { certs: [root, { ...leaf, ekus: ['codeSigning'] }] }, 'certs[1].ekus[0]', /not one of serverAuth, clientAuth/],
    ['unknown validity', { certs: [root, { ...leaf, validity: 'soon' }] }, 'certs[1].validity', /not one of current, expired, not-yet-valid/],
    ['misspelt field', { certs: [root, { ...leaf, subjet: 'CN=x' }] }, 'certs[1].subjet', /unknown field/],
    ['bad label without expectedFailure', { certs: [root, { ...leaf, bad: { why: 'x', verifier: 'client' } }] }, 'certs[1].bad.expectedFailure', /non-empty string/],
    ['no certificates', { certs: [] }, 'certs', /non-empty array/],
    ['bad anchor', { anchor: 'yesterday', certs: [root] }, 'anchor', /not an ISO date/],
    ['bundle of an unknown CA', { certs: [root], bundles: [{ id: 'b', description: 'b', cas: ['root', 'other'] }] }, 'bundles[0].cas[1]', /unknown CA id "other"/],
    ['bundle id clashing with a certificate', { certs: [root], bundles: [{ id: 'root', description: 'b', cas: ['root'] }] }, 'bundles[0].id', /duplicate id "root"/],
  ])('%s', (_name, request, field, reason) => {
    const err = errorOf(request);
    expect(err.field).toBe(field);
    expect(err.message).toMatch(reason);
    expect(err.message.startsWith(`invalid PKI request: ${field}: `)).toBe(true);
  });

  it('buildPki rejects a bad request before touching the cache or the output directory', async () => {
    const tmp = await makeTempDir('pki-unit-invalid');
    try {
      const bad: PkiRequest = { certs: [root, { ...leaf, issuer: 'missing' }] };
      await expect(buildPki(bad, { cacheDir: join(tmp.path, 'cache'), outDir: join(tmp.path, 'out') })).rejects.toThrow(PkiRequestError);
      expect(existsSync(join(tmp.path, 'cache'))).toBe(false);
      expect(existsSync(join(tmp.path, 'out'))).toBe(false);
    } finally {
      await tmp.remove();
    }
  });
});

describe('defaults', () => {
  it('validity windows: good now, expired a year ago, not yet valid for ten years, anchored to the UTC year', () => {
    const now = new Date('2026-07-15T12:00:00Z');
    const certs = new Map(resolveRequest(defaultPkiRequest(), now).certs.map((c) => [c.id, c]));
    const get = (id: string) => certs.get(id)!;
    expect(get('member-rsa').notBefore.toISOString()).toBe('2025-12-31T00:00:00.000Z');
    expect(get('member-rsa').notAfter.toISOString()).toBe('2031-01-01T00:00:00.000Z');
    expect(get('member-expired').notAfter.getTime()).toBeLessThanOrEqual(Date.UTC(2025, 0, 1));
    expect(get('member-not-yet-valid').notBefore.getTime()).toBeGreaterThanOrEqual(Date.UTC(2036, 0, 1));
    // The same windows all year long, so the cache keeps serving the same certificates.
    const later = resolveRequest(defaultPkiRequest(), new Date('2026-12-31T23:59:59Z')).certs.find((c) => c.id === 'member-rsa')!;
    expect(later.notBefore).toEqual(get('member-rsa').notBefore);
  });

  it('extra member names reach every member certificate meant to match, as DNS or IP SANs', () => {
    const certs = resolveRequest(defaultPkiRequest(['hz-1.test', '10.0.0.5'])).certs;
    const byId = new Map(certs.map((c) => [c.id, c]));
    expect(byId.get('member-rsa')!.sans).toEqual({ dns: ['localhost', 'hz-1.test'], ip: ['127.0.0.1', '10.0.0.5'] });
    expect(byId.get('member-expired')!.sans.dns).toContain('hz-1.test');
    expect(byId.get('member-wrong-san')!.sans.dns).not.toContain('hz-1.test');
    expect(byId.get('member-cn-only')!.sans).toEqual({ dns: [], ip: [] });
    expect(byId.get('client-admin')!.sans).toEqual({ dns: [], ip: [] });
  });
});
