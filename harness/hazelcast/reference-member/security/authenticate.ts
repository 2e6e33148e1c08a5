// Client authentication as the real member performs it. Sources (read, summarised here):
// - AuthenticationBaseMessageTask (hazelcast, 5.x): a cluster name different from the member's
//   gives CREDENTIALS_FAILED, with or without security (NOT_ALLOWED_IN_CLUSTER is sent only when
//   the client engine refuses to bind the endpoint, e.g. client filtering — not for a wrong cluster
//   name). Without security, password credentials must carry a null username and a null password
//   (otherwise CREDENTIALS_FAILED), and token credentials always fail; there is no JAAS Subject.
//   With security, the JAAS login of the client realm decides: LoginException -> CREDENTIALS_FAILED.
// - SecurityContextImpl (enterprise): the client login uses the login modules of the realm named by
//   client-authentication; with no client-authentication, SecurityConfig.getRealmConfigOrDefault
//   gives an empty realm whose authentication is DefaultAuthenticationConfig, i.e. DefaultLoginModule.
//   The same happens for a client realm that has an identity but no authentication.
// - DefaultLoginModule (enterprise, loginimpl): compares the client's credentials with the
//   username-password identity of the MEMBER realm (member-authentication), not of the client realm.
//   Equal username and password -> identity = the username, one role = the username. A token
//   identity is compared byte for byte (as the seeds document it). If the member realm is missing
//   or has no identity, only the cluster names are compared and the client gets identity = role =
//   the cluster name, whatever it sent.
// - X509CertificateLoginModule (enterprise, tls authentication): needs the client's TLS certificate
//   (verified by the TLS layer); identity = subject DN in RFC 2253 form, roles = values of
//   roleAttribute (default "cn") in the DN; no certificate -> login fails. Credentials are ignored.
// - ClusterLoginModule: every successful login adds ClusterIdentityPrincipal(name),
//   ClusterEndpointPrincipal(remote address) and one ClusterRolePrincipal per assigned role.
import type { MemberConfig } from '../config/model.ts';
import type { AuthResult, ClientCredentials, ConnectionFacts } from './api.ts';
import { javaHostAddress } from './endpoint.ts';
import { certificateSubject, roleValues } from './x500-name.ts';
import { kerberosLogin } from './kerberos.ts';
import { ldapLogin } from './ldap.ts';

const DEFAULT_ROLE_ATTRIBUTE = 'cn';

function failed(reason: string): AuthResult {
  return { status: 'CREDENTIALS_FAILED', reason };
}

function describe(creds: ClientCredentials): string {
  return creds.kind === 'password' ? `username ${JSON.stringify(creds.username)}` : `a token of ${creds.token.length} bytes`;
}

