// TLS server options for the reference member from the member configuration's network/ssl, and the
// post-handshake decision on the client certificate.
//
// Mutual authentication (what JSSE does, from sun.security.ssl.CertificateMessage, JDK 17/18):
// - REQUIRED (needClientAuth): an empty client certificate message is a fatal handshake failure;
//   a presented certificate the trust manager rejects is a fatal `certificate_unknown` alert.
// - OPTIONAL (wantClientAuth): an empty client certificate message is accepted; a PRESENTED
//   certificate is still checked, and a rejected one is the same fatal `certificate_unknown` alert
//   (checkClientCerts does not look at the client-auth mode). So OPTIONAL is "no certificate, or a
//   trusted one".
// - The PKIX trust manager checks the end-entity certificate for TLS client use: if it has an
//   extended key usage extension it must allow clientAuth (or anyExtendedKeyUsage).
//
// What Node / OpenSSL give us: `requestCert` asks for a certificate; with `rejectUnauthorized`
// OpenSSL fails the handshake when none is sent (SSL_VERIFY_FAIL_IF_NO_PEER_CERT), but Node's verify
// callback accepts every chain and judges it after the handshake: an untrusted certificate leaves
// `socket.authorized === false` with `authorizationError` set (e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE,
// SELF_SIGNED_CERT_IN_CHAIN, CERT_HAS_EXPIRED, and INVALID_PURPOSE when the certificate's EKU does
// not allow client authentication — OpenSSL verifies server-side peers with the "sslclient"
// purpose, matching the JDK's clientAuth check), and Node destroys the socket itself only when
// rejectUnauthorized is set. Hence:
// - REQUIRED: requestCert + rejectUnauthorized (missing certificate fails in the handshake);
// - OPTIONAL: requestCert, rejectUnauthorized false, and the server must call
//   checkClientCertificate() on 'secureConnection' and drop the connection when it says so.
// Either way an untrusted certificate is refused only after OpenSSL finished the handshake (no TLS
// alert is sent, the TCP connection is closed), where JSSE sends an alert during it. With TLS 1.3
// the client sees its handshake complete in both implementations (client Finished comes first).
import type { X509Certificate } from 'node:crypto';
import type { SecureContextOptions, TlsOptions, TLSSocket } from 'node:tls';
import { ConfigError, type MutualAuthentication, type SslConfig } from '../config/model.ts';
import { mapCipherSuite } from './cipher-suites.ts';
import { readPkcs12TrustStore, readStoreFile, KeyStoreError } from './pkcs12.ts';
import { protocolRange, type ProtocolRange } from './protocols.ts';

export type TlsServerOptions = TlsOptions & {
  mutualAuthentication: MutualAuthentication | undefined;
  /** Every handshake must fail, for this reason (a protocol the JDK has disabled). */
  refuseAllHandshakes?: string;
};

const SSL_PATH = 'hazelcast/network/ssl/properties';

/**
 * OpenSSL settings for the configured suites within the protocol range. Node splits one `ciphers`
 * list: names starting with TLS_ become the TLS 1.3 suites, the others the TLS <= 1.2 list; but a
 * list without any TLS_ name leaves Node's default TLS 1.3 suites on. JSSE only uses a protocol
 * version for which an enabled suite exists, so the range is narrowed here to the versions the
 * configured suites can serve; if none remains, every handshake would fail, which we report as a
 * start-up error instead (`undefined`).
 */
export function cipherOptions(
  cipherSuites: readonly string[] | undefined,
  range: ProtocolRange,
): Pick<SecureContextOptions, 'ciphers' | 'minVersion' | 'maxVersion'> | undefined {
  const seclevel = range.needsSecurityLevel0 ? ':@SECLEVEL=0' : '';
  if (cipherSuites === undefined) {
    return { minVersion: range.minVersion, maxVersion: range.maxVersion, ...(range.needsSecurityLevel0 ? { ciphers: `DEFAULT${seclevel}` } : {}) };
  }
  const mapped = cipherSuites.map((s) => {
    const m = mapCipherSuite(s);
    if (!m) throw new Error(`unknown cipher suite ${s}`);
    return m;
  });
  const has13 = mapped.some((m) => m.tls13);
  const has12 = mapped.some((m) => !m.tls13);
  const allows13 = range.maxVersion === 'TLSv1.3';
  const allowsBelow13 = range.minVersion !== 'TLSv1.3';
  if (!(has13 && allows13) && !(has12 && allowsBelow13)) return undefined;
  return {
    ciphers: mapped.map((m) => m.openssl).join(':') + seclevel,
    minVersion: has12 && allowsBelow13 ? range.minVersion : 'TLSv1.3',
    maxVersion: has13 && allows13 ? range.maxVersion : range.maxVersion === 'TLSv1.3' ? 'TLSv1.2' : range.maxVersion,
  };
}

