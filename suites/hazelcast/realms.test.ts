// The `realms` area of the conformance matrix: ldap and kerberos client realms against a real
// slapd and a real MIT KDC, started once for this file (cells come from matrices/; see harness/suite).
import { realmAreaServices } from '../../harness/hazelcast/services/realm-area.ts';
import { defineAreaSuite } from '../../harness/core/suite/area-suite.ts';

defineAreaSuite('realms', realmAreaServices());
