// Error maps: how a side's own error texts read as refusals. Each client driver keeps its map
// beside it (harness/clients/<driver>/error-map.ts: what its TLS library and client print); each
// family's targets keep the server's (harness/<family>/targets/member-errors.ts). Core classifies
// with them (classify.ts); drivers and targets only report texts.
import type { AuthRefusalStatus, TlsRefusalReason } from '../plan/cell.ts';

export interface TlsFailure {
  reason: TlsRefusalReason;
  /**
   * local: the side that saw this error decided the refusal itself (e.g. its own certificate check);
   * peer: it received an alert, so the *other* side refused.
   */
  decidedBy: 'local' | 'peer';
}

export interface TlsErrorRule extends TlsFailure {
  pattern: RegExp;
}

export interface AuthErrorRule {
  pattern: RegExp;
  status: AuthRefusalStatus;
}

export interface ErrorMap {
  /** In order: the first matching rule wins (alerts before the certificate problems they name). */
  tls: readonly TlsErrorRule[];
  /** The client's words for an authentication the member refused. */
  auth?: readonly AuthErrorRule[];
}

/** Classifies an error text; undefined when it is not a recognised TLS failure. */
export function classifyTlsText(text: string, rules: readonly TlsErrorRule[]): TlsFailure | undefined {
  for (const rule of rules) {
    if (rule.pattern.test(text)) return { reason: rule.reason, decidedBy: rule.decidedBy };
  }
  return undefined;
}
