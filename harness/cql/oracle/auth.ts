// Authentication part of the CQL oracle, from Cassandra's documentation (operating/security.adoc
// "Authentication"; the mTLS authenticators page: identity = the certificate's spiffe:// URI SAN,
// mapped with ADD IDENTITY; both need require_client_auth) and the Python driver seed
// ("Authentication": PlainTextAuthProvider for PasswordAuthenticator).
import type { Authenticator } from '../model.ts';
import type { CqlOutcome } from './outcome.ts';

export interface RoleFacts {
  password: string;
  login: boolean;
}

export interface AuthInput {
  authenticator: Authenticator;
  /** Roles that exist with their password and LOGIN flag. */
  roles: Record<string, RoleFacts>;
  /** Identity → role (ADD IDENTITY). */
  identities: Record<string, string>;
  credentials: { username: string; password: string } | null;
  /** URI SANs of the client certificate presented in the TLS handshake; null = none presented. */
  certUris: string[] | null;
  requireClientAuth: boolean;
}

function password(i: AuthInput): CqlOutcome {
  // The server asks for authentication; a client without an auth provider cannot answer.
  if (!i.credentials) return { kind: 'auth-refused' };
  const role = i.roles[i.credentials.username];
  if (!role || role.password !== i.credentials.password || !role.login) return { kind: 'auth-refused' };
  return { kind: 'ok' };
}

function mutualTls(i: AuthInput): CqlOutcome {
  // The driver must answer the server's AUTHENTICATE with some provider; its credentials are ignored.
  if (!i.credentials) return { kind: 'auth-refused' };
  const spiffe = (i.certUris ?? []).filter((u) => u.startsWith('spiffe://'));
  const role = spiffe.map((u) => i.identities[u]).find((r) => r !== undefined);
  if (!role) return { kind: 'auth-refused' };
  const facts = i.roles[role];
  if (facts && !facts.login) return { kind: 'auth-refused' };
  return { kind: 'ok' };
}

/** Configurations Cassandra documents as invalid: it refuses to start. */
export function configurationRejected(authenticator: Authenticator, requireClientAuth: boolean, tlsEnabled: boolean): boolean {
  if (authenticator === 'MutualTlsAuthenticator' || authenticator === 'MutualTlsWithPasswordFallbackAuthenticator') return !tlsEnabled || !requireClientAuth;
  return false;
}

export function authOutcome(i: AuthInput): CqlOutcome {
  switch (i.authenticator) {
    case 'AllowAllAuthenticator':
      return { kind: 'ok' };
    case 'PasswordAuthenticator':
      return password(i);
    case 'MutualTlsAuthenticator':
      return mutualTls(i);
    case 'MutualTlsWithPasswordFallbackAuthenticator':
      return i.certUris === null ? password(i) : mutualTls(i);
  }
}
