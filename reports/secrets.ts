// Everything a report writes passes through here. redactObject (harness/util/redact.ts) hides
// secret-named fields and PEM keys; on top, the literal secrets a run used (realm passwords and
// tokens, client credentials, store passwords the caller knows) are cut out of every text, so a
// secret inside a log line or a rendered configuration in the evidence cannot leak either.
import type { CellResult } from '../harness/core/plan/cell.ts';
import { redactObject, redactText } from '../harness/core/util/redact.ts';

const SECRET_KEY = /(pass(word|phrase)?|secret|token|private.?key|credential)/i;

/** The literal secrets of a server setup (each family knows its own: SystemFamily.serverSecrets). */
export type ServerSecrets = (member: unknown) => readonly string[];

/** Literal secrets of the results: setup credentials and secret-named evidence entries. */
export function secretsOf(results: readonly CellResult[], extra: readonly string[] = [], serverSecrets?: ServerSecrets): string[] {
  const out = new Set<string>(extra.filter((s) => s.length >= 3));
  for (const { cell, evidence } of results) {
    for (const s of serverSecrets?.(cell.member) ?? []) out.add(s);
    const creds = cell.client.credentials;
    if (creds.kind === 'password') out.add(creds.password);
    if (creds.kind === 'token') out.add(creds.token);
    for (const [k, v] of Object.entries(evidence ?? {})) if (SECRET_KEY.test(k) && v.length >= 3) out.add(v);
  }
  // Longest first, so a secret containing another is removed whole.
  return [...out].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
}

/** A deep copy with secret fields redacted and every literal secret cut out of every string. */
export function scrub<T>(value: T, secrets: readonly string[]): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [redactText(k, secrets), walk(x)]));
    return v;
  };
  return walk(redactObject(value)) as T;
}
