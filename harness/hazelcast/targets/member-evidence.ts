// Reads the reference member's structured log as target-neutral evidence for the drivers.
import type { MemberEvidence, MemberEvidenceEvent } from '../../core/evidence.ts';
import { classifyTlsText } from '../../core/drive/error-map.ts';
import { MEMBER_TLS_ERRORS } from './member-errors.ts';
import type { MemberLogEntry, RunningMember } from '../reference-member/index.ts';

export function toEvidenceEvent(e: MemberLogEntry): MemberEvidenceEvent {
  switch (e.kind) {
    case 'tls-established':
      // The handshake's facts only: whether OpenSSL verified a presented client certificate is not
      // the member's decision (with mutual authentication OPTIONAL the handshake completes either
      // way). The member's own verdict follows as its own event: a refusal ('tls-failed', its
      // words) or a session that goes on to authentication.
      return { kind: 'tls-accepted', protocol: e.protocol ?? '', cipher: e.cipher ?? '', ...(e.peerSubject ? { peerSubject: e.peerSubject } : {}), detail: e.text };
    case 'tls-failed': {
      const f = classifyTlsText(e.error, MEMBER_TLS_ERRORS);
      if (!f) return { kind: 'other', detail: e.text };
      // A failure the member decided (its own check) vs an alert from the client (the client gave up).
      return f.decidedBy === 'local' ? { kind: 'tls-refused', decidedBy: 'member', reason: f.reason, detail: e.text } : { kind: 'tls-refused', decidedBy: 'client', detail: e.text };
    }
    case 'authentication':
      return { kind: 'auth', status: e.status, ...(e.identity ? { identity: e.identity } : {}), roles: e.roles, detail: e.text };
    case 'permission':
      return { kind: 'permission', granted: e.granted, detail: e.text };
    default:
      return { kind: 'other', detail: e.text };
  }
}

export function memberEvidence(member: RunningMember): MemberEvidence {
  return {
    mark: () => member.events.length,
    since: (mark) => member.events.slice(mark).map(toEvidenceEvent),
    async waitFor(mark, pred, ms) {
      try {
        const entry = await member.waitForEvent((e) => member.events.indexOf(e) >= mark && pred(toEvidenceEvent(e)), ms);
        return toEvidenceEvent(entry);
      } catch {
        return undefined;
      }
    },
  };
}
