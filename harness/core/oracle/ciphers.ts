// Cipher-suite selection at the agreed version: the member (server) picks a suite that both lists
// hold and that its certificate's key type can serve. TLSv1.3 suites serve any key type.
import type { CipherSuite, KeyType, ServerTlsSettings, TlsCatalogue as Catalogue } from '../plan/tls-facts.ts';
import type { ClientTls, TlsVersion } from '../plan/cell.ts';

/** Suites usable at `version`, or an empty list when none is shared. */
export function sharedSuites(ssl: ServerTlsSettings, tls: ClientTls, version: TlsVersion, memberKeyType: KeyType, catalogue: Catalogue): CipherSuite[] {
  const atVersion = (s: CipherSuite) => s.version === version;
  const memberSide = (ssl.cipherSuites ? ssl.cipherSuites.map((n) => catalogue.suites.find((s) => s.iana === n)) : catalogue.suites)
    .filter((s): s is CipherSuite => s !== undefined)
    .filter(atVersion)
    .filter((s) => s.keyType === 'any' || s.keyType === memberKeyType);
  // OpenSSL keeps TLSv1.2 cipher lists and TLSv1.3 suites apart: a client list without suites of
  // this version leaves that version's defaults in place.
  const listed = tls.ciphers?.map((n) => catalogue.suites.find((s) => s.openssl === n)).filter((s): s is CipherSuite => s !== undefined).filter(atVersion) ?? [];
  const clientSide = listed.length > 0 ? listed : catalogue.suites.filter(atVersion);
  return memberSide.filter((m) => clientSide.some((c) => c.iana === m.iana));
}
