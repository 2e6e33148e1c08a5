// Where the server of a CQL configuration comes from: the run context (harness/cql/run/context.ts)
// asks a source for the server of each configuration and knows nothing else about it. The embedded
// source starts a real Cassandra per configuration (cassandra/process.ts); the external source is a
// cluster someone else runs (external.ts): nothing to start or stop, no log to read, and only the
// configurations equal to its own can run. The container source starts each configuration in a
// container from its definition (container.ts).
import type { PkiManifest } from '../../../pki/types.ts';
import type { CqlCredentials, CqlServerSetup } from '../model.ts';
import type { ServerStores } from '../render.ts';

/** A running server of one configuration. */
export interface CqlServer {
  readonly host: string;
  readonly nativePort: number;
  /** The cassandra.yaml it runs with (passwords of an external cluster's file redacted). */
  readonly yaml: string;
  mark(): number;
  logSince(mark: number): string;
  stop(): Promise<void>;
}

export interface ServerStartRequest {
  /** The configuration's directory in the run's temp dir. */
  dir: string;
  /** Data kept across the starts of one configuration (the mTLS bootstrap). */
  dataDir: string;
  stores: ServerStores | undefined;
  /** The run's PKI (a source that needs other forms of the stores makes them from it). */
  pki: PkiManifest;
  /** Readiness beyond an open port (a superuser login). */
  probe: (s: { host: string; nativePort: number }) => Promise<void>;
}

export interface CqlServerSource {
  readonly name: 'embedded' | 'external' | 'container';
  /** The server version as reports name it. */
  readonly serverVersion: string;
  /** A fresh server per configuration (the suite may restart it, e.g. to add identities first). */
  readonly fresh: boolean;
  /** The superuser that makes the fixture (roles, keyspace); cells' `cassandra` logins use it too. */
  readonly admin: CqlCredentials;
  /** Why the cells of this configuration cannot run here, or undefined. */
  notApplicable(setup: CqlServerSetup, ctx: { pki: PkiManifest; dir: string }): Promise<string | undefined>;
  start(setup: CqlServerSetup, req: ServerStartRequest): Promise<CqlServer>;
}
