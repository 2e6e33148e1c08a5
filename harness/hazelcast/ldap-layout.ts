// The realms area's LDAP layout, stated once: the directory servers the run starts (with the
// certificate each presents on ldaps) and the server references the matrices name. The services
// start exactly this (services/realm-services.ts); the oracle reasons over it (oracle/realms.ts).

/** primary: under the trusted root; secondary: under the untrusted CA; tertiary: trusted, but not naming 127.0.0.1. */
export const LDAP_SERVERS = {
  primary: { certificate: 'member-rsa' },
  secondary: { certificate: 'member-untrusted-ca' },
  tertiary: { certificate: 'member-wrong-san' },
} as const;
export type LdapServerName = keyof typeof LDAP_SERVERS;

/** What a reference in a matrix names: a server's ldap:// or ldaps:// URL, or a port nobody listens on (down). */
export const LDAP_SERVER_REFS = {
  primary: { server: 'primary', scheme: 'ldap' },
  'primary-ldaps': { server: 'primary', scheme: 'ldaps' },
  secondary: { server: 'secondary', scheme: 'ldap' },
  'secondary-ldaps-untrusted': { server: 'secondary', scheme: 'ldaps' },
  'tertiary-ldaps-wrong-host': { server: 'tertiary', scheme: 'ldaps' },
  down: { server: undefined, scheme: 'ldap' },
  'down-2': { server: undefined, scheme: 'ldap' },
} as const satisfies Record<string, { server: LdapServerName | undefined; scheme: 'ldap' | 'ldaps' }>;
export type LdapServerRef = keyof typeof LDAP_SERVER_REFS;

/** The certificate a reference's server presents (ldaps only), or undefined. */
export function certificateOf(ref: LdapServerRef): string | undefined {
  const r = LDAP_SERVER_REFS[ref];
  return r.server && r.scheme === 'ldaps' ? LDAP_SERVERS[r.server].certificate : undefined;
}
