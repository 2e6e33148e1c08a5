// The member's error map: how the members the Hazelcast targets run word a TLS refusal in their
// log. The reference member runs on Node's TLS (OpenSSL texts) and adds its own words for a
// refused client certificate; member-evidence.ts reads its log with this map.
import type { TlsErrorRule } from '../../core/drive/error-map.ts';
import { OPENSSL_TLS_ERRORS } from '../../core/drive/openssl-errors.ts';

export const MEMBER_TLS_ERRORS: readonly TlsErrorRule[] = [
  // The reference member's own words for refusing a client certificate.
  { pattern: /bad client certificate|client certificate not trusted/i, reason: 'BAD_CLIENT_CERT', decidedBy: 'local' },
  { pattern: /sent no certificate/i, reason: 'CLIENT_CERT_REQUIRED', decidedBy: 'local' },
  ...OPENSSL_TLS_ERRORS,
];
