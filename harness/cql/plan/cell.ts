// A CQL cell: one client (adapter) × one server configuration × one client setup × one action,
// with the oracle's expectation. Stable ids: `<client>/<requirement>/<server>/<case>`.
import type { CqlClientSetup, CqlServerSetup } from '../model.ts';
import type { CqlOutcome, Grant } from '../oracle/index.ts';

export const CQL_AREAS = ['cql-tls', 'cql-auth', 'cql-permissions'] as const;
export type CqlArea = (typeof CQL_AREAS)[number];

export type CqlAction =
  | { kind: 'connect' }
  /** A statement run by `as`, after the grants (to the probe directly or to a role granted to it). */
  | {
      kind: 'statement';
      statement: string;
      cql: string;
      grants: Grant[];
      via: 'direct' | 'inherited';
      as: 'probe' | 'superuser';
      setup: string[];
      teardown: string[];
    }
  /** A GRANT by the superuser (accepted or refused by Cassandra). */
  | { kind: 'grant'; grant: Grant; cql: string }
  /** A statement the superuser runs that Cassandra refuses. */
  | { kind: 'superuser-cql'; cql: string };

export interface CqlCell {
  id: string;
  area: CqlArea;
  requirementId: string;
  requirementTitle: string;
  source: string;
  name: string;
  /** The client's id in this run: its registry name, NAME@VERSION for another version, or a vendor adapter's folder name. */
  client: string;
  serverKey: string;
  server: CqlServerSetup;
  setup: CqlClientSetup;
  action: CqlAction;
  expected: CqlOutcome;
  /** The matrix's `expectFailure`: a measured, explained failure of the server (tlsfuzzer's exp_pass: false). A pass makes it stale. */
  knownFailure?: string;
  parameters: Record<string, string>;
}
