// The shapes of a PKI request (what to make) and of the manifest (what was made).

export const KEY_TYPES = ['rsa2048', 'ec-p256'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export const CERT_KINDS = ['ca', 'member', 'client'] as const;
export type CertKind = (typeof CERT_KINDS)[number];
/** `bundle` is a set of CA certificates (a CA file / trust store), not a certificate of its own. */
export type ArtifactKind = CertKind | 'bundle';

export const EKUS = ['serverAuth', 'clientAuth'] as const;
export type Eku = (typeof EKUS)[number];

export const VALIDITY_WINDOWS = ['current', 'expired', 'not-yet-valid'] as const;
export type ValidityWindow = (typeof VALIDITY_WINDOWS)[number];

/** Which side checks the certificate: a client verifies a member's, a member verifies a client's. */
export type Verifier = 'client' | 'member';

/** Why a deliberately bad certificate is bad, and what a verifier must report. */
export interface BadLabel {
  why: string;
  /** Stable code as Node/OpenSSL report it, e.g. CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID. */
  expectedFailure: string;
  /** The side whose verification must fail. */
  verifier: Verifier;
  /** For hostname failures: the name the peer connects to when the failure is expected. */
  host?: string;
}

export interface SubjectAltNames {
  dns: string[];
  ip: string[];
  /** URI SANs (e.g. `spiffe://secmatrix.test/client`, the identity Cassandra's MutualTlsAuthenticator reads). Absent = none. */
  uri?: string[];
}

/** One certificate to make. Omitted fields take the defaults of its kind. */
export interface CertRequest {
  id: string;
  kind: CertKind;
  description: string;
  keyType: KeyType;
  /** RFC 4514 string, most specific first: `CN=admin,OU=Devs,O=Hazelcast`. */
  subject: string;
  /** Id of the issuing CA, or `self` for a self-signed certificate (roots, and the self-signed bad leaf). */
  issuer: string;
  /** Replaces the default SANs (members: IP 127.0.0.1 and DNS localhost; others: none). Empty = no SAN extension. */
  sans?: Partial<SubjectAltNames>;
  /** Replaces the default EKUs (member: serverAuth, client: clientAuth, CA: none). Empty = no EKU extension. */
  ekus?: Eku[];
  /** Default `current`; CAs always get the CA window. */
  validity?: ValidityWindow;
  /** Issue a leaf as a CA certificate (CA:TRUE, keyCertSign/cRLSign only): the "CA used as leaf" case. */
  caCertificate?: boolean;
  bad?: BadLabel;
}

/** Several CA certificates together: a PEM CA file and a PKCS#12 trust store. */
export interface BundleRequest {
  id: string;
  description: string;
  cas: string[];
}

export interface PkiRequest {
  /** ISO date the validity windows are computed from; default: start of the current UTC year. */
  anchor?: string;
  certs: CertRequest[];
  bundles?: BundleRequest[];
}

/** Absolute paths of an artifact's files, by format. */
export interface ArtifactFiles {
  /** The certificate alone (PEM). */
  cert?: string;
  /** Leaf plus the intermediates below the root (PEM): what a server or client presents. */
  chain?: string;
  /** Unencrypted PKCS#8 private key (PEM). */
  key?: string;
  /** PBES2/AES-256-CBC encrypted PKCS#8 key (PEM), password `passwords.key`. */
  keyEncrypted?: string;
  /** Private key followed by the chain in one PEM file (a certfile that also holds its key). */
  combined?: string;
  /** PKCS#12 key store: key and chain up to the root, alias = id, password `passwords.keystore`. */
  keystore?: string;
  /** PKCS#12 trust store of CA certificates trusted by Java, password `passwords.truststore`. */
  truststore?: string;
  /** Concatenated CA certificates (PEM): a CA file. */
  bundle?: string;
}

export interface ArtifactPasswords {
  key?: string;
  keystore?: string;
  truststore?: string;
}

export interface PkiArtifact {
  id: string;
  kind: ArtifactKind;
  description: string;
  keyType?: KeyType;
  subject?: string;
  /** Issuer id, or `self`. */
  issuer?: string;
  sans?: SubjectAltNames;
  ekus?: Eku[];
  /** basicConstraints CA:TRUE. */
  isCa?: boolean;
  validity?: ValidityWindow | 'ca';
  notBefore?: string;
  notAfter?: string;
  serialNumber?: string;
  /** SHA-256 of the DER certificate, uppercase hex pairs joined by colons (as `openssl x509 -fingerprint`). */
  fingerprintSha256?: string;
  /** Bundles: the CA ids they contain, in file order. */
  contains?: string[];
  /** Certificates: the ids of the chain above this certificate, nearest first, up to the root. */
  issuerChain?: string[];
  files: ArtifactFiles;
  passwords: ArtifactPasswords;
  bad?: BadLabel;
}

export interface PkiManifest {
  format: 'secmatrix-pki/1';
  anchor: string;
  /** How each validity window is placed relative to the anchor. */
  windows: Record<ValidityWindow | 'ca', string>;
  outDir: string;
  artifacts: Record<string, PkiArtifact>;
}

export interface CacheReport {
  /** Ids whose certificate entry came from the cache. */
  hits: string[];
  /** Ids whose certificate entry was made now. */
  generated: string[];
  /** Ids whose private key was generated now (the slow part). */
  keysGenerated: string[];
  /** Cache entries found damaged and made again. */
  repaired: { id: string; what: string; reason: string }[];
}

/** The manifest (also written as manifest.json) plus how the cache served this build. */
export interface PkiSet extends PkiManifest {
  manifestPath: string;
  cache: CacheReport;
}