export async function authenticate(
  config: MemberConfig,
  creds: ClientCredentials,
  facts: ConnectionFacts,
  clusterName: string,
): Promise<AuthResult> {
  const endpoint = javaHostAddress(facts.remoteAddress);
  if (clusterName !== config.clusterName) {
    return failed(`cluster name "${clusterName}" does not match the member's "${config.clusterName}"`);
  }
  const security = config.security;
  if (!security.enabled) {
    if (creds.kind === 'token') return failed('security is disabled on the member; token credentials are refused');
    if (creds.username !== null || creds.password !== null) {
      return failed('security is disabled on the member and the client sent a non-null username or password');
    }
    // No JAAS Subject exists without security; nothing is ever checked against it.
    return { status: 'AUTHENTICATED', subject: { identity: '', roles: [], endpoint }, reason: 'security disabled; cluster name matched' };
  }

  const clientRealm = security.clientAuthenticationRealm !== undefined ? security.realms.get(security.clientAuthenticationRealm) : undefined;
  const auth = clientRealm?.authentication;
  if (auth?.kind === 'tls') {
    const cert = facts.peerCertificate;
    if (!cert) return failed(`realm "${clientRealm!.name}" (tls): no valid X.509 client certificate on the connection`);
    let subject;
    try {
      subject = certificateSubject(cert);
    } catch (e) {
      return failed(`realm "${clientRealm!.name}" (tls): unable to parse the certificate subject: ${(e as Error).message}`);
    }
    const roles = roleValues(subject, auth.roleAttribute ?? DEFAULT_ROLE_ATTRIBUTE);
    return {
      status: 'AUTHENTICATED',
      subject: { identity: subject.rfc2253, roles, endpoint },
      reason: `realm "${clientRealm!.name}" (tls): certificate subject ${subject.rfc2253}`,
    };
  }
  if (auth?.kind === 'ldap') {
    // LdapLoginModule: verifies PasswordCredentials only.
    if (creds.kind !== 'password') return failed(`realm "${clientRealm!.name}" (ldap): token credentials cannot be verified against LDAP`);
    const r = await ldapLogin(auth.options, creds.username ?? '', creds.password);
    if (!r.ok) return failed(`realm "${clientRealm!.name}" (ldap): ${r.reason}`);
    return { status: 'AUTHENTICATED', subject: { identity: r.identity!, roles: r.roles!, endpoint }, reason: `realm "${clientRealm!.name}" (ldap): ${r.reason}` };
  }
  if (auth?.kind === 'kerberos') {
    // GssApiLoginModule: verifies the Kerberos token in TokenCredentials only.
    if (creds.kind !== 'token') return failed(`realm "${clientRealm!.name}" (kerberos): password credentials carry no Kerberos token`);
    // The loader resolved the acceptor (principal + keytab-file, or the security-realm's Krb5LoginModule).
    if (!auth.acceptor) return failed(`realm "${clientRealm!.name}" (kerberos): no acceptor principal and keytab`);
    const r = await kerberosLogin(auth.options, auth.ldap, creds.token, auth.acceptor);
    if (!r.ok) return failed(`realm "${clientRealm!.name}" (kerberos): ${r.reason}`);
    return { status: 'AUTHENTICATED', subject: { identity: r.identity!, roles: r.roles!, endpoint }, reason: `realm "${clientRealm!.name}" (kerberos): ${r.reason}` };
  }

  // DefaultLoginModule.
  const where = clientRealm ? `realm "${clientRealm.name}" (no authentication: default login)` : 'default login (no client-authentication realm)';
  const memberRealmName = security.memberAuthenticationRealm;
  const memberIdentity = memberRealmName !== undefined ? security.realms.get(memberRealmName)?.identity : undefined;
  if (memberIdentity?.kind === 'username-password') {
    if (creds.kind === 'password' && creds.username === memberIdentity.username && creds.password === memberIdentity.password) {
      return {
        status: 'AUTHENTICATED',
        subject: { identity: creds.username, roles: [creds.username], endpoint },
        reason: `${where}: username and password match the identity of member realm "${memberRealmName}"`,
      };
    }
    return failed(`${where}: ${describe(creds)} does not match the username-password identity of member realm "${memberRealmName}"`);
  }
  if (memberIdentity?.kind === 'token') {
    // The seeds (python-client-security.rst §Token-Based Authentication) configure a token identity
    // on the member realm precisely so that only clients presenting that token get in: the token
    // bytes are compared. The principal name is not documented; the cluster name stands for it.
    if (creds.kind === 'token' && creds.token.equals(memberIdentity.value)) {
      return {
        status: 'AUTHENTICATED',
        subject: { identity: clusterName, roles: [clusterName], endpoint },
        reason: `${where}: the token matches the token identity of member realm "${memberRealmName}"`,
      };
    }
    return failed(`${where}: ${describe(creds)} does not match the token identity of member realm "${memberRealmName}"`);
  }
  return {
    status: 'AUTHENTICATED',
    subject: { identity: clusterName, roles: [clusterName], endpoint },
    reason: `${where}: member realm ${memberRealmName === undefined ? 'not configured' : `"${memberRealmName}" has no username-password identity`}; only the cluster name is compared`,
  };
}
