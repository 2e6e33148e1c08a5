// TLS of the reference member: the Java-name tables, and real handshakes between a Node TLS server
// built by buildTlsServerOptions from PKCS#12 stores and Node clients.
import type { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, type SslConfig } from '../../../harness/hazelcast/reference-member/config/model.ts';
import { mapCipherSuite, splitCipherSuites } from '../../../harness/hazelcast/reference-member/tls/cipher-suites.ts';
import { buildTlsServerOptions, checkClientCertificate, cipherOptions, type ClientCertificateVerdict } from '../../../harness/hazelcast/reference-member/tls/options.ts';
import { protocolRange } from '../../../harness/hazelcast/reference-member/tls/protocols.ts';
import { makePki, type Pki } from './fixtures.ts';

describe('protocol names', () => {
  it.each([
    ['TLS', 'TLSv1.2', 'TLSv1.3'],
    ['SSL', 'TLSv1.2', 'TLSv1.3'],
    ['TLSv1.3', 'TLSv1.3', 'TLSv1.3'],
    ['TLSv1.2', 'TLSv1.2', 'TLSv1.2'],
    ['TLSv1.1', 'TLSv1.1', 'TLSv1.1'],
    ['TLSv1', 'TLSv1', 'TLSv1'],
  ])('%s -> %s..%s', (name, min, max) => {
    expect(protocolRange(name)).toMatchObject({ minVersion: min, maxVersion: max });
  });
  it('TLSv1 and TLSv1.1 need OpenSSL security level 0; SSLv3 is not supported', () => {
    expect(protocolRange('TLSv1.1')?.needsSecurityLevel0).toBe(true);
    expect(protocolRange('TLSv1.2')?.needsSecurityLevel0).toBe(false);
    expect(protocolRange('SSLv3')).toBeUndefined();
  });
});

