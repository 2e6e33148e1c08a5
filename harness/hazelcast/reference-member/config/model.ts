// The parts of a Hazelcast member configuration the reference member honours, as read from the
// real XML or YAML file (see parse.ts). This is the contract between the configuration reader,
// the security layer and the protocol server.

export type MutualAuthentication = 'REQUIRED' | 'OPTIONAL';

export interface SslConfig {
  /** factory-class-name, e.g. com.hazelcast.nio.ssl.BasicSSLContextFactory */
  factoryClassName: string | undefined;
  keyStore: string | undefined;
  keyStorePassword: string | undefined;
  /** Java key store type; PKCS12 is what the suite uses. */
  keyStoreType: string;
  trustStore: string | undefined;
  trustStorePassword: string | undefined;
  trustStoreType: string;
  /** The `protocol` property: TLS, TLSv1.2, TLSv1.3, ... (Java SSLContext protocol names). */
  protocol: string;
  /** The `ciphersuites` property, as written (Java / IANA names), or undefined for the defaults. */
  cipherSuites: string[] | undefined;
  /** From `mutualAuthentication` or `javax.net.ssl.mutualAuthentication`; undefined = off. */
  mutualAuthentication: MutualAuthentication | undefined;
}

export type IdentityConfig =
  | { kind: 'username-password'; username: string; password: string }
  | { kind: 'token'; encoding: 'none' | 'base64'; value: Buffer }
  | { kind: 'kerberos'; options: Record<string, string> };

export type AuthenticationConfig =
  | { kind: 'tls'; roleAttribute: string | undefined }
  /** ldap and kerberos: parsed option maps; enforced by the realms work. */
  | { kind: 'ldap'; options: Record<string, string> }
  /**
   * acceptor: principal and keytab the kerberos authentication accepts tokens with, resolved at
   * load from principal + keytab-file (simplified form) or from the Krb5LoginModule realm its
   * security-realm names.
   */
  | { kind: 'kerberos'; options: Record<string, string>; ldap: Record<string, string> | undefined; acceptor?: { principal: string; keytabFile: string; from: string } }
  /** jaas with Java's Krb5LoginModule only: a realm a kerberos realm names as its security-realm. */
  | { kind: 'krb5-login-module'; usage: string; properties: Record<string, string> };

/** The one JAAS login module the reference member understands (the seed's krb5Acceptor realm). */
export const KRB5_LOGIN_MODULE = 'com.sun.security.auth.module.Krb5LoginModule';

export interface RealmConfig {
  name: string;
  authentication: AuthenticationConfig | undefined;
  identity: IdentityConfig | undefined;
}

/** Configuration element names of client permissions, e.g. 'map-permission', 'all-permissions'. */
export type PermissionElement = string;

export interface PermissionConfig {
  /** The XML element name (map-permission, all-permissions, transaction-permission, ...). */
  element: PermissionElement;
  /** Short type, the YAML key: map, queue, all, management, transaction, config, ... */
  type: string;
  /** Object name pattern; '*' when absent. */
  name: string;
  /** Comma-separated principal list as configured; '*' when absent. */
  principal: string;
  /** Endpoint patterns; empty = any endpoint. */
  endpoints: string[];
  /** Actions as configured (lower case); empty for types without actions. */
  actions: string[];
  /** `deny="true"` (Hazelcast 5.4+): the permission is subtracted instead of granted. */
  deny: boolean;
}

export interface SecurityConfig {
  enabled: boolean;
  realms: Map<string, RealmConfig>;
  memberAuthenticationRealm: string | undefined;
  clientAuthenticationRealm: string | undefined;
  onJoinOperation: 'RECEIVE' | 'SEND' | 'NONE';
  clientPermissions: PermissionConfig[];
  /** `client-permissions priority-grant` (5.4+): grants win over denies; default false. */
  priorityGrant: boolean;
  /** `client-block-unmapped-actions` (default true); kept for the executor work, not enforced here. */
  clientBlockUnmappedActions: boolean;
}

export interface MemberConfig {
  /** Path of the file it was read from (for error messages and logs). */
  source: string;
  clusterName: string;
  port: number;
  portAutoIncrement: boolean;
  /** `port-count` attribute (default 100): how many ports auto-increment may try. */
  portCount: number;
  /** undefined when <ssl> is absent or disabled. */
  ssl: SslConfig | undefined;
  security: SecurityConfig;
  /**
   * <user-code-deployment enabled=...>: whether clients may deploy classes (Client.DeployClasses).
   * Only `enabled` is read; the element's children (class cache / provider modes, filters) are not.
   */
  userCodeDeployment?: boolean;
}

/** A configuration the reference member cannot honour: always names the file and the element. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly element: string,
    readonly why: string,
  ) {
    super(`${file}: ${element}: ${why}`);
    this.name = 'ConfigError';
  }
}
