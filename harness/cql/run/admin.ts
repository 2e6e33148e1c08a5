// The harness's own administrative CQL session (in-process Node `cassandra-driver`): it tells a
// server readiness, creates the fixture (roles, identities, keyspace) and gives and takes back the
// grants around permission cells. It is harness plumbing, not a client under test.
import cassandra from 'cassandra-driver';
import { readFileSync } from 'node:fs';
import type { PkiManifest } from '../../../pki/types.ts';
import type { CqlCredentials, CqlServerSetup } from '../model.ts';
import { CQL_IDS } from '../pki-request.ts';
import { SUPERUSER } from '../plan/fixtures.ts';
import { withTimeout } from '../../core/util/deadline.ts';

export interface AdminClient {
  execute(cql: string): Promise<void>;
  /** Runs each statement; failures are collected, not thrown (revokes of what a cell dropped). */
  bestEffort(cqls: readonly string[]): Promise<string[]>;
  close(): Promise<void>;
}

function adminOptions(setup: CqlServerSetup, pki: PkiManifest, host: string, port: number, login: CqlCredentials): cassandra.ClientOptions {
  const o: cassandra.ClientOptions = {
    contactPoints: [host],
    localDataCenter: 'datacenter1',
    protocolOptions: { port },
    socketOptions: { connectTimeout: 5000, readTimeout: 20_000 },
    policies: { reconnection: new cassandra.policies.reconnection.ConstantReconnectionPolicy(1000) },
  };
  if (setup.authenticator !== 'AllowAllAuthenticator') o.authProvider = new cassandra.auth.PlainTextAuthProvider(login.username, login.password);
  const tls = setup.tls;
  if (tls && !tls.optional) {
    const ssl: Record<string, unknown> = { rejectUnauthorized: false };
    if (tls.requireClientAuth) {
      const id = setup.authenticator.startsWith('MutualTls') ? CQL_IDS.clientAdmin : CQL_IDS.clientPlain;
      const a = pki.artifacts[id]!;
      ssl['cert'] = readFileSync(a.files.chain!);
      ssl['key'] = readFileSync(a.files.key!);
    }
    o.sslOptions = ssl as never;
  }
  return o;
}

export async function connectAdmin(
  setup: CqlServerSetup,
  pki: PkiManifest,
  host: string,
  port: number,
  login: CqlCredentials = SUPERUSER,
): Promise<AdminClient> {
  const client = new cassandra.Client(adminOptions(setup, pki, host, port, login));
  try {
    await client.connect();
    await client.execute('SELECT release_version FROM system.local');
  } catch (err) {
    // Bounded: cassandra-driver 4.10 may never settle shutdown() of a client whose connect failed
    // (measured: the process then stays alive), so the suite worker must not wait on it.
    await withTimeout('closing a failed admin session', 3000, client.shutdown()).catch(() => undefined);
    throw err;
  }
  return {
    execute: async (cql) => {
      await client.execute(cql);
    },
    bestEffort: async (cqls) => {
      const problems: string[] = [];
      for (const c of cqls) {
        try {
          await client.execute(c);
        } catch (e) {
          problems.push(`${c}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      return problems;
    },
    close: () => withTimeout('closing the admin session', 10_000, client.shutdown()).catch(() => undefined),
  };
}
