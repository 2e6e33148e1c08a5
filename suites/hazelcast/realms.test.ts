// The `realms` area of the Hazelcast conformance matrix: ldap and kerberos client realms against a
// real slapd and a real MIT KDC, started once for this file (cells come from matrices/hazelcast/;
// see harness/core/suite).
import { realmAreaServices } from '../../harness/hazelcast/services/realm-area.ts';
import { hazelcastArea } from './area.ts';

hazelcastArea('realms', realmAreaServices());
