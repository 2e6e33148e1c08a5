// Reads the reference member's structured log as target-neutral evidence for the drivers.
import type { MemberEvidence, MemberEvidenceEvent } from '../../core/evidence.ts';
import { classifyTlsError } from '../../clients/tls-errors.ts';
import type { MemberLogEntry, RunningMember } from '../reference-member/index.ts';

export function toEvidenceEvent(e: MemberLogEntry): MemberEvidenceEvent {
  switch (e.kind) {
    case 'tls-established':
      if (e.peerSubject && !e.peerVerified) {
        // A presented certificate the member does not trust (expired, unknown CA, wrong EKU): refused.
        return { kind: 'tls-refused', decidedBy: 'member', reason: 'BAD_CLIENT_CERT', detail: e.text };
      }
      return { kind: 'tls-accepted', protocol: e.protocol ?? '', cipher: e.cipher ?? '', ...(e.peerSubject ? { peerSubject: e.peerSubject } : {}), detail: e.text };
    case 'tls-failed': {
      const f = classifyTlsError(e.error);
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
