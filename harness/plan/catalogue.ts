// The shared data the area matrices refer to: coordinate defaults, named fixtures (realms, client
// credentials, permission sets), the cipher-suite catalogue, the PKI facts and the runtimes'
// effective protocol defaults. Read from matrices/{defaults,ciphers,pki}.yaml.
import type { MapPermission, MemberIdentity, MemberAuthentication, ClientCredentials, TlsVersion } from './cell.ts';

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
  permissionSets: Record<string, MapPermission[]>;
  suites: CipherSuite[];
  /** Named cipher lists by OpenSSL name, in order of preference. */
  cipherLists: Record<string, string[]>;
  pki: PkiFacts;
}

export function suiteByOpenssl(catalogue: Catalogue, name: string): CipherSuite | undefined {
  return catalogue.suites.find((s) => s.openssl === name);
}

export function suiteByIana(catalogue: Catalogue, name: string): CipherSuite | undefined {
  return catalogue.suites.find((s) => s.iana === name);
}
