// Decides what happened to a connection attempt from both sides' evidence: the client's own errors
// (read with the driver's error map) and the member's log. The member's word wins for decisions
// the member made (it knows why).
import type { NegotiatedTls, Outcome } from '../plan/cell.ts';
import type { MemberEvidenceEvent } from '../evidence.ts';
import { classifyTlsText, type ErrorMap } from './error-map.ts';

export interface AttemptEvidence {
  /** The client connected and authenticated. */
  connected: boolean;
  /** Error texts the client reported (its log's warnings and the rejection message). */
  clientErrors: string[];
  memberEvents: MemberEvidenceEvent[];
  /** What the client's own connection reports it negotiated (TLS only, when the driver can tell). */
  clientTls?: NegotiatedTls;
}

const AUTH_STATUSES = new Set(['CREDENTIALS_FAILED', 'NOT_ALLOWED_IN_CLUSTER']);

/**
 * A connection that was made: who the member says the client is (its own authentication record)
 * and what was negotiated, from each side that can tell (the member's log, the client's own
 * connection). Every driver's connected attempt goes through here, in-process or adapter.
 */
export function connectedOutcome(memberEvents: MemberEvidenceEvent[], clientTls?: NegotiatedTls): Outcome {
  const auth = memberEvents.find((e): e is Extract<MemberEvidenceEvent, { kind: 'auth' }> => e.kind === 'auth' && e.status === 'AUTHENTICATED');
  const accepted = [...memberEvents]
    .reverse()
    .find((e): e is Extract<MemberEvidenceEvent, { kind: 'tls-accepted' }> => e.kind === 'tls-accepted' && e.protocol !== '');
  const seen: { member?: NegotiatedTls; client?: NegotiatedTls } = {};
  if (accepted) seen.member = { version: accepted.protocol, ...(accepted.cipher ? { suite: accepted.cipher } : {}) };
  if (clientTls) seen.client = clientTls;
  return {
    kind: 'connected',
    ...(auth?.identity !== undefined ? { subject: { identity: auth.identity, roles: auth.roles ?? [] } } : {}),
    ...(seen.member || seen.client ? { seen } : {}),
  };
}

export function classifyAttempt(ev: AttemptEvidence, errors: ErrorMap): Outcome {
  if (ev.connected) return connectedOutcome(ev.memberEvents, ev.clientTls);

  const clientTls = ev.clientErrors.map((t) => classifyTlsText(t, errors.tls)).filter((f) => f !== undefined);
  // 1. The client refused the member's certificate (or its own key) by its own check.
  const clientDecided = clientTls.find((f) => f.decidedBy === 'local');
  const memberRefusal = ev.memberEvents.find(
    (e): e is Extract<MemberEvidenceEvent, { kind: 'tls-refused' }> => e.kind === 'tls-refused' && e.decidedBy === 'member',
  );
  if (clientDecided && !memberRefusal) return { kind: 'tls-refused', side: 'client', reason: clientDecided.reason };
  // 2. The member refused the handshake: its own reason, else the alert the client received.
  if (memberRefusal) {
    const reason = memberRefusal.reason ?? clientTls.find((f) => f.decidedBy === 'peer')?.reason;
    if (reason) return { kind: 'tls-refused', side: 'member', reason };
    return { kind: 'error', message: `member refused the TLS handshake for an unclassified reason: ${memberRefusal.detail}` };
  }
  const alert = clientTls.find((f) => f.decidedBy === 'peer');
  if (alert) return { kind: 'tls-refused', side: 'member', reason: alert.reason };
  // 3. Authentication: the member's status, else what the client's error says.
  const auth = ev.memberEvents.find((e): e is Extract<MemberEvidenceEvent, { kind: 'auth' }> => e.kind === 'auth' && AUTH_STATUSES.has(e.status));
  if (auth) return { kind: 'auth-refused', status: auth.status as 'CREDENTIALS_FAILED' | 'NOT_ALLOWED_IN_CLUSTER' };
  const text = ev.clientErrors.join('\n');
  const said = errors.auth?.find((r) => r.pattern.test(text));
  if (said) return { kind: 'auth-refused', status: said.status };
  return { kind: 'error', message: text.split('\n').slice(-3).join(' | ') || 'connection failed with no error reported' };
}
