// What a failed `connect` of an adapter means: its facts read through its error map, weighed against
// the member's own log — the same precedence as the in-process driver (drivers/classify.ts): the
// member's word wins for decisions the member made.
import type { MemberEvidenceEvent } from '../driver.ts';
import type { Outcome } from '../../core/plan/cell.ts';
import { meaningOf, type ErrorFact, type ErrorMap, type FactMeaning } from './error-map.ts';

const AUTH_STATUSES = new Set(['CREDENTIALS_FAILED', 'NOT_ALLOWED_IN_CLUSTER']);

export function describeFact(f: ErrorFact): string {
  return `${f.class ?? 'error'}${f.code ? ` [${f.code}]` : ''}: ${f.message}`;
}

export function classifyFailedConnect(map: ErrorMap, stage: string | undefined, facts: ErrorFact[], memberEvents: MemberEvidenceEvent[]): Outcome {
  const meanings = facts.map((f) => meaningOf(map, 'connect', f, stage)).filter((m): m is FactMeaning => m !== undefined && m !== 'ignore');
  const tls = meanings.filter((m): m is Extract<FactMeaning, { tls: unknown }> => typeof m === 'object' && 'tls' in m);
  const memberRefusal = memberEvents.find(
    (e): e is Extract<MemberEvidenceEvent, { kind: 'tls-refused' }> => e.kind === 'tls-refused' && e.decidedBy === 'member',
  );
  const local = tls.find((m) => m.decidedBy === 'local');
  if (local && !memberRefusal) return { kind: 'tls-refused', side: 'client', reason: local.tls };
  if (memberRefusal) {
    const reason = memberRefusal.reason ?? tls.find((m) => m.decidedBy === 'peer')?.tls;
    if (reason) return { kind: 'tls-refused', side: 'member', reason };
    return { kind: 'error', message: `member refused the TLS handshake for an unclassified reason: ${memberRefusal.detail}` };
  }
  const alert = tls.find((m) => m.decidedBy === 'peer');
  if (alert) return { kind: 'tls-refused', side: 'member', reason: alert.tls };
  const noCreds = meanings.find((m): m is Extract<FactMeaning, { noCredentials: unknown }> => typeof m === 'object' && 'noCredentials' in m);
  if (noCreds) return { kind: 'no-credentials', reason: noCreds.noCredentials };
  const auth = memberEvents.find((e): e is Extract<MemberEvidenceEvent, { kind: 'auth' }> => e.kind === 'auth' && AUTH_STATUSES.has(e.status));
  if (auth) return { kind: 'auth-refused', status: auth.status as 'CREDENTIALS_FAILED' | 'NOT_ALLOWED_IN_CLUSTER' };
  const mappedAuth = meanings.find((m): m is Extract<FactMeaning, { auth: unknown }> => typeof m === 'object' && 'auth' in m);
  if (mappedAuth) return { kind: 'auth-refused', status: mappedAuth.auth };
  const text = facts.map(describeFact).join(' | ');
  return { kind: 'error', message: `connect failed (stage ${stage ?? 'unknown'}), not classified by ${map.file}: ${text || 'no error given'}` };
}

export function connectedOutcome(memberEvents: MemberEvidenceEvent[]): Outcome {
  const auth = memberEvents.find((e): e is Extract<MemberEvidenceEvent, { kind: 'auth' }> => e.kind === 'auth' && e.status === 'AUTHENTICATED');
  return auth?.identity !== undefined ? { kind: 'connected', subject: { identity: auth.identity, roles: auth.roles ?? [] } } : { kind: 'connected' };
}
