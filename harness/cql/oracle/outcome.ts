// What a CQL cell can end with, as the driver shows it. The oracle states the expected one; the
// judge compares it with what the adapter reported (classified by the adapter's error map).

export type TlsSide = 'client' | 'server';

export type CqlOutcome =
  /** Connected (and, for permission cells, the statement ran). `masked` for reads of masked columns. */
  | { kind: 'ok'; masked?: boolean }
  /** The TLS connection was refused; `by` = whose check failed; `reason` when the oracle can tell. */
  | { kind: 'tls-refused'; by: TlsSide; reason?: 'untrusted' | 'expired' | 'hostname' | 'no-client-cert' | 'protocol' | 'cipher' | 'plaintext' }
  /** Authentication failed (bad credentials, unknown role, no LOGIN, unmapped identity, no provider). */
  | { kind: 'auth-refused' }
  /** The statement was refused for lack of a permission (CQL error 0x2100). */
  | { kind: 'unauthorized' }
  /** The statement was refused as invalid (0x2200 invalid request, 0x2000 syntax). */
  | { kind: 'invalid' }
  /** Cassandra refused to start with the configuration. */
  | { kind: 'config-rejected' }
  | { kind: 'not-applicable'; reason: string }
  | { kind: 'error'; message: string };

export function describeOutcome(o: CqlOutcome): string {
  switch (o.kind) {
    case 'ok':
      return o.masked === undefined ? 'ok' : `ok (${o.masked ? 'masked' : 'clear'} values)`;
    case 'tls-refused':
      return `TLS refused by the ${o.by}${o.reason ? ` (${o.reason})` : ''}`;
    case 'not-applicable':
      return `not applicable: ${o.reason}`;
    case 'error':
      return `error: ${o.message}`;
    default:
      return o.kind;
  }
}

/**
 * Does the observed outcome meet the expectation? A TLS refusal must come from the expected side;
 * the reason is compared only when both know it (servers hide theirs behind an alert or a reset).
 */
export function meets(expected: CqlOutcome, observed: CqlOutcome): { ok: boolean; why?: string } {
  const fail = (why: string) => ({ ok: false, why: `expected ${describeOutcome(expected)}, observed ${describeOutcome(observed)}${why ? `: ${why}` : ''}` });
  if (expected.kind !== observed.kind) return fail('');
  if (expected.kind === 'tls-refused' && observed.kind === 'tls-refused') {
    if (expected.by !== observed.by) return fail('refused by the other side');
    if (expected.by === 'client' && expected.reason && observed.reason && expected.reason !== observed.reason) return fail('another reason');
  }
  if (expected.kind === 'ok' && observed.kind === 'ok' && expected.masked !== undefined && expected.masked !== observed.masked) return fail('masking');
  return { ok: true };
}
