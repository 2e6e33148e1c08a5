// Statement → the permissions it needs, written from Cassandra's documentation (cql/security.adoc
// "Permissions" table; dynamic_data_masking.adoc; cql/security.adoc "LIST ROLES", "GRANT ROLE") —
// independent of the server. A statement needs every group of `requires`; a group is met by any of
// its grants (held on the resource or on one of its ancestors). Fixture names are the run's own.
import type { Grant, Permission, Resource } from './permissions.ts';

export const FIXTURE = {
  keyspace: 'sm_ks',
  table: 'sm_ks.t',
  function: 'sm_ks.f',
  target: 'sm_target',
  other: 'sm_other',
  parent: 'sm_parent',
  probe: 'sm_probe',
  /** The clear value of the masked column (mask_default() shows '****'). */
  secret: 'sesame',
} as const;

const RF = "{'class': 'SimpleStrategy', 'replication_factor': 1}";
const FN = (name: string) => `CREATE OR REPLACE FUNCTION sm_ks.${name}(x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return x;'`;

/** What the superuser creates once per server before the permission cells. */
export const FIXTURE_SETUP: readonly string[] = [
  `CREATE KEYSPACE IF NOT EXISTS sm_ks WITH replication = ${RF}`,
  'CREATE TABLE IF NOT EXISTS sm_ks.t (k int PRIMARY KEY, v int, secret text MASKED WITH DEFAULT)',
  `INSERT INTO sm_ks.t (k, v, secret) VALUES (1, 1, 'sesame')`,
  FN('f'),
  'CREATE ROLE IF NOT EXISTS sm_target',
  'CREATE ROLE IF NOT EXISTS sm_other',
  'CREATE ROLE IF NOT EXISTS sm_parent',
];

const p = (permission: Permission, resource: Resource): Grant => ({ permission, resource });
const T = 'data/sm_ks/t';

export interface StatementSpec {
  id: string;
  /** What the statement is, in the documentation's words. */
  title: string;
  cql: string;
  /** All groups must be met; a group by any one of its grants. Empty = needs nothing. */
  requires: Grant[][];
  /** Run by the superuser before / after the cell (resources the statement acts on). */
  setup?: string[];
  teardown?: string[];
  /** Reads the masked column: the result is clear only with UNMASK. */
  readsMasked?: boolean;
  /** Where the rule is written. */
  source: string;
}

const SEC = 'Cassandra docs cql/security.adoc, Permissions table';
const DDM = 'Cassandra docs cql/dynamic_data_masking.adoc';

