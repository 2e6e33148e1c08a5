// Outcomes in words, for judgements and reports.
import type { NegotiatedTls, Outcome } from './cell.ts';

export function describeTls(t: NegotiatedTls): string {
  return `${t.version}${t.suite ? ` ${t.suite}` : ''}`;
}

export function describeOutcome(o: Outcome): string {
  switch (o.kind) {
    case 'connected': {
      const who = o.subject ? ` as ${o.subject.identity} [${o.subject.roles.join(',')}]` : '';
      const sides = o.seen
        ? Object.entries(o.seen)
            .filter(([, t]) => t)
            .map(([side, t]) => `${side} ${describeTls(t!)}`)
        : [];
      const tls = o.negotiated ? ` over ${describeTls(o.negotiated)}` : sides.length ? ` (${sides.join('; ')})` : '';
      return `connected${who}${tls}`;
    }
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
