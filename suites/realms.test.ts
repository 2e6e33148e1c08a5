// The `realms` area of the conformance matrix: ldap and kerberos client realms against a real
// slapd and a real MIT KDC, started once for this file (cells come from matrices/; see harness/suite).
import { realmAreaServices } from '../harness/services/realm-area.ts';
import { defineAreaSuite } from '../harness/suite/area-suite.ts';

defineAreaSuite('realms', realmAreaServices());
