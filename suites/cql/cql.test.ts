// The CQL family's conformance cells (cql-tls, cql-auth, cql-permissions) against Apache Cassandra,
// for the clients of the run; see harness/cql/run/suite.ts. One file: one Cassandra at a time.
import { defineCqlSuite } from '../../harness/cql/run/suite.ts';

defineCqlSuite();
