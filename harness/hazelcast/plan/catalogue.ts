// The shared data the area matrices refer to: coordinate defaults, named fixtures (realms, client
// credentials, permission sets), the cipher-suite catalogue, the PKI facts and the runtimes'
// effective protocol defaults. Read from matrices/{defaults,ciphers,pki}.yaml.
import type { PermissionCatalogue } from './permission-catalogue.ts';
import type { ClientPermission, MemberIdentity, MemberAuthentication, ClientCredentials, TlsVersion } from '../../core/plan/cell.ts';

export type KeyType = 'RSA' | 'EC';

export interface CipherSuite {
  openssl: string;
  iana: string;
  /** 'any' for TLSv1.3 suites, which do not depend on the certificate's key type. */
  keyType: KeyType | 'any';
  version: TlsVersion;
}

export type Validity = 'current' | 'expired' | 'future';

export interface CertificateFacts {
  keyType: KeyType;
  /** Artifact id of the issuing authority, or 'self'. */
  issuer: string;
  validity: Validity;
  eku: string[];
  keyUsage?: string[];
  san: string[];
  cn?: string;
  subject?: string;
  ca: boolean;
  presentedChain: string[];
}

export interface PkiFacts {
  authorities: Record<string, { issuer: string }>;
  certificates: Record<string, CertificateFacts>;
  /** Trust choice (artifact id or 'system') → the anchors it holds. */
  trust: Record<string, string[]>;
}

export interface RuntimeDefaults {
  member: { description: string; disabled: TlsVersion[]; protocolTlsEnables: TlsVersion[] };
  client: { description: string; defaultVersions: TlsVersion[]; unavailable: TlsVersion[] };
}

export interface RealmFixture {
  identity?: MemberIdentity;
  authentication?: MemberAuthentication;
}

export interface Catalogue {
  coordinateDefaults: Record<string, string>;
  runtimes: RuntimeDefaults;
  realms: Record<string, RealmFixture>;
  clientIdentities: Record<string, ClientCredentials>;
  permissionSets: Record<string, ClientPermission[]>;
  suites: CipherSuite[];
  /** Named cipher lists by OpenSSL name, in order of preference. */
  cipherLists: Record<string, string[]>;
  pki: PkiFacts;
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

export function suiteByOpenssl(catalogue: Catalogue, name: string): CipherSuite | undefined {
  return catalogue.suites.find((s) => s.openssl === name);
}

export function suiteByIana(catalogue: Catalogue, name: string): CipherSuite | undefined {
  return catalogue.suites.find((s) => s.iana === name);
}
