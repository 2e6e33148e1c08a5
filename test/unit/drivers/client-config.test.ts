// The Node client's configuration for a cell: built from the cell's ClientSetup and PKI files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildClientConfig } from '../../../harness/clients/node-client/client-config.ts';
import type { ClientSetup, ClientTls } from '../../../harness/core/plan/cell.ts';
import type { PkiManifest } from '../../../pki/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'secmatrix-cc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const pki = {
  artifacts: {
    'root-ca': { id: 'root-ca', kind: 'ca', description: '', files: { cert: file('root.pem', 'ROOT') }, passwords: {} },
    'client-rsa': {
      id: 'client-rsa',
      kind: 'client',
      description: '',
      files: { chain: file('c.pem', 'CHAIN'), key: file('k.pem', 'KEY'), keyEncrypted: file('ke.pem', 'ENCKEY'), combined: file('kc.pem', 'KEY+CHAIN') },
      passwords: { key: 'key-pass-1' },
    },
  },
} as unknown as PkiManifest;

const baseTls: ClientTls = { enabled: true, verifyMember: true, ca: 'root-ca', hostnameVerification: true, connectHost: '127.0.0.1' };
const setup = (tls: Partial<ClientTls> | null, credentials: ClientSetup['credentials'] = { kind: 'none' }): ClientSetup => ({
  clusterName: 'dev',
  tls: tls === null ? null : { ...baseTls, ...tls },
  credentials,
  requiredCapabilities: [],
});
const endpoint = { host: '127.0.0.1', port: 5701 };

describe('buildClientConfig', () => {
  it('plain TCP has no ssl section and dials the endpoint', () => {
    const { config } = buildClientConfig(setup(null), endpoint, pki, undefined);
    expect(config.network?.ssl).toBeUndefined();
    expect(config.network?.clusterMembers).toEqual(['127.0.0.1:5701']);
  });

  it('trusting a CA passes its PEM and keeps Node verifying name and chain', () => {
    const ssl = buildClientConfig(setup({}), endpoint, pki, undefined).config.network?.ssl?.sslOptions;
    expect(ssl?.ca).toBe('ROOT');
    expect(ssl?.rejectUnauthorized).toBe(true);
    expect(ssl?.checkServerIdentity).toBeUndefined();
  });

  it('system CAs: no CA given; verification off: chain not checked; hostname off: name not checked', () => {
    expect(buildClientConfig(setup({ ca: 'system' }), endpoint, pki, undefined).config.network?.ssl?.sslOptions?.ca).toBeUndefined();
    expect(buildClientConfig(setup({ verifyMember: false }), endpoint, pki, undefined).config.network?.ssl?.sslOptions?.rejectUnauthorized).toBe(false);
    const off = buildClientConfig(setup({ hostnameVerification: false }), endpoint, pki, undefined).config.network?.ssl?.sslOptions;
    expect(off?.checkServerIdentity?.('127.0.0.1', {} as never)).toBeUndefined();
  });

  it('pinning TLSv1 lowers the OpenSSL security level, as a Node user must', () => {
    const ssl = buildClientConfig(setup({ minVersion: 'TLSv1', maxVersion: 'TLSv1' }), endpoint, pki, undefined).config.network?.ssl?.sslOptions;
    expect(ssl?.minVersion).toBe('TLSv1');
    expect(ssl?.ciphers).toMatch(/@SECLEVEL=0$/);
  });

  it('client key formats: separate, combined in one file, encrypted with the right or a wrong password', () => {
    const sep = buildClientConfig(setup({ cert: { artifact: 'client-rsa', format: 'separate' } }), endpoint, pki, undefined).config.network?.ssl?.sslOptions;
    expect([sep?.cert, sep?.key]).toEqual(['CHAIN', 'KEY']);
    const comb = buildClientConfig(setup({ cert: { artifact: 'client-rsa', format: 'combined' } }), endpoint, pki, undefined).config.network?.ssl?.sslOptions;
    expect([comb?.cert, comb?.key]).toEqual(['KEY+CHAIN', 'KEY+CHAIN']);
    const right = buildClientConfig(setup({ cert: { artifact: 'client-rsa', format: 'encrypted', keyPassword: 'correct' } }), endpoint, pki, undefined);
    expect(right.config.network?.ssl?.sslOptions?.passphrase).toBe('key-pass-1');
    expect(right.secrets).toContain('key-pass-1');
    const wrong = buildClientConfig(setup({ cert: { artifact: 'client-rsa', format: 'encrypted', keyPassword: 'wrong' } }), endpoint, pki, undefined);
    expect(wrong.config.network?.ssl?.sslOptions?.passphrase).not.toBe('key-pass-1');
  });

  it('credentials: password and token (with its encoding), listed as secrets', () => {
    const pw = buildClientConfig(setup(null, { kind: 'password', username: 'u', password: 'p4ss' }), endpoint, pki, undefined);
    expect(pw.config.security?.usernamePassword).toEqual({ username: 'u', password: 'p4ss' });
    expect(pw.secrets).toContain('p4ss');
    const tok = buildClientConfig(setup(null, { kind: 'token', encoding: 'base64', token: 'SGF6' }), endpoint, pki, undefined);
    expect(tok.config.security?.token).toEqual({ token: 'SGF6', encoding: 'BASE64' });
  });

  it('a cell naming an artifact the PKI lacks is a clear error', () => {
    expect(() => buildClientConfig(setup({ ca: 'nope' }), endpoint, pki, undefined)).toThrow(/PKI artifact 'nope'/);
  });
});
