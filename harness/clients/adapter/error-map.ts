// An adapter's error map (error-map.yaml beside it): its client's facts — exception class, code,
// message — to the suite's canonical outcomes. The runner applies it; adapters never classify.
// Format (first matching rule wins, per fact; every regex case-insensitive):
//   connect:
//     - when: { class: 'ssl\.SSLCertVerificationError', message: 'certificate has expired' }
//       then: { tls: CERT_EXPIRED, decidedBy: local }        # or peer: an alert, the member decided
//     - when: { class: 'AuthenticationError' }
//       then: { auth: CREDENTIALS_FAILED }
//     - when: { message: 'KRB5_KDC_UNREACH' }
//       then: { noCredentials: KDC_UNREACHABLE }
//     - when: { class: 'IllegalStateError', message: 'Unable to connect' }
//       then: ignore                                           # a wrapper that says nothing
//   run:
//     - when: { class: 'AccessControl' }
//       then: denied
//   builtin: openssl-text   # optional: afterwards, the suite's OpenSSL/Node TLS texts (core/drive/openssl-errors.ts)
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { AuthRefusalStatus, NoCredentialsReason, TlsRefusalReason } from '../../core/plan/cell.ts';
import { classifyTlsText } from '../../core/drive/error-map.ts';
import { OPENSSL_TLS_ERRORS } from '../../core/drive/openssl-errors.ts';

const classifyTlsError = (text: string) => classifyTlsText(text, OPENSSL_TLS_ERRORS);

export interface ErrorFact {
  class?: string | undefined;
  code?: string | null | undefined;
  message: string;
}

export type FactMeaning =
  { tls: TlsRefusalReason; decidedBy: 'local' | 'peer' } | { auth: AuthRefusalStatus } | { noCredentials: NoCredentialsReason } | 'ignore' | 'denied' | 'error';

/** A rule's condition: each named fact must match its regular expression (case-insensitive). */
export type When = Partial<Record<'class' | 'code' | 'message' | 'stage', RegExp>>;

interface Rule {
  when: When;
  then: FactMeaning;
  at: string;
}

/**
 * A rule's `when` from YAML: at least one of the allowed keys, each a valid regular expression, no
 * other key (a misspelt key would otherwise leave a condition that matches every error).
 */
export function compileWhen(when: unknown, allowed: readonly (keyof When)[], fail: (why: string) => never): When {
  if (typeof when !== 'object' || when === null || Array.isArray(when) || Object.keys(when).length === 0)
    fail(`\`when\` must name at least one of ${allowed.join(', ')}`);
  const w: When = {};
  for (const [k, v] of Object.entries(when as Record<string, unknown>)) {
    if (!(allowed as readonly string[]).includes(k)) fail(`when.${k}: unknown key (${allowed.join(', ')})`);
    if (typeof v !== 'string') fail(`when.${k}: must be a regular expression string`);
    try {
      w[k as keyof When] = new RegExp(v as string, 'i');
    } catch (e) {
      fail(`when.${k}: ${(e as Error).message}`);
    }
  }
  return w;
}

/** Does a fact (and the stage it came from) meet a rule's condition? */
export function whenMatches(w: When, fact: ErrorFact, stage?: string): boolean {
  if (w.class && !w.class.test(fact.class ?? '')) return false;
  if (w.code && !w.code.test(fact.code ?? '')) return false;
  if (w.message && !w.message.test(fact.message)) return false;
  if (w.stage && !w.stage.test(stage ?? '')) return false;
  return true;
}

export interface ErrorMap {
  file: string;
  connect: Rule[];
  run: Rule[];
  builtin?: 'openssl-text';
}

export class ErrorMapError extends Error {
  override name = 'ErrorMapError';
}

const TLS_REASONS: readonly TlsRefusalReason[] = [
  'CERT_UNTRUSTED',
  'HOSTNAME_MISMATCH',
  'CERT_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_BAD_USAGE',
  'NO_SHARED_CIPHER',
  'PROTOCOL_VERSION',
  'CLIENT_CERT_REQUIRED',
  'BAD_CLIENT_CERT',
  'KEY_PASSWORD',
];
const AUTH: readonly AuthRefusalStatus[] = ['CREDENTIALS_FAILED', 'NOT_ALLOWED_IN_CLUSTER'];
const NO_CREDS: readonly NoCredentialsReason[] = ['KDC_UNREACHABLE', 'CLIENT_UNKNOWN', 'LOGIN_FAILED'];

