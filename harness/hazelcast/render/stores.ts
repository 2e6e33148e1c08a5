// Where the member's key and trust stores are on disk. The renderer asks only this, so the PKI's
// shape can change without touching it; storesFromPki adapts the PKI manifest (pki/types.ts).

export interface StoreFile {
  path: string;
  password: string;
  /** Java key store type; PKCS12 unless said otherwise. */
  type?: string;
}

export interface MemberStores {
  /** PKCS#12 key store holding the member key of this PKI artifact id. */
  keyStore(artifactId: string): StoreFile;
  /** PKCS#12 trust store of this PKI artifact id (a CA or a bundle). */
  trustStore(artifactId: string): StoreFile;
}

/** The part of a PKI manifest the renderer needs (structurally compatible with pki's PkiSet). */
export interface PkiLike {
  artifacts: Record<string, { files: { keystore?: string; truststore?: string }; passwords: { keystore?: string; truststore?: string } }>;
}

export function storesFromPki(pki: PkiLike): MemberStores {
  const lookup = (id: string, what: 'keystore' | 'truststore'): StoreFile => {
    const artifact = pki.artifacts[id];
    if (!artifact) throw new Error(`PKI has no artifact "${id}"`);
    const path = artifact.files[what];
    const password = artifact.passwords[what];
    if (!path || password === undefined) throw new Error(`PKI artifact "${id}" has no ${what}`);
    return { path, password, type: 'PKCS12' };
  };
  return { keyStore: (id) => lookup(id, 'keystore'), trustStore: (id) => lookup(id, 'truststore') };
}
