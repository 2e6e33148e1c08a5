// Certificate checks from the PKI facts (matrices/pki.yaml): chain to a trust anchor, usage,
// validity and names. The order follows certificate path validation: build the chain first,
// then check the use the certificate is put to, then its validity period.
import type { CertificateFacts, TlsCatalogue as Catalogue } from '../plan/tls-facts.ts';

export type CertProblem = 'untrusted' | 'bad-usage' | 'expired' | 'not-yet-valid';

export function certificateFacts(catalogue: Catalogue, id: string): CertificateFacts {
  const facts = catalogue.pki.certificates[id];
  if (!facts) throw new Error(`oracle: no PKI facts for certificate "${id}" (matrices/pki.yaml)`);
  return facts;
}

/** Does the chain the certificate's owner presents lead to one of the anchors of `trustChoice`? */
export function chainsToAnchor(catalogue: Catalogue, id: string, trustChoice: string): boolean {
  const anchors = catalogue.pki.trust[trustChoice] ?? [];
  const leaf = certificateFacts(catalogue, id);
  const available = new Set([...leaf.presentedChain, ...anchors]);
  let issuer = leaf.issuer;
  for (let depth = 0; depth < 10; depth++) {
    if (issuer === 'self') return false; // a self-signed leaf is trusted only if pinned itself; we never pin leaves
    if (anchors.includes(issuer)) return true;
    if (!available.has(issuer)) return false; // issuer neither sent nor trusted: no path
    const authority = catalogue.pki.authorities[issuer];
    if (!authority || authority.issuer === 'self') return false; // a root that is not an anchor
    issuer = authority.issuer;
  }
  return false;
}

function usableFor(facts: CertificateFacts, purpose: 'serverAuth' | 'clientAuth'): boolean {
  if (facts.ca) return false;
  if (facts.eku.length > 0 && !facts.eku.includes(purpose)) return false;
  if (facts.keyUsage && !facts.keyUsage.some((u) => u === 'digitalSignature' || u === 'keyEncipherment' || u === 'keyAgreement')) return false;
  return true;
}

/** The first problem a verifier finds with this certificate for this purpose, or undefined. */
export function certificateProblem(catalogue: Catalogue, id: string, trustChoice: string, purpose: 'serverAuth' | 'clientAuth'): CertProblem | undefined {
  const facts = certificateFacts(catalogue, id);
  if (!chainsToAnchor(catalogue, id, trustChoice)) return 'untrusted';
  if (!usableFor(facts, purpose)) return 'bad-usage';
  if (facts.validity === 'expired') return 'expired';
  if (facts.validity === 'future') return 'not-yet-valid';
  return undefined;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * RFC 6125 as OpenSSL-based clients apply it: an IP address matches only an IP SAN; a DNS name
 * matches a DNS SAN (one leftmost wildcard label), and the CN only when there is no DNS SAN.
 */
export function namesHost(facts: CertificateFacts, host: string): boolean {
  if (IPV4.test(host) || host.includes(':')) return facts.san.includes(`IP:${host}`);
  const dns = facts.san.filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4).toLowerCase());
  const h = host.toLowerCase();
  const matches = (pattern: string) =>
    pattern === h || (pattern.startsWith('*.') && h.split('.').length === pattern.split('.').length && h.endsWith(pattern.slice(1)));
  if (dns.length > 0) return dns.some(matches);
  return facts.cn !== undefined && facts.cn.toLowerCase() === h;
}

/** The value of one attribute (e.g. cn) of an RFC 4514 style DN, case-insensitively. */
export function dnAttribute(dn: string, attribute: string): string[] {
  return dn
    .split(',')
    .map((rdn) => rdn.trim().split('='))
    .filter(([k]) => k?.trim().toLowerCase() === attribute.toLowerCase())
    .map(([, v]) => (v ?? '').trim());
}
