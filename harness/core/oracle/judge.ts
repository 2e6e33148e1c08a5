// Judging: does what happened match what the oracle expected? Exact on kind, side, reason,
// status and check; an expected subject must be observed and equal.
import type { CellStatus, ExpectedOutcome, Outcome } from '../plan/cell.ts';
import { describeOutcome } from '../plan/outcome.ts';

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
      return { status: 'passed' };
    }
  }
}

/** DNs compared attribute by attribute, attribute names case-insensitively, spaces ignored. */
function sameDn(a: string, b: string): boolean {
  const norm = (dn: string) => dn.split(',').map((rdn) => { const [k, ...v] = rdn.split('='); return `${k!.trim().toUpperCase()}=${v.join('=').trim()}`; }).join(',');
  return norm(a) === norm(b);
}
