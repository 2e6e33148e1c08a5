// The trust store an ldap realm's member JVM uses for ldaps (javax.net.ssl.trustStore, JVM-wide,
// not in the configuration file): the setup's jvmTrustStore artifact. Every target sets it, each
// at its own path (the embedded member: the PKI's file; a container: a copy inside it).
import type { PkiManifest } from '../../../pki/types.ts';
import type { MemberSetup } from '../model.ts';
import { storesFromPki } from '../render/index.ts';
import { JVM } from '../reference-member/index.ts';

/** The ldap realm's jvmTrustStore (PKI artifact, its store file and password), or undefined. */
export function ldapJvmTrustStore(setup: MemberSetup, pki: PkiManifest): { artifact: string; path: string; password: string } | undefined {
  const auth = setup.security.clientRealm?.authentication;
  const ldap = auth?.kind === 'ldap' ? auth : auth?.kind === 'kerberos' ? auth.ldap : undefined;
  if (!ldap?.jvmTrustStore) return undefined;
  const store = storesFromPki(pki).trustStore(ldap.jvmTrustStore);
  return { artifact: ldap.jvmTrustStore, path: store.path, password: store.password };
}

/** javax.net.ssl.trustStore(+Password) for a trust store at `path`. */
export function jvmTrustProperties(path: string, password: string): Record<string, string> {
  return { [JVM.trustStore]: path, [JVM.trustStorePassword]: password };
}
