// Report helpers about the PKI a cell uses: a readable certificate summary (no key material) and
// the literal secrets (store and key passwords, credentials) to redact from anything written out.
import type { PkiManifest } from '../../../pki/types.ts';
import type { Cell } from '../plan/cell.ts';

/** The server side's artifacts and secrets, as the cell's family states them (SystemFamily). */
export interface ServerFacts {
  serverArtifacts(member: unknown): string[];
  serverSecrets(member: unknown): string[];
}

function artifactIds(cell: Cell, family: ServerFacts): string[] {
  const ids = new Set<string>(family.serverArtifacts(cell.member));
  const tls = cell.client.tls;
  if (tls) {
    if (tls.ca !== 'system') ids.add(tls.ca);
    if (tls.cert) ids.add(tls.cert.artifact);
  }
  return [...ids];
}

export function certificateSummary(cell: Cell, pki: PkiManifest, family: ServerFacts): string {
  const ids = artifactIds(cell, family);
  if (ids.length === 0) return 'no TLS: no certificates involved';
  return ids
    .map((id) => {
      const a = pki.artifacts[id];
      if (!a) return `${id}: (not in the PKI set)`;
      const lines = [`${id} — ${a.description}`];
      if (a.subject) lines.push(`  subject: ${a.subject}   issuer: ${a.issuer ?? '-'}   key: ${a.keyType ?? '-'}`);
      if (a.notBefore) lines.push(`  valid: ${a.notBefore} .. ${a.notAfter}`);
      if (a.sans) lines.push(`  SAN: ${[...a.sans.dns.map((d) => `DNS:${d}`), ...a.sans.ip.map((i) => `IP:${i}`)].join(', ') || '(none)'}`);
      if (a.ekus) lines.push(`  EKU: ${a.ekus.join(', ') || '(none)'}`);
      if (a.contains) lines.push(`  contains: ${a.contains.join(', ')}`);
      if (a.fingerprintSha256) lines.push(`  SHA-256: ${a.fingerprintSha256}`);
      if (a.bad) lines.push(`  deliberately bad: ${a.bad.why} (expect ${a.bad.expectedFailure})`);
      return lines.join('\n');
    })
    .join('\n');
}

/** Every literal secret a cell's outputs might contain; `extra`: the run's service secrets (LDAP admin, directory and KDC passwords). */
export function cellSecrets(cell: Cell, pki: PkiManifest, family: ServerFacts, extra: readonly string[] = []): string[] {
  const out = new Set<string>(extra);
  for (const a of Object.values(pki.artifacts)) for (const p of Object.values(a.passwords)) if (p) out.add(p);
  const add = (c: Cell['client']['credentials']) => {
    if (c.kind === 'password') out.add(c.password);
    if (c.kind === 'token') out.add(c.token);
    if (c.kind === 'kerberos' && c.password) out.add(c.password);
  };
  add(cell.client.credentials);
  for (const s of family.serverSecrets(cell.member)) out.add(s);
  // An empty password (the realms area's empty-password cell) is no secret to look for.
  return [...out].filter((s) => s.length > 0);
}