function rules(file: string, section: string, value: unknown): Rule[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ErrorMapError(`${file}: ${section} must be a list of rules`);
  return value.map((r: unknown, i) => {
    const at = `${section}[${i}]`;
    const fail = (why: string): never => {
      throw new ErrorMapError(`${file}: ${at}: ${why}`);
    };
    if (typeof r !== 'object' || r === null) fail('a rule is { when, then }');
    const { when, then } = r as { when?: unknown; then?: unknown };
    const w = compileWhen(when, ['class', 'code', 'message', 'stage'], fail);
    let meaning: FactMeaning | undefined;
    if (then === 'ignore' || then === 'denied' || then === 'error') meaning = then;
    else if (typeof then === 'object' && then !== null) {
      const t = then as Record<string, unknown>;
      if ('tls' in t) {
        if (!TLS_REASONS.includes(t['tls'] as TlsRefusalReason)) fail(`then.tls: '${String(t['tls'])}' is none of ${TLS_REASONS.join(', ')}`);
        if (t['decidedBy'] !== 'local' && t['decidedBy'] !== 'peer') fail('then.decidedBy: local (this client refused) or peer (an alert: the member refused)');
        meaning = { tls: t['tls'] as TlsRefusalReason, decidedBy: t['decidedBy'] as 'local' | 'peer' };
      } else if ('auth' in t) {
        if (!AUTH.includes(t['auth'] as AuthRefusalStatus)) fail(`then.auth: one of ${AUTH.join(', ')}`);
        meaning = { auth: t['auth'] as AuthRefusalStatus };
      } else if ('noCredentials' in t) {
        if (!NO_CREDS.includes(t['noCredentials'] as NoCredentialsReason)) fail(`then.noCredentials: one of ${NO_CREDS.join(', ')}`);
        meaning = { noCredentials: t['noCredentials'] as NoCredentialsReason };
      }
    }
    if (!meaning) fail('`then` must be { tls, decidedBy } | { auth } | { noCredentials } | ignore | denied | error');
    return { when: w, then: meaning!, at };
  });
}

export function parseErrorMap(file: string, text: string): ErrorMap {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new ErrorMapError(`${file}: not YAML: ${(e as Error).message}`);
  }
  doc ??= {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ErrorMapError(`${file}: must be a mapping with connect, run and builtin`);
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!['connect', 'run', 'builtin'].includes(k)) throw new ErrorMapError(`${file}: ${k}: unknown key (connect, run, builtin)`);
  if (d['builtin'] !== undefined && d['builtin'] !== 'openssl-text') throw new ErrorMapError(`${file}: builtin: only 'openssl-text' exists`);
  const map: ErrorMap = { file, connect: rules(file, 'connect', d['connect']), run: rules(file, 'run', d['run']) };
  if (d['builtin'] === 'openssl-text') map.builtin = 'openssl-text';
  return map;
}

export function loadErrorMap(file: string): ErrorMap {
  return parseErrorMap(file, readFileSync(file, 'utf8'));
}

/** An empty map (a vendor adapter without one): only the builtin OpenSSL texts. */
export const BUILTIN_ONLY: ErrorMap = { file: '(none)', connect: [], run: [], builtin: 'openssl-text' };

/** What one fact means by the map; undefined when no rule (and no builtin text) knows it. */
export function meaningOf(map: ErrorMap, section: 'connect' | 'run', fact: ErrorFact, stage?: string): FactMeaning | undefined {
  for (const rule of map[section]) if (whenMatches(rule.when, fact, stage)) return rule.then;
  if (section === 'connect' && map.builtin === 'openssl-text') {
    const tls = classifyTlsError(`${fact.class ?? ''}: ${fact.message}`);
    if (tls) return { tls: tls.reason, decidedBy: tls.decidedBy };
  }
  return undefined;
}
