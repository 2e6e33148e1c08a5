// Judging: does what happened match what the oracle expected? Exact on kind, side, reason,
// status and check; an expected subject must be observed and equal.
import type { CellStatus, ExpectedOutcome, NegotiatedTls, Outcome } from '../plan/cell.ts';
import { describeOutcome, describeTls } from '../plan/outcome.ts';

export { describeOutcome } from '../plan/outcome.ts';

export interface Judgement {
  status: Exclude<CellStatus, 'skipped'>;
  reason?: string;
}

export function judge(expected: ExpectedOutcome, observed: Outcome): Judgement {
  if (observed.kind === 'not-applicable') return { status: 'not-applicable', reason: observed.reason };
  const mismatch = (): Judgement => ({ status: 'failed', reason: `expected ${describeOutcome(expected)}, observed ${describeOutcome(observed)}` });
  if (observed.kind !== expected.kind) return mismatch();
  switch (expected.kind) {
    case 'tls-refused': {
      const o = observed as Extract<Outcome, { kind: 'tls-refused' }>;
      return o.side === expected.side && o.reason === expected.reason ? { status: 'passed' } : mismatch();
    }
    case 'auth-refused':
      return (observed as Extract<Outcome, { kind: 'auth-refused' }>).status === expected.status ? { status: 'passed' } : mismatch();
    case 'access-denied':
      return (observed as Extract<Outcome, { kind: 'access-denied' }>).check === expected.check ? { status: 'passed' } : mismatch();
    case 'no-credentials':
      return (observed as Extract<Outcome, { kind: 'no-credentials' }>).reason === expected.reason ? { status: 'passed' } : mismatch();
    case 'connected': {
      const o = observed as Extract<Outcome, { kind: 'connected' }>;
      // An expected identity must be shown: a connection with no evidence of who it is proves nothing.
      if (expected.subject && !o.subject) return { status: 'failed', reason: `expected ${describeOutcome(expected)}, but the target gave no evidence of the identity it authenticated` };
      if (expected.subject && o.subject) {
        const sameRoles = [...expected.subject.roles].sort().join(',') === [...o.subject.roles].sort().join(',');
        if (!sameDn(expected.subject.identity, o.subject.identity) || !sameRoles) return mismatch();
      }
      if (expected.negotiated) return judgeNegotiated(expected.negotiated, o.seen);
      return { status: 'passed' };
    }
  }
}


/**
 * The negotiated version (and suite, when expected) against every side that reported it: each
 * report must match, and at least one side must have reported each expected part (a connection
 * whose TLS parameters nobody can show proves nothing about them). A side may report the version
 * without the suite (a client that names suites otherwise); the suite is then the other side's.
 */
export function judgeNegotiated(expected: NegotiatedTls, seen: { member?: NegotiatedTls; client?: NegotiatedTls } | undefined): Judgement {
  const sides = Object.entries(seen ?? {}).filter((e): e is [string, NegotiatedTls] => e[1] !== undefined);
  if (sides.length === 0) return { status: 'failed', reason: `expected a connection over ${describeTls(expected)}, but neither side reported what was negotiated` };
  const wrong = sides.filter(([, t]) => t.version !== expected.version || (expected.suite !== undefined && t.suite !== undefined && t.suite !== expected.suite));
  if (wrong.length > 0) {
    return { status: 'failed', reason: `expected a connection over ${describeTls(expected)}, observed ${wrong.map(([side, t]) => `${side}: ${describeTls(t)}`).join('; ')}` };
  }
  if (expected.suite !== undefined && !sides.some(([, t]) => t.suite !== undefined)) {
    return { status: 'failed', reason: `expected a connection over ${describeTls(expected)}, but neither side reported the cipher suite` };
  }
  return { status: 'passed' };
}

/** DNs compared attribute by attribute, attribute names case-insensitively, spaces ignored. */
function sameDn(a: string, b: string): boolean {
  const norm = (dn: string) => dn.split(',').map((rdn) => { const [k, ...v] = rdn.split('='); return `${k!.trim().toUpperCase()}=${v.join('=').trim()}`; }).join(',');
  return norm(a) === norm(b);
}