export const STATEMENTS: readonly StatementSpec[] = [
  { id: 'select', title: 'SELECT on a table', cql: 'SELECT * FROM sm_ks.t', requires: [[p('SELECT', T)]], source: `${SEC}: SELECT` },
  { id: 'insert', title: 'INSERT', cql: 'INSERT INTO sm_ks.t (k, v) VALUES (2, 2)', requires: [[p('MODIFY', T)]], source: `${SEC}: MODIFY` },
  { id: 'update', title: 'UPDATE', cql: 'UPDATE sm_ks.t SET v = 3 WHERE k = 2', requires: [[p('MODIFY', T)]], source: `${SEC}: MODIFY` },
  { id: 'delete', title: 'DELETE', cql: 'DELETE FROM sm_ks.t WHERE k = 2', requires: [[p('MODIFY', T)]], source: `${SEC}: MODIFY` },
  {
    id: 'truncate',
    title: 'TRUNCATE',
    cql: 'TRUNCATE sm_ks.t_trunc',
    setup: ['CREATE TABLE IF NOT EXISTS sm_ks.t_trunc (k int PRIMARY KEY)'],
    teardown: ['DROP TABLE IF EXISTS sm_ks.t_trunc'],
    requires: [[p('MODIFY', 'data/sm_ks/t_trunc')]],
    source: `${SEC}: MODIFY (TRUNCATE)`,
  },
  {
    id: 'conditional-update',
    title: 'conditional UPDATE (lightweight transaction): reads and writes',
    cql: 'UPDATE sm_ks.t SET v = 1 WHERE k = 1 IF v = 1',
    requires: [[p('MODIFY', T)], [p('SELECT', T)]],
    source: 'Cassandra docs cql/dml.adoc (conditional updates) and cql/security.adoc: a conditional statement needs SELECT besides MODIFY',
  },
  {
    id: 'create-keyspace',
    title: 'CREATE KEYSPACE',
    cql: `CREATE KEYSPACE sm_new WITH replication = ${RF}`,
    teardown: ['DROP KEYSPACE IF EXISTS sm_new'],
    requires: [[p('CREATE', 'data')]],
    source: `${SEC}: CREATE on ALL KEYSPACES`,
  },
  {
    id: 'alter-keyspace',
    title: 'ALTER KEYSPACE',
    cql: `ALTER KEYSPACE sm_ks WITH durable_writes = true`,
    requires: [[p('ALTER', 'data/sm_ks')]],
    source: `${SEC}: ALTER on KEYSPACE`,
  },
  {
    id: 'drop-keyspace',
    title: 'DROP KEYSPACE',
    cql: 'DROP KEYSPACE sm_drop',
    setup: [`CREATE KEYSPACE IF NOT EXISTS sm_drop WITH replication = ${RF}`],
    teardown: ['DROP KEYSPACE IF EXISTS sm_drop'],
    requires: [[p('DROP', 'data/sm_drop')]],
    source: `${SEC}: DROP on ALL KEYSPACES / KEYSPACE`,
  },
  {
    id: 'create-table',
    title: 'CREATE TABLE',
    cql: 'CREATE TABLE sm_ks.t_new (k int PRIMARY KEY)',
    teardown: ['DROP TABLE IF EXISTS sm_ks.t_new'],
    requires: [[p('CREATE', 'data/sm_ks')]],
    source: `${SEC}: CREATE on KEYSPACE`,
  },
  {
    id: 'alter-table',
    title: 'ALTER TABLE',
    cql: "ALTER TABLE sm_ks.t WITH comment = 'secmatrix'",
    requires: [[p('ALTER', T)]],
    source: `${SEC}: ALTER on TABLE`,
  },
  {
    id: 'drop-table',
    title: 'DROP TABLE',
    cql: 'DROP TABLE sm_ks.t_drop',
    setup: ['CREATE TABLE IF NOT EXISTS sm_ks.t_drop (k int PRIMARY KEY)'],
    teardown: ['DROP TABLE IF EXISTS sm_ks.t_drop'],
    requires: [[p('DROP', 'data/sm_ks/t_drop')]],
    source: `${SEC}: DROP on TABLE`,
  },
  {
    id: 'create-function',
    title: 'CREATE FUNCTION',
    cql: FN('f_new').replace('CREATE OR REPLACE', 'CREATE'),
    teardown: ['DROP FUNCTION IF EXISTS sm_ks.f_new'],
    requires: [[p('CREATE', 'functions/sm_ks')]],
    source: `${SEC}: CREATE on ALL FUNCTIONS (IN KEYSPACE)`,
  },
  {
    id: 'replace-function',
    title: 'CREATE OR REPLACE FUNCTION of an existing function',
    cql: FN('f'),
    requires: [[p('ALTER', 'functions/sm_ks/f|int')]],
    source: `${SEC}: ALTER on FUNCTION (replacing existing)`,
  },
  {
    id: 'drop-function',
    title: 'DROP FUNCTION',
    cql: 'DROP FUNCTION sm_ks.f_drop',
    setup: [FN('f_drop')],
    teardown: ['DROP FUNCTION IF EXISTS sm_ks.f_drop'],
    requires: [[p('DROP', 'functions/sm_ks/f_drop|int')]],
    source: `${SEC}: DROP on FUNCTION`,
  },
  {
    id: 'execute-function',
    title: 'SELECT using a function',
    cql: 'SELECT sm_ks.f(v) FROM sm_ks.t',
    requires: [[p('SELECT', T)], [p('EXECUTE', 'functions/sm_ks/f|int')]],
    source: `${SEC}: EXECUTE on FUNCTION (and SELECT on the table)`,
  },
  {
    id: 'create-role',
    title: 'CREATE ROLE',
    cql: 'CREATE ROLE sm_new_role',
    teardown: ['DROP ROLE IF EXISTS sm_new_role'],
    requires: [[p('CREATE', 'roles')]],
    source: `${SEC}: CREATE on ALL ROLES`,
  },
  {
    id: 'alter-role',
    title: 'ALTER ROLE (another role)',
    cql: 'ALTER ROLE sm_target WITH LOGIN = false',
    requires: [[p('ALTER', 'roles/sm_target')]],
    source: `${SEC}: ALTER on ROLE`,
  },
  {
    id: 'drop-role',
    title: 'DROP ROLE',
    cql: 'DROP ROLE sm_drop_role',
    setup: ['CREATE ROLE IF NOT EXISTS sm_drop_role'],
    teardown: ['DROP ROLE IF EXISTS sm_drop_role'],
    requires: [[p('DROP', 'roles/sm_drop_role')]],
    source: `${SEC}: DROP on ROLE`,
  },
  {
    id: 'grant-role',
    title: 'GRANT ROLE',
    cql: 'GRANT sm_target TO sm_other',
    teardown: ['REVOKE sm_target FROM sm_other'],
    requires: [[p('AUTHORIZE', 'roles/sm_target')]],
    source: `${SEC}: AUTHORIZE on ROLE (GRANT ROLE)`,
  },
  {
    id: 'grant-permission',
    title: 'GRANT PERMISSION (the grantor holds AUTHORIZE and the permission it grants)',
    cql: 'GRANT SELECT ON TABLE sm_ks.t TO sm_target',
    teardown: ['REVOKE SELECT ON TABLE sm_ks.t FROM sm_target'],
    requires: [[p('AUTHORIZE', T)], [p('SELECT', T)]],
    source: `${SEC}: AUTHORIZE (GRANT PERMISSION); cql/security.adoc GRANT PERMISSION: a role may only grant what it holds`,
  },
  {
    id: 'revoke-permission',
    title: 'REVOKE PERMISSION',
    cql: 'REVOKE MODIFY ON TABLE sm_ks.t FROM sm_target',
    requires: [[p('AUTHORIZE', T)], [p('MODIFY', T)]],
    source: `${SEC}: AUTHORIZE (REVOKE PERMISSION)`,
  },
  {
    id: 'list-roles-of',
    title: 'LIST ROLES OF another role',
    cql: 'LIST ROLES OF sm_target',
    requires: [[p('DESCRIBE', 'roles')]],
    source: `${SEC}: DESCRIBE on ALL ROLES (LIST ROLES)`,
  },
  {
    id: 'list-permissions-of',
    title: 'LIST ALL PERMISSIONS OF another role',
    cql: 'LIST ALL PERMISSIONS OF sm_target',
    requires: [[p('DESCRIBE', 'roles')]],
    source: 'Cassandra docs cql/security.adoc LIST PERMISSIONS: DESCRIBE on the roles',
  },
  {
    id: 'read-masked',
    title: 'SELECT of a masked column',
    cql: 'SELECT secret FROM sm_ks.t WHERE k = 1',
    requires: [[p('SELECT', T)]],
    readsMasked: true,
    source: `${DDM}: masked values unless UNMASK`,
  },
  {
    id: 'filter-masked',
    title: 'SELECT filtering on a masked column',
    cql: "SELECT k FROM sm_ks.t WHERE secret = 'sesame' ALLOW FILTERING",
    requires: [[p('SELECT', T)], [p('SELECT_MASKED', T), p('UNMASK', T)]],
    source: `${DDM}: SELECT_MASKED (or UNMASK) to use masked columns in WHERE`,
  },
  {
    id: 'read-system-local',
    title: 'SELECT from system.local (readable by every role)',
    cql: 'SELECT release_version FROM system.local',
    requires: [],
    source: 'Cassandra docs cql/security.adoc REVOKE PERMISSION: tables available to all authorized users',
  },
  {
    id: 'read-system-auth',
    title: 'SELECT from system_auth.roles',
    cql: 'SELECT role FROM system_auth.roles',
    requires: [[p('SELECT', 'data/system_auth/roles')]],
    source: `${SEC}: SELECT (system_auth is an ordinary protected keyspace)`,
  },
];

