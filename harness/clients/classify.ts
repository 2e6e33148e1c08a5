// Decides what happened to a connection attempt from both sides' evidence: the client's own errors
// and the member's log. The member's word wins for decisions the member made (it knows why).
import type { Outcome } from '../core/plan/cell.ts';
import type { MemberEvidenceEvent } from './driver.ts';
import { classifyTlsError } from './tls-errors.ts';

export interface AttemptEvidence {
  /** The client connected and authenticated. */
  connected: boolean;
  /** Error texts the client reported (its log's warnings and the rejection message). */
  clientErrors: string[];
  memberEvents: MemberEvidenceEvent[];
}

const AUTH_STATUSES = new Set(['CREDENTIALS_FAILED', 'NOT_ALLOWED_IN_CLUSTER']);

export function classifyAttempt(ev: AttemptEvidence): Outcome {
  if (ev.connected) {
    // Who the member says the client is: its own authentication record.
    const auth = ev.memberEvents.find((e): e is Extract<MemberEvidenceEvent, { kind: 'auth' }> => e.kind === 'auth' && e.status === 'AUTHENTICATED');
    return auth?.identity !== undefined ? { kind: 'connected', subject: { identity: auth.identity, roles: auth.roles ?? [] } } : { kind: 'connected' };
  }

  const clientTls = ev.clientErrors.map((t) => classifyTlsError(t)).filter((f) => f !== undefined);
  // 1. The client refused the member's certificate (or its own key) by its own check.
  const clientDecided = clientTls.find((f) => f.decidedBy === 'local');
  const memberRefusal = ev.memberEvents.find((e): e is Extract<MemberEvidenceEvent, { kind: 'tls-refused' }> => e.kind === 'tls-refused' && e.decidedBy === 'member');
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
  if (/ClientNotAllowedInCluster|not allowed in the cluster/i.test(text)) return { kind: 'auth-refused', status: 'NOT_ALLOWED_IN_CLUSTER' };
  if (/AuthenticationError|could not be authenticated/i.test(text)) return { kind: 'auth-refused', status: 'CREDENTIALS_FAILED' };
  return { kind: 'error', message: text.split('\n').slice(-3).join(' | ') || 'connection failed with no error reported' };
}
