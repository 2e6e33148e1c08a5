// Cassandra's permission model, written from its documentation (cql/security.adoc "Permissions"
// table, 5.0; dynamic_data_masking.adoc for UNMASK and SELECT_MASKED) — independent of the server.
// Resources are hierarchical; a permission granted on a resource flows down to everything below it.

export const PERMISSIONS = ['CREATE', 'ALTER', 'DROP', 'SELECT', 'MODIFY', 'AUTHORIZE', 'DESCRIBE', 'EXECUTE', 'UNMASK', 'SELECT_MASKED'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const RESOURCE_KINDS = [
  'all-keyspaces',
  'keyspace',
  'table',
  'all-functions',
  'all-functions-in-keyspace',
  'function',
  'all-roles',
  'role',
  'all-mbeans',
  'mbean',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Which permissions may be granted on which kind of resource (the documentation's table). */
export const APPLICABLE: Record<ResourceKind, readonly Permission[]> = {
  'all-keyspaces': ['CREATE', 'ALTER', 'DROP', 'SELECT', 'MODIFY', 'AUTHORIZE', 'UNMASK', 'SELECT_MASKED'],
  keyspace: ['CREATE', 'ALTER', 'DROP', 'SELECT', 'MODIFY', 'AUTHORIZE', 'UNMASK', 'SELECT_MASKED'],
  table: ['ALTER', 'DROP', 'SELECT', 'MODIFY', 'AUTHORIZE', 'UNMASK', 'SELECT_MASKED'],
  'all-functions': ['CREATE', 'ALTER', 'DROP', 'AUTHORIZE', 'EXECUTE'],
  'all-functions-in-keyspace': ['CREATE', 'ALTER', 'DROP', 'AUTHORIZE', 'EXECUTE'],
  function: ['ALTER', 'DROP', 'AUTHORIZE', 'EXECUTE'],
  'all-roles': ['CREATE', 'ALTER', 'DROP', 'AUTHORIZE', 'DESCRIBE'],
  // The documentation's table lists DESCRIBE for ALL ROLES only; Cassandra 5.0 (RoleResource) also
  // accepts it on a single ROLE (measured with 5.0.9, and so stated in DESIGN.md). The oracle follows
  // 5.0: a documentation gap, noted in the report, not a server error.
  role: ['ALTER', 'DROP', 'AUTHORIZE', 'DESCRIBE'],
  'all-mbeans': ['SELECT', 'MODIFY', 'AUTHORIZE', 'DESCRIBE', 'EXECUTE'],
  mbean: ['SELECT', 'MODIFY', 'AUTHORIZE', 'DESCRIBE', 'EXECUTE'],
};

/**
 * A resource in the slash form Cassandra uses internally: `data`, `data/ks`, `data/ks/t`,
 * `functions`, `functions/ks`, `functions/ks/f|int`, `roles`, `roles/r`, `mbean`, `mbean/<name>`.
 */
export type Resource = string;

export function kindOf(r: Resource): ResourceKind {
  const p = r.split('/');
  switch (p[0]) {
    case 'data':
      return p.length === 1 ? 'all-keyspaces' : p.length === 2 ? 'keyspace' : 'table';
    case 'functions':
      return p.length === 1 ? 'all-functions' : p.length === 2 ? 'all-functions-in-keyspace' : 'function';
    case 'roles':
      return p.length === 1 ? 'all-roles' : 'role';
    case 'mbean':
      return p.length === 1 ? 'all-mbeans' : 'mbean';
    default:
      throw new Error(`unknown resource ${r}`);
  }
}

/** The resource and its ancestors, nearest first (`data/ks/t` → data/ks/t, data/ks, data). */
export function chain(r: Resource): Resource[] {
  const p = r.split('/');
  if (p[0] === 'mbean') return p.length === 1 ? ['mbean'] : [r, 'mbean'];
  const out: Resource[] = [];
  for (let i = p.length; i >= 1; i--) out.push(p.slice(0, i).join('/'));
  return out;
}

/** The CQL name of a resource in GRANT statements. */
export function cqlResource(r: Resource): string {
  const p = r.split('/');
  switch (kindOf(r)) {
    case 'all-keyspaces':
      return 'ALL KEYSPACES';
    case 'keyspace':
      return `KEYSPACE ${p[1]}`;
    case 'table':
      return `TABLE ${p[1]}.${p[2]}`;
    case 'all-functions':
      return 'ALL FUNCTIONS';
    case 'all-functions-in-keyspace':
      return `ALL FUNCTIONS IN KEYSPACE ${p[1]}`;
    case 'function': {
      const [name, args] = p[2]!.split('|');
      return `FUNCTION ${p[1]}.${name}(${args ?? ''})`;
    }
    case 'all-roles':
      return 'ALL ROLES';
    case 'role':
      return `ROLE ${p[1]}`;
    case 'all-mbeans':
      return 'ALL MBEANS';
    case 'mbean':
      return `MBEAN '${p.slice(1).join('/')}'`;
  }
}

export interface Grant {
  permission: Permission;
  resource: Resource;
}

export function isApplicable(g: Grant): boolean {
  return APPLICABLE[kindOf(g.resource)].includes(g.permission);
}

// CASSANDRA-20090 (Cassandra 5.0.3 NEWS.txt, "Tighten up permissions on system keyspaces"): grants on
// ALL KEYSPACES do not reach the system keyspaces for ordinary roles, and on a system keyspace only
// SELECT, DESCRIBE and ALTER may be granted (anything else: Unauthorized).
export const SYSTEM_KEYSPACES = [
  'system',
  'system_schema',
  'system_auth',
  'system_distributed',
  'system_traces',
  'system_views',
  'system_virtual_schema',
] as const;
export const GRANTABLE_ON_SYSTEM_KEYSPACES: readonly Permission[] = ['SELECT', 'DESCRIBE', 'ALTER'];

export function inSystemKeyspace(r: Resource): boolean {
  const p = r.split('/');
  return p[0] === 'data' && p.length >= 2 && (SYSTEM_KEYSPACES as readonly string[]).includes(p[1]!);
}

/** Does a set of grants (of a role and every role it was granted) give `permission` on `resource`? */
export function holds(grants: readonly Grant[], permission: Permission, resource: Resource): boolean {
  const up = new Set(chain(resource).filter((r) => !(inSystemKeyspace(resource) && r === 'data')));
  return grants.some((g) => g.permission === permission && up.has(g.resource));
}
