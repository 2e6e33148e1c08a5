// Loads an adapter's error-map.yaml and classifies the facts an adapter reported into the suite's
// canonical CQL outcomes. An error no rule matches is an `error` outcome with the fact in it: it
// never passes as anything else.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { CqlOutcome, TlsSide } from '../oracle/outcome.ts';

export interface ErrorFact {
  class?: string | null;
  code?: string | null;
  message?: string | null;
}

interface Rule {
  when: { class?: RegExp; code?: RegExp; message?: RegExp };
  outcome: 'auth-refused' | 'unauthorized' | 'invalid' | 'tls-refused';
  by?: TlsSide;
  reason?: Extract<CqlOutcome, { kind: 'tls-refused' }>['reason'];
}

export class ErrorMap {
  private constructor(
    readonly client: string,
    private readonly rules: Rule[],
  ) {}

  /** The map of an adapter's error-map.yaml; without one (a vendor's adapter) every error stays unclassified. */
  static load(file: string | undefined, client: string): ErrorMap {
    if (!file) return new ErrorMap(client, []);
    const doc = parse(readFileSync(file, 'utf8')) as { client?: string; rules?: unknown[] };
    if (!Array.isArray(doc.rules)) throw new Error(`${file}: rules must be a list`);
    const rules = doc.rules.map((r, i) => {
      const raw = r as { when?: Record<string, string>; outcome?: string; by?: string; reason?: string };
      if (!raw.when || Object.keys(raw.when).length === 0) throw new Error(`${file}: rules[${i}].when is empty`);
      if (!['auth-refused', 'unauthorized', 'invalid', 'tls-refused'].includes(String(raw.outcome)))
        throw new Error(`${file}: rules[${i}].outcome ${raw.outcome} is unknown`);
      if (raw.outcome === 'tls-refused' && raw.by !== 'client' && raw.by !== 'server') throw new Error(`${file}: rules[${i}].by must be client or server`);
      const when: Rule['when'] = {};
      for (const k of ['class', 'code', 'message'] as const) if (raw.when[k] !== undefined) when[k] = new RegExp(raw.when[k]!, 'i');
      return { when, outcome: raw.outcome, ...(raw.by ? { by: raw.by } : {}), ...(raw.reason ? { reason: raw.reason } : {}) } as Rule;
    });
    return new ErrorMap(doc.client ?? client, rules);
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
    for (const r of this.rules) {
      const ok = (['class', 'code', 'message'] as const).every((k) => !r.when[k] || r.when[k]!.test(String(fact[k] ?? '')));
      if (!ok) continue;
      if (r.outcome === 'tls-refused') return { kind: 'tls-refused', by: r.by!, ...(r.reason ? { reason: r.reason } : {}) };
      return { kind: r.outcome };
    }
    return { kind: 'error', message: `unclassified error from ${this.client}: ${fact.class ?? '?'} ${fact.code ?? ''} ${fact.message ?? ''}`.trim() };
  }
}
