// The CQL oracle: the documented rules as a small model, independent of Cassandra and of the drivers.
import { GRANTABLE_ON_SYSTEM_KEYSPACES, holds, inSystemKeyspace, isApplicable, type Grant } from './permissions.ts';
import type { CqlOutcome } from './outcome.ts';
import type { StatementSpec } from './statements.ts';

export * from './outcome.ts';
export * from './permissions.ts';
export * from './statements.ts';
export * from './tls.ts';
export * from './auth.ts';

/** The outcome of a statement for a role holding `grants` (its own and inherited), or a superuser. */
export function statementOutcome(s: StatementSpec, grants: readonly Grant[], superuser: boolean): CqlOutcome {
  const allowed = superuser || s.requires.every((group) => group.some((g) => holds(grants, g.permission, g.resource)));
  if (!allowed) return { kind: 'unauthorized' };
  if (s.readsMasked) {
    const clear = superuser || s.requires.flat().some((g) => holds(grants, 'UNMASK', g.resource));
    return { kind: 'ok', masked: !clear };
  }
  return { kind: 'ok' };
}

/**
 * A GRANT by the superuser: invalid when the permission does not apply to the resource's kind;
 * unauthorized when it is not one of the few grantable on a system keyspace; else accepted.
 */
export function grantOutcome(g: Grant): CqlOutcome {
  if (!isApplicable(g)) return { kind: 'invalid' };
  if (inSystemKeyspace(g.resource) && !GRANTABLE_ON_SYSTEM_KEYSPACES.includes(g.permission)) return { kind: 'unauthorized' };
  return { kind: 'ok' };
}
