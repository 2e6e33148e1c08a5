// Protocol versions each side enables, and the one they agree on. The member is a Hazelcast
// member on JDK 17, the client an OpenSSL 3 client (matrices/defaults.yaml `runtimes`).
import type { ServerTlsSettings, TlsCatalogue as Catalogue } from '../plan/tls-facts.ts';
import type { ClientTls, TlsVersion } from '../plan/cell.ts';

export const VERSION_ORDER: readonly TlsVersion[] = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/**
 * Versions the member enables: `protocol=TLS` means the JDK's enabled set; a pinned version means
 * that version alone. The JDK's disabled algorithms win over a pin. JSSE also drops a version for
 * which none of the configured suites exists (it cannot negotiate it).
 */
export function memberVersions(ssl: ServerTlsSettings, catalogue: Catalogue): TlsVersion[] {
  const rt = catalogue.runtimes.member;
  const pinned: TlsVersion[] = ssl.protocol === 'TLS' ? [...rt.protocolTlsEnables] : [ssl.protocol];
  let enabled = pinned.filter((v) => !rt.disabled.includes(v));
  if (ssl.cipherSuites) {
    const versionsWithSuites = new Set(ssl.cipherSuites.map((n) => catalogue.suites.find((s) => s.iana === n)?.version));
    enabled = enabled.filter((v) => versionsWithSuites.has(v));
  }
  return sortVersions(enabled);
}

/** Versions the client offers: its pin, or its defaults (OpenSSL 3: TLSv1.2 and TLSv1.3). */
export function clientVersions(tls: ClientTls, catalogue: Catalogue): TlsVersion[] {
  const defaults = catalogue.runtimes.client.defaultVersions;
  if (!tls.minVersion && !tls.maxVersion) return sortVersions([...defaults]);
  const lo = VERSION_ORDER.indexOf(tls.minVersion ?? defaults[0]!);
  const hi = VERSION_ORDER.indexOf(tls.maxVersion ?? defaults[defaults.length - 1]!);
  return VERSION_ORDER.filter((_, i) => i >= lo && i <= hi);
}

/** A pinned client version its runtime does not have at all (SSLv2, SSLv3), if any. */
export function unavailableClientPin(tls: ClientTls, catalogue: Catalogue): TlsVersion | undefined {
  return [tls.minVersion, tls.maxVersion].find((v): v is TlsVersion => v !== undefined && catalogue.runtimes.client.unavailable.includes(v));
}

export function highestCommon(a: TlsVersion[], b: TlsVersion[]): TlsVersion | undefined {
  return sortVersions(a.filter((v) => b.includes(v))).at(-1);
}

function sortVersions(vs: TlsVersion[]): TlsVersion[] {
  return [...new Set(vs)].sort((x, y) => VERSION_ORDER.indexOf(x) - VERSION_ORDER.indexOf(y));
}
