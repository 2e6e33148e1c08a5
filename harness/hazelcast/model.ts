// The Hazelcast family's model: the abstract member setup a cell asks for (harness/hazelcast/render
// turns it into a real hazelcast.xml / hazelcast.yaml; the targets start a member from it).
import type { Cell, TlsVersion } from '../core/plan/cell.ts';

/** The Hazelcast areas; the CLI's --only takes these names. */
export type HazelcastArea = 'tls' | 'mutual-auth' | 'credentials' | 'permissions' | 'realms';
export const HAZELCAST_AREAS: readonly HazelcastArea[] = ['tls', 'mutual-auth', 'credentials', 'permissions', 'realms'];
/** Every Hazelcast requirement id starts with it (HZ-TLS-001, HZ-KRB-003, ...). */
export const HAZELCAST_ID_PREFIX = 'HZ-';

/** The member's `protocol` property: a Java SSLContext protocol; 'TLS' = the JDK's enabled defaults. */
export type MemberProtocol = 'TLS' | TlsVersion;

// ---------------------------------------------------------------------------------------------
// Member side (abstract; harness/hazelcast/render turns it into a real Hazelcast XML/YAML configuration)
// ---------------------------------------------------------------------------------------------

export type MutualAuthMode = 'OPTIONAL' | 'REQUIRED';

export interface MemberSsl {
  protocol: MemberProtocol;
  /** Java / IANA suite names, in the member's order of preference; absent = JDK defaults. */
  cipherSuites?: string[];
  /** Absent = mutual authentication off. */
  mutualAuthentication?: MutualAuthMode;
  /** PKI artifact id of the member's key (rendered as its PKCS#12 key store), e.g. 'member-rsa'. */
  keyStore: string;
  /** PKI artifact id whose trust store the member uses to verify clients, e.g. 'root-ca'. */
  trustStore?: string;
}

/** Identity of the client realm (what a client must present to authenticate). */
export type MemberIdentity =
  | { kind: 'username-password'; username: string; password: string }
  /** token as written in the configuration (base64 text when encoding is base64). */
  | { kind: 'token'; encoding: 'none' | 'base64'; token: string };

/**
 * LDAP authentication (realms area). servers: references to LDAP services the run provisions
 * (harness/services; e.g. 'primary', 'secondary-ldaps-untrusted', 'down'), rendered as the
 * space-separated `url`; options: the documented ldap options as written; systemUser: render the
 * directory admin as system-user-dn / system-user-password; jvmTrustStore: PKI artifact the
 * member's JVM trusts for ldaps (javax.net.ssl.trustStore — JVM-wide, not in the config file).
 */
export interface LdapRealmSetup {
  servers: string[];
  systemUser?: boolean;
  options: Record<string, string>;
  jvmTrustStore?: string;
}

/** Authentication of the client realm: TLS = identity from the client certificate. */
export type MemberAuthentication =
  | { kind: 'tls'; roleAttribute?: string }
  | ({ kind: 'ldap' } & LdapRealmSetup)
  /**
   * Kerberos with the run's KDC service principal and keytab, given in the simplified form
   * (principal + keytab-file, the default) or the security-realm form (a Krb5LoginModule realm);
   * ldap = role mapping.
   */
  | { kind: 'kerberos'; options: Record<string, string>; ldap?: LdapRealmSetup; form?: 'simplified' | 'security-realm' };

export interface ClientRealm {
  name: string;
  identity?: MemberIdentity;
  authentication?: MemberAuthentication;
}

/**
 * One client permission element, e.g. `<map-permission name=".." principal="..">` or
 * `<all-permissions>`. element: the configuration element name (real schema spelling, e.g.
 * ring-buffer-permission); absent = map-permission (the credentials area's sets). name absent =
 * no name attribute; principal absent = any principal; endpoints absent = any endpoint; actions
 * absent = a type without actions.
 */
export interface ClientPermission {
  element?: string;
  name?: string;
  principal?: string;
  endpoints?: string[];
  actions?: string[];
}
/** Kept for the map-only sets: a map permission is a client permission without an element. */
export type MapPermission = ClientPermission;

export interface MemberSecurity {
  enabled: boolean;
  /** The realm named by client-authentication; absent = security's default behaviour. */
  clientRealm?: ClientRealm;
  clientPermissions: ClientPermission[];
}

export interface MemberSetup {
  clusterName: string;
  /** null = plain TCP. */
  ssl: MemberSsl | null;
  security: MemberSecurity;
  /** <user-code-deployment enabled="true">: clients may deploy classes (absent = the default, off). */
  userCodeDeployment?: true;
}

/** A cell of the Hazelcast family: its member side is a Hazelcast member setup. */
export type HazelcastCell = Cell<MemberSetup>;
