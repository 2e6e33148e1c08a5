// Authentication against the client realm: cluster name, then the realm's identity or its tls
// authentication. Returns who the client is on success.
import type { Catalogue } from '../plan/catalogue.ts';
import type { ClientSetup } from '../../core/plan/cell.ts';
import type { MemberSetup } from '../model.ts';
import { certificateFacts, dnAttribute } from '../../core/oracle/certificates.ts';
import { RULES, cite } from './rules.ts';
import { authenticateRealm } from './realms.ts';

const DEFAULT_ROLE_ATTRIBUTE = 'cn';

export type AuthVerdict =
  | { ok: true; subject?: { identity: string; roles: string[] }; roles: string[]; because: string }
  | { ok: false; because: string };

function tokenBytes(token: string, encoding: 'none' | 'base64'): Buffer {
  return encoding === 'base64' ? Buffer.from(token, 'base64') : Buffer.from(token, 'ascii');
}

/**
 * @param verifiedClientCert the client certificate the member verified in the handshake, if any
 */
export function authenticate(member: MemberSetup, client: ClientSetup, verifiedClientCert: string | undefined, catalogue: Catalogue): AuthVerdict {
  if (client.clusterName !== member.clusterName) {
    return { ok: false, because: cite(RULES.clusterName, `client cluster "${client.clusterName}" ≠ member cluster "${member.clusterName}"`) };
  }
  const realm = member.security.clientRealm;
  if (!member.security.enabled || !realm) return { ok: true, roles: [], because: cite(RULES.securityOff) };

  if (realm.authentication && realm.authentication.kind !== 'tls') return authenticateRealm(realm.authentication, client, catalogue);
  if (realm.authentication?.kind === 'tls') {
    if (!verifiedClientCert) return { ok: false, because: cite(RULES.tlsRealm, 'no client certificate was verified in the handshake') };
    const dn = certificateFacts(catalogue, verifiedClientCert).subject;
    if (!dn) throw new Error(`oracle: PKI facts of ${verifiedClientCert} have no subject`);
    // The documents give no default for roleAttribute; Hazelcast's TLS login module uses cn when it
    // is absent (X509CertificateLoginModule), and the oracle follows that.
    const roles = dnAttribute(dn, realm.authentication.roleAttribute ?? DEFAULT_ROLE_ATTRIBUTE);
    return { ok: true, subject: { identity: dn, roles }, roles, because: cite(RULES.tlsRealm, `identity ${dn}${roles.length ? `, roles ${roles.join(',')}` : ''}`) };
  }
  const identity = realm.identity;
  if (!identity) throw new Error(`oracle: realm ${realm.name} has neither identity nor authentication`);
  const creds = client.credentials;
  if (identity.kind === 'username-password') {
    const ok = creds.kind === 'password' && creds.username === identity.username && creds.password === identity.password;
    const detail = creds.kind !== 'password' ? `client sends ${creds.kind} credentials` : ok ? 'username and password match' : 'username or password differ';
    return ok ? { ok: true, roles: [identity.username], because: cite(RULES.passwordIdentity, detail) } : { ok: false, because: cite(RULES.passwordIdentity, detail) };
  }
  const expected = tokenBytes(identity.token, identity.encoding);
  const ok = creds.kind === 'token' && tokenBytes(creds.token, creds.encoding).equals(expected);
  const detail = creds.kind !== 'token' ? `client sends ${creds.kind} credentials` : ok ? 'token bytes equal' : 'token bytes differ';
  return ok ? { ok: true, roles: [], because: cite(RULES.tokenIdentity, detail) } : { ok: false, because: cite(RULES.tokenIdentity, detail) };
}
