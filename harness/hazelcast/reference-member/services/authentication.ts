// How the member decides an authentication request, following the real member's
// AuthenticationBaseMessageTask: the serialization version first, then the security layer (cluster
// name; with security disabled nothing else, and any username/password or custom credentials are
// refused; with security enabled the configured client realm decides).
import type { MemberConfig } from '../config/model.ts';
import type { AuthResult, AuthStatus, ClientCredentials, ClientSubject, ConnectionFacts, PermissionDecision, RequiredPermission } from '../security/api.ts';
import { SERIALIZATION_VERSION } from './member-state.ts';

/** The security layer the member delegates to (harness/member/security). */
export interface SecurityEngine {
  authenticate(config: MemberConfig, creds: ClientCredentials, facts: ConnectionFacts, clusterName: string): Promise<AuthResult>;
  checkPermission(config: MemberConfig, subject: ClientSubject, required: RequiredPermission): PermissionDecision;
}

export const AUTH_STATUS_BYTES: Record<AuthStatus, number> = {
  AUTHENTICATED: 0,
  CREDENTIALS_FAILED: 1,
  SERIALIZATION_VERSION_MISMATCH: 2,
  NOT_ALLOWED_IN_CLUSTER: 3,
};

export interface AuthenticationInput {
  config: MemberConfig;
  security: SecurityEngine;
  clusterName: string;
  serializationVersion: number;
  credentials: ClientCredentials;
  facts: ConnectionFacts;
}

export async function decideAuthentication(input: AuthenticationInput): Promise<AuthResult> {
  const { config, credentials, facts } = input;
  if (input.serializationVersion !== SERIALIZATION_VERSION) {
    return {
      status: 'SERIALIZATION_VERSION_MISMATCH',
      reason: `client serialization version ${input.serializationVersion}, member ${SERIALIZATION_VERSION}`,
    };
  }
  // Cluster name, security disabled (cluster name only, no credentials allowed) and the realms: the security layer.
  return input.security.authenticate(config, credentials, facts, input.clusterName);
}
