// The shared data the Hazelcast area matrices refer to: coordinate defaults, named fixtures (realms, client
// credentials, permission sets), the cipher-suite catalogue, the PKI facts and the runtimes'
// effective protocol defaults. Read from matrices/{defaults,ciphers,pki}.yaml.
import type { PermissionCatalogue } from './permission-catalogue.ts';
import type { ClientCredentials } from '../../core/plan/cell.ts';
import type { TlsCatalogue } from '../../core/plan/tls-facts.ts';

export type { KeyType, CipherSuite, Validity, CertificateFacts, PkiFacts, RuntimeDefaults, TlsCatalogue } from '../../core/plan/tls-facts.ts';
export { suiteByOpenssl, suiteByIana } from '../../core/plan/tls-facts.ts';
import type { ClientPermission, MemberIdentity, MemberAuthentication } from '../model.ts';

export interface RealmFixture {
  identity?: MemberIdentity;
  authentication?: MemberAuthentication;
}

export interface Catalogue extends TlsCatalogue {
  coordinateDefaults: Record<string, string>;
  realms: Record<string, RealmFixture>;
  clientIdentities: Record<string, ClientCredentials>;
  permissionSets: Record<string, ClientPermission[]>;
  /** Operations, permission types and their pairs (matrices/permission-catalogue.yaml); absent = no such file. */
  permissionCatalogue?: PermissionCatalogue;
  /** What the realms area's LDAP directory holds (matrices/realms-fixtures.yaml); absent = no such file. */
  directory?: DirectoryFacts;
  /** What the realms area's Kerberos KDC holds. */
  kerberos?: KerberosFacts;
}

export interface DirectoryUser {
  password: string;
  /** Values of the plain role attribute (employeeType). */
  roles: string[];
  /** DNs in the DN-valued role attribute (seeAlso). */
  roleDns: string[];
  /** Value of the separate password attribute (description). */
  altPassword?: string;
  mail?: string;
}

export interface DirectoryGroup {
  /** User ids or group names. */
  members: string[];
  roleDns: string[];
}

export interface DirectoryFacts {
  baseDn: string;
  admin: { dn: string; password: string };
  users: Record<string, DirectoryUser>;
  groups: Record<string, DirectoryGroup>;
}

export interface KerberosFacts {
  realm: string;
  servicePrincipal: string;
  otherServicePrincipal: string;
  clients: Record<string, { password: string; maxLifeSeconds?: number }>;
  clockSkewSeconds: number;
}