export async function buildTlsServerOptions(ssl: SslConfig, configFile: string): Promise<TlsServerOptions> {
  const range = protocolRange(ssl.protocol);
  if (!range) throw new ConfigError(configFile, `${SSL_PATH}/protocol`, `unsupported protocol ${ssl.protocol}`);
  if (!ssl.keyStore) throw new ConfigError(configFile, `${SSL_PATH}/keyStore`, 'no keyStore configured');
  try {
    const ciphers = cipherOptions(ssl.cipherSuites, range);
    if (!ciphers) {
      throw new ConfigError(configFile, `${SSL_PATH}/ciphersuites`, `no configured cipher suite can be used with protocol ${ssl.protocol}; every handshake would fail`);
    }
    const pfx = await readStoreFile(ssl.keyStore, 'key store');
    const options: TlsServerOptions = {
      pfx,
      passphrase: ssl.keyStorePassword ?? '',
      // JSSE servers follow their own cipher suite order (SSLParameters.useCipherSuitesOrder).
      honorCipherOrder: true,
      ...ciphers,
      mutualAuthentication: ssl.mutualAuthentication,
      ...(range.jdkDisabled ? { refuseAllHandshakes: range.jdkDisabled } : {}),
    };
    if (ssl.trustStore) {
      const data = await readStoreFile(ssl.trustStore, 'trust store');
      const { trusted, ignored } = await readPkcs12TrustStore(data, ssl.trustStorePassword, ssl.trustStore);
      if (trusted.length === 0) {
        throw new KeyStoreError(
          `the trust store ${ssl.trustStore} holds no certificate Java would trust` +
            (ignored > 0 ? ` (${ignored} certificate(s) lack the Java trusted-key-usage attribute; create it with keytool -importcert or openssl pkcs12 -export -jdktrust anyExtendedKeyUsage)` : ''),
        );
      }
      options.ca = trusted;
    }
    if (ssl.mutualAuthentication !== undefined) {
      options.requestCert = true;
      options.rejectUnauthorized = ssl.mutualAuthentication === 'REQUIRED';
    }
    // Check the key store opens with the password now, so a bad one is a start-up error.
    const { createSecureContext } = await import('node:tls');
    createSecureContext(options);
    return options;
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const where = e instanceof KeyStoreError && /trust store/.test(e.message) ? `${SSL_PATH}/trustStore` : `${SSL_PATH}/keyStore`;
    throw new ConfigError(configFile, where, (e as Error).message);
  }
}

export type ClientCertificateVerdict =
  | { accept: true; certificate: X509Certificate | undefined; reason: string }
  | { accept: false; reason: string };

/** Decide, after the handshake, whether the client may stay (see the header comment). */
export function checkClientCertificate(socket: TLSSocket, mutualAuthentication: MutualAuthentication | undefined): ClientCertificateVerdict {
  if (mutualAuthentication === undefined) return { accept: true, certificate: undefined, reason: 'no client certificate requested' };
  const cert = socket.getPeerX509Certificate();
  if (socket.authorized && cert) return { accept: true, certificate: cert, reason: `trusted client certificate ${cert.subject.replace(/\n/g, ', ')}` };
  if (!cert) {
    return mutualAuthentication === 'REQUIRED'
      ? { accept: false, reason: 'mutual authentication REQUIRED and the client sent no certificate' }
      : { accept: true, certificate: undefined, reason: 'mutual authentication OPTIONAL and the client sent no certificate' };
  }
  const err = socket.authorizationError;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : String(err);
  return { accept: false, reason: `client certificate not trusted: ${code}` };
}
