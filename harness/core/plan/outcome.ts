// Outcomes in words, for judgements and reports.
import type { Outcome } from './cell.ts';

export function describeOutcome(o: Outcome): string {
  switch (o.kind) {
    case 'connected':
      return o.subject ? `connected as ${o.subject.identity} [${o.subject.roles.join(',')}]` : 'connected';
    case 'tls-refused':
      return `TLS refused by ${o.side} (${o.reason})`;
    case 'auth-refused':
      return `authentication refused (${o.status})`;
    case 'access-denied':
      return `access denied (${o.check})`;
    case 'not-applicable':
      return `not applicable: ${o.reason}`;
    case 'error':
      return `error: ${o.message}`;
    case 'no-credentials':
      return `no credentials obtained (${o.reason})`;
  }
}
