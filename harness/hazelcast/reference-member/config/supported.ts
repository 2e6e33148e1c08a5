// What the reference member accepts in a member configuration, and why. Everything else is a
// start-up ConfigError naming the file and the element path.
//
// Honoured:
//   cluster-name; network/port (+ auto-increment, port-count); network/ssl (enabled,
//   factory-class-name = BasicSSLContextFactory or absent, BasicSSLContextFactory properties);
//   security (enabled; realms with tls authentication and username-password / token identities;
//   member-authentication, client-authentication; client-permissions with every permission element
//   of the 5.5 schema, on-join-operation, priority-grant, deny); user-code-deployment/@enabled
//   (whether Client.DeployClasses is accepted; its children are not read).
// Accepted without effect (nothing they control exists in a single member serving clients):
//   @id of the root; instance-name; license-key (the container target needs it);
//   properties (member tuning properties); network/join whose multicast, tcp-ip and auto-detection
//   are all switched off (a one-member cluster does no discovery);
//   security/client-block-unmapped-actions (only executors consult it; kept in the model);
//   realm identity kerberos (only used when this member authenticates to other members);
//   ssl properties keyMaterialDuration and validateIdentity (member-to-member certificate caching and
//   host name checks), keyManagerAlgorithm / trustManagerAlgorithm with the JDK default values.
//   ldap authentication (every documented option but socket-factory-class-name, security-realm and
//   system-authentication GSSAPI: Java classes / JAAS); kerberos authentication in the simplified
//   form (principal + keytab-file) and the security-realm form naming a realm whose jaas holds a
//   single com.sun.security.auth.module.Krb5LoginModule (useKeyTab, storeKey, principal, keyTab),
//   with use-name-without-realm, relax-flags-check, skip-role / skip-identity / skip-endpoint and an
//   <ldap> role-mapping sub-configuration (skip-authentication with system-user-dn).
// Refused: jaas (other than that Krb5LoginModule acceptor realm), simple, credentials-factory, client-permission-policy, security-interceptors,
//   custom SSL factories, variables (${...}), import, config-replacers, any join method switched on,
//   and every other element (data structure configs, advanced-network, ...).

/** Hints for elements a reader meets where the member has nothing for them. */
export const MISPLACED_HINTS: Readonly<Record<string, string>> = {
  'advanced-network': 'advanced-network changes the client endpoint; use network',
  'public-address': 'the reference member binds to the local host only',
  interfaces: 'the reference member binds to the local host only',
  'symmetric-encryption': 'deprecated and not part of client TLS',
  'socket-interceptor': 'socket interceptors run custom Java code',
  'member-address-provider': 'custom Java class',
  'outbound-ports': 'a single member opens no outbound connections',
  'reuse-address': 'not needed by the reference member',
  'rest-api': 'REST is not part of client security',
  'memcache-protocol': 'not part of client security',
  'failure-detector': 'a single member has no peers to watch',
};

export function unsupportedTopLevelHint(name: string): string {
  if (name === 'import') return 'imports are not resolved; render one self-contained file';
  if (name === 'config-replacers') return 'variables are not resolved; render the final values';
  return 'the reference member only honours cluster-name, network, security and user-code-deployment/@enabled';
}
