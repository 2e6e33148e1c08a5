// Texts as Node 20 / OpenSSL 3 print them (seen in client and member logs); the expected reason is
// what the text means, written by hand.
import { describe, expect, it } from 'vitest';
import { classifyTlsError } from '../../../harness/clients/tls-errors.ts';

describe('classifyTlsError', () => {
  it.each([
    ['Error: self-signed certificate in certificate chain', 'CERT_UNTRUSTED', 'local'],
    ['Error: unable to verify the first certificate', 'CERT_UNTRUSTED', 'local'],
    ['Error: unable to get local issuer certificate', 'CERT_UNTRUSTED', 'local'],
    ['Error: certificate has expired', 'CERT_EXPIRED', 'local'],
    ['Error: certificate is not yet valid', 'CERT_NOT_YET_VALID', 'local'],
    ["Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: ", 'HOSTNAME_MISMATCH', 'local'],
    ['Error: unsuitable certificate purpose', 'CERT_BAD_USAGE', 'local'],
    ['Error: error:0A000418:SSL routines::tlsv1 alert unknown ca', 'BAD_CLIENT_CERT', 'peer'],
    ['Error: error:0A00045C:SSL routines::tlsv13 alert certificate required', 'CLIENT_CERT_REQUIRED', 'peer'],
    ['Error: error:0A000410:SSL routines::sslv3 alert handshake failure', 'NO_SHARED_CIPHER', 'peer'],
    ['Error: error:0A00042E:SSL routines::tlsv1 alert protocol version', 'PROTOCOL_VERSION', 'peer'],
    ['Error: error:0A0000C7:SSL routines::peer did not return a certificate', 'CLIENT_CERT_REQUIRED', 'local'],
    ['Error: error:0A0000C1:SSL routines::no shared cipher', 'NO_SHARED_CIPHER', 'local'],
    ['Error: error:0A000102:SSL routines::unsupported protocol', 'PROTOCOL_VERSION', 'local'],
    ['Error: error:1C800064:Provider routines::bad decrypt', 'KEY_PASSWORD', 'local'],
  ])('%s → %s decided by %s', (text, reason, decidedBy) => {
    expect(classifyTlsError(text)).toEqual({ reason, decidedBy });
  });

  it('leaves what is not a TLS failure unclassified', () => {
    expect(classifyTlsError('Error: connect ECONNREFUSED 127.0.0.1:5701')).toBeUndefined();
    expect(classifyTlsError('AuthenticationError: credentials could not be authenticated')).toBeUndefined();
  });
});
