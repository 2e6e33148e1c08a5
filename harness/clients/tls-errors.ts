// Classifies TLS failures from the text Node / OpenSSL put in errors and alerts, so that a refusal
// is attributed to the side that decided it and to the rule it broke.
import type { TlsRefusalReason } from '../core/plan/cell.ts';

export interface TlsFailure {
  reason: TlsRefusalReason;
  /**
   * local: the side that saw this error decided the refusal itself (e.g. its own certificate check);
   * peer: it received an alert, so the *other* side refused.
   */
  decidedBy: 'local' | 'peer';
}

interface Rule {
  pattern: RegExp;
  reason: TlsRefusalReason;
  decidedBy: 'local' | 'peer';
}

// Order matters: alerts first (their text also names certificate problems, but the peer decided).
const RULES: readonly Rule[] = [
  // The reference member's own words for refusing a client certificate.
  { pattern: /bad client certificate|client certificate not trusted/i, reason: 'BAD_CLIENT_CERT', decidedBy: 'local' },
  { pattern: /sent no certificate/i, reason: 'CLIENT_CERT_REQUIRED', decidedBy: 'local' },
  { pattern: /alert certificate required|certificate required alert/i, reason: 'CLIENT_CERT_REQUIRED', decidedBy: 'peer' },
  { pattern: /alert (unknown ca|bad certificate|certificate expired|certificate unknown|unsupported certificate|certificate revoked|decrypt error|access denied)/i, reason: 'BAD_CLIENT_CERT', decidedBy: 'peer' },
  { pattern: /alert protocol version/i, reason: 'PROTOCOL_VERSION', decidedBy: 'peer' },
  { pattern: /alert (handshake failure|insufficient security)/i, reason: 'NO_SHARED_CIPHER', decidedBy: 'peer' },
  { pattern: /peer did not return a certificate|PEER_DID_NOT_RETURN_A_CERTIFICATE/i, reason: 'CLIENT_CERT_REQUIRED', decidedBy: 'local' },
  { pattern: /certificate has expired|CERT_HAS_EXPIRED/i, reason: 'CERT_EXPIRED', decidedBy: 'local' },
  { pattern: /certificate is not yet valid|CERT_NOT_YET_VALID/i, reason: 'CERT_NOT_YET_VALID', decidedBy: 'local' },
  { pattern: /does not match certificate's altnames|ERR_TLS_CERT_ALTNAME_INVALID|is not in the cert's list|is not cert's CN/i, reason: 'HOSTNAME_MISMATCH', decidedBy: 'local' },
  { pattern: /unsupported certificate purpose|unsuitable certificate purpose|INVALID_PURPOSE|invalid CA certificate|INVALID_CA|key usage does not include/i, reason: 'CERT_BAD_USAGE', decidedBy: 'local' },
  {
    pattern: /self[- ]signed certificate|unable to (verify the first certificate|get local issuer certificate|get issuer certificate)|certificate signature failure|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|SELF_SIGNED_CERT/i,
    reason: 'CERT_UNTRUSTED',
    decidedBy: 'local',
  },
  { pattern: /certificate verify failed|CERTIFICATE_VERIFY_FAILED/i, reason: 'BAD_CLIENT_CERT', decidedBy: 'local' },
  { pattern: /no shared cipher|no cipher match|NO_SHARED_CIPHER|NO_CIPHER_MATCH|no suitable signature algorithm|no suitable key share/i, reason: 'NO_SHARED_CIPHER', decidedBy: 'local' },
  {
    pattern: /No appropriate protocol|unsupported protocol|wrong version number|version too low|version too high|no protocols available|UNSUPPORTED_PROTOCOL|WRONG_VERSION_NUMBER|ERR_TLS_INVALID_PROTOCOL_VERSION|TLSV1_ALERT_PROTOCOL_VERSION|protocol version/i,
    reason: 'PROTOCOL_VERSION',
    decidedBy: 'local',
  },
  { pattern: /bad decrypt|bad password read|BAD_DECRYPT|unable to load private key|ERR_OSSL_.*DECODER|interrupted or cancelled/i, reason: 'KEY_PASSWORD', decidedBy: 'local' },
];

/** Classifies an error text; undefined when it is not a recognised TLS failure. */
export function classifyTlsError(text: string): TlsFailure | undefined {
  for (const rule of RULES) {
    if (rule.pattern.test(text)) return { reason: rule.reason, decidedBy: rule.decidedBy };
  }
  return undefined;
}