describe('cipher suite names', () => {
  it.each([
    ['TLS_AES_128_GCM_SHA256', 'TLS_AES_128_GCM_SHA256', true],
    ['TLS_CHACHA20_POLY1305_SHA256', 'TLS_CHACHA20_POLY1305_SHA256', true],
    ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', false],
    ['TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'ECDHE-ECDSA-AES256-GCM-SHA384', false],
    ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 'ECDHE-RSA-AES128-SHA256', false],
    ['TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 'DHE-RSA-AES256-GCM-SHA384', false],
    ['TLS_RSA_WITH_AES_128_CBC_SHA', 'AES128-SHA', false],
  ])('%s -> %s', (java, openssl, tls13) => {
    expect(mapCipherSuite(java)).toEqual({ openssl, tls13 });
  });
  it('unknown names map to nothing', () => {
    expect(mapCipherSuite('TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA')).toBeUndefined();
    expect(mapCipherSuite('ECDHE-RSA-AES128-GCM-SHA256')).toBeUndefined();
  });
  it('the property is comma separated, blanks and line breaks ignored', () => {
    expect(splitCipherSuites(' TLS_AES_128_GCM_SHA256,\n\t TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 ,')).toEqual(['TLS_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256']);
  });
  const range = (p: string) => protocolRange(p)!;
  it('OpenSSL lists keep the order and add security level 0 when asked', () => {
    expect(cipherOptions(['TLS_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'], range('TLS'))).toEqual({
      ciphers: 'TLS_AES_256_GCM_SHA384:ECDHE-RSA-AES128-GCM-SHA256',
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.3',
    });
    expect(cipherOptions(undefined, range('TLSv1.1'))).toEqual({ ciphers: 'DEFAULT:@SECLEVEL=0', minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1' });
    expect(cipherOptions(undefined, range('TLS'))).toEqual({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' });
  });
  it('the versions narrow to those the configured suites can serve (as JSSE only uses a version with an enabled suite)', () => {
    expect(cipherOptions(['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'], range('TLS'))).toMatchObject({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
    expect(cipherOptions(['TLS_AES_128_GCM_SHA256'], range('TLS'))).toMatchObject({ minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' });
    expect(cipherOptions(['TLS_AES_128_GCM_SHA256'], range('TLSv1.2'))).toBeUndefined();
    expect(cipherOptions(['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'], range('TLSv1.3'))).toBeUndefined();
  });
});

// ---- real handshakes -----------------------------------------------------------------------------

let pki: Pki;
beforeAll(() => {
  pki = makePki();
}, 60_000);
afterAll(() => pki?.remove());

const sslConfig = (over: Partial<SslConfig> = {}): SslConfig => ({
  factoryClassName: undefined,
  keyStore: pki.keyStore,
  keyStorePassword: 'secret.123',
  keyStoreType: 'PKCS12',
  trustStore: pki.trustStore,
  trustStorePassword: 'changeit',
  trustStoreType: 'PKCS12',
  protocol: 'TLS',
  cipherSuites: undefined,
  mutualAuthentication: undefined,
  ...over,
});

interface Outcome {
  /** Client side: negotiated protocol and cipher, or the error. */
  protocol?: string | null;
  cipher?: string;
  clientError?: string;
  /** Server side: the verdict on the client certificate, if the handshake completed there. */
  verdict?: ClientCertificateVerdict;
  /** Whether application data made it to the server after the verdict (the server echoes). */
  echoed?: boolean;
}

async function handshake(ssl: SslConfig, client: tls.ConnectionOptions = {}): Promise<Outcome> {
  const options = await buildTlsServerOptions(ssl, 'member.xml');
  const outcome: Outcome = {};
  const server = tls.createServer(options, (socket) => {
    const verdict = checkClientCertificate(socket, options.mutualAuthentication);
    outcome.verdict = verdict;
    if (!verdict.accept) {
      socket.destroy();
      return;
    }
    socket.on('data', (d) => socket.end(d));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    await new Promise<void>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port, ca: pki.caPem, servername: 'localhost', ...client });
      const timer = setTimeout(() => socket.destroy(new Error('timeout')), 5000);
      socket.on('secureConnect', () => {
        outcome.protocol = socket.getProtocol();
        outcome.cipher = socket.getCipher().name;
        socket.write('ping');
      });
      socket.on('data', () => {
        outcome.echoed = true;
      });
      socket.on('error', (e: NodeJS.ErrnoException) => {
        outcome.clientError = e.code ?? e.message;
      });
      socket.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return outcome;
}

describe('protocol versions over a real handshake', () => {
  it('TLS negotiates TLSv1.3 with a modern client', async () => {
    expect(await handshake(sslConfig())).toMatchObject({ protocol: 'TLSv1.3', echoed: true });
  });
  it('TLSv1.2 caps the handshake at TLSv1.2', async () => {
    expect(await handshake(sslConfig({ protocol: 'TLSv1.2' }))).toMatchObject({ protocol: 'TLSv1.2', echoed: true });
  });
  it('TLSv1.3 refuses a TLSv1.2-only client', async () => {
    const o = await handshake(sslConfig({ protocol: 'TLSv1.3' }), { maxVersion: 'TLSv1.2' });
    expect(o.protocol).toBeUndefined();
    expect(o.clientError).toBeDefined();
  });
  it('TLSv1.1 works only with a client allowing it at security level 0', async () => {
    const o = await handshake(sslConfig({ protocol: 'TLSv1.1' }), { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' });
    expect(o).toMatchObject({ protocol: 'TLSv1.1', echoed: true });
  });
});

describe('cipher suites over a real handshake', () => {
  it('a configured TLS 1.2 suite is the one negotiated, and TLS 1.3 is not used without a 1.3 suite', async () => {
    const o = await handshake(sslConfig({ cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'] }));
    expect(o).toMatchObject({ protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384' });
  });
  it('a cipher mismatch fails the handshake', async () => {
    const o = await handshake(sslConfig({ protocol: 'TLSv1.2', cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'] }), { ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' });
    expect(o.protocol).toBeUndefined();
    expect(o.clientError).toBeDefined();
  });
  it('a configured TLS 1.3 suite is the one negotiated', async () => {
    const o = await handshake(sslConfig({ cipherSuites: ['TLS_AES_256_GCM_SHA384'] }));
    expect(o).toMatchObject({ protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' });
  });
});

describe('mutual authentication over a real handshake', () => {
  const withCert = (c: { cert: string; key: string }) => ({ cert: c.cert, key: c.key });

  it('REQUIRED: a trusted client certificate is accepted and available to the TLS realm', async () => {
    const o = await handshake(sslConfig({ mutualAuthentication: 'REQUIRED' }), withCert(pki.client));
    expect(o.echoed).toBe(true);
    expect(o.verdict).toMatchObject({ accept: true });
    const cert = (o.verdict as { certificate?: X509Certificate }).certificate;
    expect(cert?.subject).toContain('CN=admin');
  });
  it('REQUIRED, TLS 1.2: no client certificate fails the handshake itself', async () => {
    const o = await handshake(sslConfig({ mutualAuthentication: 'REQUIRED', protocol: 'TLSv1.2' }));
    expect(o.protocol).toBeUndefined();
    expect(o.clientError).toBeDefined();
    expect(o.verdict).toBeUndefined();
  });
  it('REQUIRED, TLS 1.3: no client certificate — the client sees its handshake finish, then the connection fails', async () => {
    const o = await handshake(sslConfig({ mutualAuthentication: 'REQUIRED' }));
    expect(o.protocol).toBe('TLSv1.3');
    expect(o.echoed).toBeUndefined();
    expect(o.verdict).toBeUndefined();
  });
  it('REQUIRED: an untrusted client certificate is refused', async () => {
    const o = await handshake(sslConfig({ mutualAuthentication: 'REQUIRED', protocol: 'TLSv1.2' }), withCert(pki.untrustedClient));
    expect(o.echoed).toBeUndefined();
    expect(o.verdict?.accept ?? false).toBe(false);
  });
  it('OPTIONAL: no client certificate is accepted', async () => {
    const o = await handshake(sslConfig({ mutualAuthentication: 'OPTIONAL' }));
    expect(o).toMatchObject({ echoed: true, verdict: { accept: true, certificate: undefined } });
  });
  it('OPTIONAL: a trusted client certificate is accepted', async () => {
    const o = await handshake(sslConfig({ mutualAuthentication: 'OPTIONAL' }), withCert(pki.client));
    expect(o).toMatchObject({ echoed: true, verdict: { accept: true } });
  });
  it('OPTIONAL: a presented but untrusted certificate is refused (as JSSE does)', async () => {
    const o = await handshake(sslConfig({ mutualAuthentication: 'OPTIONAL' }), withCert(pki.untrustedClient));
    expect(o.echoed).toBeUndefined();
    expect(o.verdict).toMatchObject({ accept: false });
    expect(o.verdict?.reason).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|unable to/i);
  });
  it('OPTIONAL: a certificate whose EKU does not allow client authentication is refused (OpenSSL INVALID_PURPOSE)', async () => {
    const o = await handshake(sslConfig({ mutualAuthentication: 'OPTIONAL' }), withCert(pki.serverAuthOnlyClient));
    expect(o.verdict).toMatchObject({ accept: false });
    expect(o.verdict?.reason).toContain('INVALID_PURPOSE');
  });
});

describe('key and trust store problems are start-up errors', () => {
  it('cipher suites that no enabled protocol can use', async () => {
    const err = await buildTlsServerOptions(sslConfig({ protocol: 'TLSv1.3', cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'] }), 'member.xml').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).element).toContain('ciphersuites');
  });
  it('a trust store without Java-trusted entries', async () => {
    const err = await buildTlsServerOptions(sslConfig({ trustStore: pki.opensslTrustStore }), 'member.xml').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).element).toContain('trustStore');
    expect((err as ConfigError).why).toMatch(/trusted-key-usage/);
  });
  it('a wrong key store password', async () => {
    const err = await buildTlsServerOptions(sslConfig({ keyStorePassword: 'nope' }), 'member.xml').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).element).toContain('keyStore');
  });
  it('a wrong trust store password', async () => {
    const err = await buildTlsServerOptions(sslConfig({ trustStorePassword: 'nope' }), 'member.xml').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).element).toContain('trustStore');
  });
  it('a JKS file', async () => {
    const jks = join(pki.dir, 'fake.jks');
    writeFileSync(jks, Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2]));
    const err = await buildTlsServerOptions(sslConfig({ keyStore: jks }), 'member.xml').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).why).toMatch(/JKS/);
  });
});
