// Loads an adapter's CQL error-map.yaml and classifies the facts an adapter reported into the suite's
// canonical CQL outcomes. An error no rule matches is an `error` outcome with the fact in it: it
// never passes as anything else. The `when` conditions are the adapters' one form (class, code,
// message: case-insensitive regular expressions, harness/clients/adapter/error-map.ts); what a
// rule concludes is CQL's own (auth-refused, unauthorized, invalid, tls-refused by a side).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { compileWhen, ErrorMapError, whenMatches, type When } from '../../clients/adapter/error-map.ts';
import type { CqlOutcome, TlsSide } from '../oracle/outcome.ts';

export interface ErrorFact {
  class?: string | null;
  code?: string | null;
  message?: string | null;
}

type TlsReason = NonNullable<Extract<CqlOutcome, { kind: 'tls-refused' }>['reason']>;
const OUTCOMES = ['auth-refused', 'unauthorized', 'invalid', 'tls-refused'] as const;
const TLS_REASONS: readonly TlsReason[] = ['untrusted', 'expired', 'hostname', 'no-client-cert', 'protocol', 'cipher', 'plaintext'];
const RULE_KEYS = ['when', 'outcome', 'by', 'reason'];

interface Rule {
  when: When;
  outcome: (typeof OUTCOMES)[number];
  by?: TlsSide;
  reason?: TlsReason;
}

/** One rule of the file, checked; every mistake names the file and the rule. */
function rule(file: string, i: number, r: unknown): Rule {
  const fail = (why: string): never => {
    throw new ErrorMapError(`${file}: rules[${i}]${why.startsWith('.') ? '' : ': '}${why}`);
  };
  if (typeof r !== 'object' || r === null || Array.isArray(r)) fail('a rule is { when, outcome, by?, reason? }');
  const raw = r as Record<string, unknown>;
  for (const k of Object.keys(raw)) if (!RULE_KEYS.includes(k)) fail(`.${k}: unknown key (${RULE_KEYS.join(', ')})`);
  const when = compileWhen(raw['when'], ['class', 'code', 'message'], fail);
  const outcome = raw['outcome'] as Rule['outcome'];
  if (!OUTCOMES.includes(outcome)) fail(`.outcome: '${String(outcome)}' is none of ${OUTCOMES.join(', ')}`);
  const out: Rule = { when, outcome };
  if (outcome === 'tls-refused') {
    if (raw['by'] !== 'client' && raw['by'] !== 'server') fail('.by: client or server (whose check refused)');
    out.by = raw['by'] as TlsSide;
    if (raw['reason'] !== undefined) {
      if (!TLS_REASONS.includes(raw['reason'] as TlsReason)) fail(`.reason: '${String(raw['reason'])}' is none of ${TLS_REASONS.join(', ')}`);
      out.reason = raw['reason'] as TlsReason;
    }
  } else if (raw['by'] !== undefined || raw['reason'] !== undefined) fail('.by and .reason belong to tls-refused rules only');
  return out;
}

export function parseCqlErrorMap(file: string, text: string, client: string): ErrorMap {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new ErrorMapError(`${file}: not YAML: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new ErrorMapError(`${file}: must be a mapping with client and rules`);
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) if (k !== 'client' && k !== 'rules') throw new ErrorMapError(`${file}: ${k}: unknown key (client, rules)`);
  if (!Array.isArray(d['rules'])) throw new ErrorMapError(`${file}: rules: must be a list`);
  return new ErrorMap(
    typeof d['client'] === 'string' ? d['client'] : client,
    (d['rules'] as unknown[]).map((r, i) => rule(file, i, r)),
  );
}

export class ErrorMap {
  constructor(
    readonly client: string,
    private readonly rules: readonly Rule[],
  ) {}

  /** The map of an adapter's error-map.yaml; without one (a vendor's adapter) every error stays unclassified. */
  static load(file: string | undefined, client: string): ErrorMap {
    return file ? parseCqlErrorMap(file, readFileSync(file, 'utf8'), client) : new ErrorMap(client, []);
  }

  /**
   * A failure with the causes the client logged (adapter protocol: `causes`, outermost first): the
   * first rule per fact, the error first; a cause counts only when the error itself matches no rule
   * (a client's generic "could not connect" that says nothing).
   */
  classifyFailure(error: ErrorFact, causes: readonly ErrorFact[] = []): CqlOutcome {
    const first = this.classify(error);
    if (first.kind !== 'error') return first;
    for (const c of causes) {
      const o = this.classify(c);
      if (o.kind !== 'error') return o;
    }
    return first;
  }

  classify(fact: ErrorFact): CqlOutcome {
    const f = { class: fact.class ?? undefined, code: fact.code ?? null, message: fact.message ?? '' };
    for (const r of this.rules) {
      if (!whenMatches(r.when, f)) continue;
      if (r.outcome === 'tls-refused') return { kind: 'tls-refused', by: r.by!, ...(r.reason ? { reason: r.reason } : {}) };
      return { kind: r.outcome };
    }
    return { kind: 'error', message: `unclassified error from ${this.client}: ${fact.class ?? '?'} ${fact.code ?? ''} ${fact.message ?? ''}`.trim() };
  }
}