export function statement(id: string): StatementSpec {
  const s = STATEMENTS.find((x) => x.id === id);
  if (!s) throw new Error(`unknown CQL statement "${id}"`);
  return s;
}

/** Statements the superuser runs that Cassandra refuses whatever the grants (system keyspaces). */
export const SUPERUSER_REFUSED: readonly { id: string; cql: string; expect: 'unauthorized' | 'invalid'; source: string }[] = [
  {
    id: 'drop-system-keyspace',
    cql: 'DROP KEYSPACE system',
    expect: 'unauthorized',
    source: 'Cassandra docs cql/ddl.adoc: system keyspaces cannot be altered or dropped',
  },
  {
    id: 'alter-system-table',
    cql: "ALTER TABLE system.local WITH comment = 'x'",
    expect: 'unauthorized',
    source: 'Cassandra docs cql/ddl.adoc: system keyspaces cannot be altered or dropped',
  },
  {
    id: 'drop-system-schema-table',
    cql: 'DROP TABLE system_schema.tables',
    expect: 'unauthorized',
    source: 'Cassandra docs cql/ddl.adoc: system keyspaces cannot be altered or dropped',
  },
  {
    id: 'grant-on-missing-keyspace',
    cql: 'GRANT SELECT ON KEYSPACE sm_missing TO sm_target',
    expect: 'invalid',
    source: 'Cassandra docs cql/security.adoc GRANT PERMISSION: the resource must exist',
  },
];
