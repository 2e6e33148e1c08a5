// The embedded source: a real Apache Cassandra started per server configuration, in the run's temp
// dir, on free loopback ports (cassandra/process.ts); its default superuser makes the fixture.
import { CassandraProcess } from '../cassandra/process.ts';
import { DEFAULT_CASSANDRA_VERSION } from '../cassandra/install.ts';
import type { CqlServerSetup } from '../model.ts';
import { SUPERUSER } from '../plan/fixtures.ts';
import type { CqlServer, CqlServerSource, ServerStartRequest } from './source.ts';

export class EmbeddedCassandra implements CqlServerSource {
  readonly name = 'embedded';
  readonly serverVersion = DEFAULT_CASSANDRA_VERSION;
  readonly fresh = true;
  readonly admin = { ...SUPERUSER };

  notApplicable(): Promise<string | undefined> {
    return Promise.resolve(undefined);
  }

  start(setup: CqlServerSetup, req: ServerStartRequest): Promise<CqlServer> {
    return new CassandraProcess()
      .withSetup(setup, req.stores)
      .withWorkDir(req.dir)
      .withDataDir(req.dataDir)
      .withStartupTimeout(180_000)
      .withReadyProbe(req.probe)
      .start();
  }
}
