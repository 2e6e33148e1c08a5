// Contract between the protocol server and the security layer of the reference member.
import type { X509Certificate } from 'node:crypto';

/** What the client sent in its authentication request. */
export type ClientCredentials =
  /** Username and password are nullable in the protocol: a client without credentials sends null for both. */
  | { kind: 'password'; username: string | null; password: string | null }
  | { kind: 'token'; token: Buffer };

/** What the connection itself tells about the client. */
export interface ConnectionFacts {
  /** Remote IP address as the member sees it, e.g. 127.0.0.1 (IPv4-mapped prefixes stripped). */
  remoteAddress: string;
  remotePort: number;
  /** Set when TLS is on and the client presented a certificate the member trusted. */
  peerCertificate: X509Certificate | undefined;
}

/** The authenticated client, as the real member's JAAS Subject holds it. */
export interface ClientSubject {
  /** ClusterIdentityPrincipal name. */
  identity: string;
  /** ClusterRolePrincipal names. */
  roles: string[];
  /** ClusterEndpointPrincipal: the remote address. */
  endpoint: string;
}

/** Status byte of the authentication response, as the real member sends it. */
export type AuthStatus = 'AUTHENTICATED' | 'CREDENTIALS_FAILED' | 'SERIALIZATION_VERSION_MISMATCH' | 'NOT_ALLOWED_IN_CLUSTER';

export type AuthResult =
  | { status: 'AUTHENTICATED'; subject: ClientSubject; reason: string }
  | { status: Exclude<AuthStatus, 'AUTHENTICATED'>; reason: string };

/** A permission a client operation needs, e.g. { type: 'map', name: 'orders', action: 'put' }. */
export interface RequiredPermission {
  /** Short type as in PermissionConfig.type (map, queue, ...); actions-less types use action ''. */
  type: string;
  name: string;
  action: string;
}

export interface PermissionDecision {
  granted: boolean;
  /** Why: which configured permission matched, or that none did. For the member log. */
  reason: string;
}
