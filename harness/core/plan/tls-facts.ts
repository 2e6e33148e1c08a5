// The TLS facts every system shares: the cipher-suite catalogue, the PKI facts (which certificate
// is what) and the runtimes' effective protocol defaults. Read by a family's matrix loader from its
// ciphers.yaml / pki.yaml / defaults.yaml; the TLS part of the oracle (harness/core/oracle) reasons
// over them.
import type { TlsVersion } from './cell.ts';

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

/** Effective protocol defaults of the server (member) runtime and the client runtime. */
export interface RuntimeDefaults {
  member: { description: string; disabled: TlsVersion[]; protocolTlsEnables: TlsVersion[] };
  client: { description: string; defaultVersions: TlsVersion[]; unavailable: TlsVersion[] };
}

/** The TLS part of a family's catalogue. */
export interface TlsCatalogue {
  runtimes: RuntimeDefaults;
  suites: CipherSuite[];
  /** Named cipher lists by OpenSSL name, in order of preference. */
  cipherLists: Record<string, string[]>;
  pki: PkiFacts;
}

/** What the TLS oracle needs of the server side: its protocol setting ('TLS' = the runtime's defaults) and suites. */
export interface ServerTlsSettings {
  protocol: 'TLS' | TlsVersion;
  /** IANA suite names in the server's order of preference; absent = the runtime's defaults. */
  cipherSuites?: string[];
}

export function suiteByOpenssl(catalogue: TlsCatalogue, name: string): CipherSuite | undefined {
  return catalogue.suites.find((s) => s.openssl === name);
}

export function suiteByIana(catalogue: TlsCatalogue, name: string): CipherSuite | undefined {
  return catalogue.suites.find((s) => s.iana === name);
}
