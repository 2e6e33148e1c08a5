// Certificate facts for the oracle, read from the PKI *request* (what was asked for: issuer chain,
// validity window, SANs) — not from the server, and not from the built files.
import type { CertRequest } from '../../../pki/types.ts';
import type { CertFacts } from '../oracle/tls.ts';
import { cqlPkiRequest } from '../pki-request.ts';

let byId: Map<string, CertRequest> | undefined;

function certs(): Map<string, CertRequest> {
  byId ??= new Map(cqlPkiRequest().certs.map((c) => [c.id, c]));
  return byId;
}

function rootOf(id: string): string {
  const seen = new Set<string>();
  let cur = certs().get(id);
  while (cur && cur.issuer !== 'self' && !seen.has(cur.id)) {
    seen.add(cur.id);
    cur = certs().get(cur.issuer);
  }
  return cur?.issuer === 'self' ? cur.id : id;
}

/** Facts of certificate `id` for a verifier that trusts `trustedRoot`. */
export function certFacts(id: string, trustedRoot: string | undefined): CertFacts {
  const c = certs().get(id);
  if (!c) throw new Error(`no certificate "${id}" in the CQL PKI request`);
  const defaultSans = c.kind === 'member' ? { dns: ['localhost'], ip: ['127.0.0.1'] } : { dns: [], ip: [] };
  const sans: { dns?: string[]; ip?: string[]; uri?: string[] } = c.sans ?? defaultSans;
  return {
    // A self-signed leaf is never trusted; otherwise the chain must end at the verifier's root.
    trusted: trustedRoot !== undefined && c.issuer !== 'self' && rootOf(id) === trustedRoot,
    current: (c.validity ?? 'current') === 'current',
    dns: [...(sans.dns ?? [])],
    ip: [...(sans.ip ?? [])],
    uri: [...(sans.uri ?? [])],
  };
}
