// Fault injection: a catalogue of named defects the reference member can be started with
// (`secmatrix member --fault NAME`, `secmatrix run --fault NAME`), each modelled on a real bug class
// of Hazelcast members or of TLS / JAAS code in general. `secmatrix selfcheck` starts the member
// with each fault in turn and checks that some cell of the suite notices it (mutation testing
// turned on the system under test). This file is part of the member's own room: it imports
// nothing from the suite, the oracle or the drivers.
//
// A fault is process-wide: one member process (or one suite worker) runs with at most one fault,
// so the hooks below read a module variable instead of threading the name through every call.

export interface FaultDefinition {
  name: string;
  /** What the faulty member does differently. */
  description: string;
  /** The real defect it is modelled on. */
  models: string;
}

const F = <N extends string>(name: N, description: string, models: string): FaultDefinition & { name: N } => ({ name, description, models });

export const FAULTS = [
  // ---- TLS ----
  F(
    'protocol-pin-ignored',
    'a pinned `protocol` (TLSv1.2 / TLSv1.3) is used only to pick the SSLContext; the member still enables TLSv1.2 and TLSv1.3',
    'SunJSSE server contexts enable every supported version whatever SSLContext.getInstance("TLSv1.2") names, ' +
      'unless setEnabledProtocols is called: a member configuration that pins a version and does not restrict the ' +
      'engine',
  ),
  F(
    'jdk-disabled-protocols-enabled',
    'TLSv1 / TLSv1.1 pinned in `protocol` are negotiated although JDK 17 disables them in jdk.tls.disabledAlgorithms',
    'a member that re-enables legacy versions by setting enabled protocols explicitly from the configuration ' +
      '(bypassing jdk.tls.disabledAlgorithms), as older Hazelcast SSL context factories could',
  ),
  F(
    'cipher-order-ignored',
    "the member follows the client's cipher order instead of its own `ciphersuites` order",
    'SSLParameters.setUseCipherSuitesOrder(true) not applied by a custom SSLContextFactory: the server picks the client’s first shared suite',
  ),
  F(
    'cipher-list-ignored',
    'the configured `ciphersuites` are ignored: every default suite stays enabled',
    'a `ciphersuites` property read under a misspelt key (the documented name is "ciphersuites"), so the engine keeps its defaults',
  ),
  F(
    'mutual-required-as-optional',
    'javax.net.ssl.mutualAuthentication REQUIRED is read as OPTIONAL: a client without a certificate gets in',
    'setWantClientAuth called where setNeedClientAuth was meant (the two JSSE flags of client authentication)',
  ),
  F(
    'optional-accepts-expired',
    'with mutual authentication OPTIONAL, an expired client certificate is accepted as if it were valid',
    'a trust manager that skips checkValidity for the optional mode (validity only checked when authentication is required)',
  ),
  F(
    'client-cert-trust-ignored',
    'a client certificate that does not chain to the trust store is accepted (both modes)',
    'an accept-all X509TrustManager left in place (the classic "trust all certificates" bug)',
  ),
  F(
    'client-cert-purpose-ignored',
    'a client certificate whose extended key usage does not allow clientAuth is accepted',
    'a PKIX check without the TLS client purpose (EKU not checked for client certificates)',
  ),
  // ---- authentication ----
  F(
    'cluster-name-ignored',
    "the client's cluster name is not compared with the member's",
    'authentication that checks credentials but forgets the cluster name comparison of AuthenticationBaseMessageTask',
  ),
  F('username-case-insensitive', 'the username of a password identity is compared ignoring case', 'String.equalsIgnoreCase used for principal names'),
  F(
    'password-prefix-accepted',
    'a password that is a prefix of the configured one is accepted',
    'a comparison over the length of the presented secret (e.g. regionMatches / a loop over the shorter array)',
  ),
  F('password-extension-accepted', 'a password that starts with the configured one (and has more after it) is accepted', 'startsWith used to compare secrets'),
  F(
    'token-prefix-accepted',
    'token bytes are compared only over the length of the token the client sent',
    'Arrays.equals on a range the client controls (a truncated token matches)',
  ),
  F(
    'tls-role-attribute-ignored',
    "the tls realm's roleAttribute is ignored: the role is always the CN",
    'X509 login modules that hard-code the CN as role whatever is configured',
  ),
  F(
    'tls-role-first-rdn',
    'the tls realm takes the role from the first RDN of the subject, whatever its attribute',
    'DN parsing that assumes the subject starts with the role attribute (split(",")[0])',
  ),
  // ---- permissions ----
  F(
    'pn-counter-no-permission',
    'PN counter operations check no permission at all',
    'hazelcast issue 13399: PN counter client message tasks without a required permission',
  ),
  F(
    'ring-buffer-null-permission',
    'ring buffer operations have a null required permission (nothing is checked)',
    'hazelcast issue 24271: executor message tasks returning a null permission (here on a type the Node client exercises)',
  ),
  F(
    'wrong-action-mapped',
    'map remove operations are checked against the read action instead of remove',
    'a message task whose getRequiredPermission names the wrong ActionConstants value',
  ),
  F(
    'permission-type-ignored',
    'a permission grants its actions on objects of every type with a matching name',
    'a permission collection that compares names and actions but not the permission class',
  ),
  F(
    'all-permissions-any-principal',
    'all-permissions applies to every principal, not only those of its principal list',
    'a policy that short-cuts all-permissions before the principal check',
  ),
  F(
    'wildcard-dot-any-char',
    "a name pattern is matched as a regular expression: its '.' matches any character",
    'a wildcard matcher built with Pattern.compile(pattern.replace("*", ".*")) without quoting',
  ),
  F(
    'name-matched-as-prefix',
    'a permission name without a wildcard also matches every name it is a prefix of',
    'startsWith used for configured names (the implicit trailing wildcard bug)',
  ),
  F('principal-case-insensitive', 'principal names in permissions are compared with the roles ignoring case', 'equalsIgnoreCase in the permission policy'),
  F(
    'principal-list-trimmed',
    'the principal list is trimmed around \',\' (" dev" matches dev), although the documents say it is not',
    'a policy that trims the parts of the principal list, against the documented behaviour',
  ),
  F('endpoint-range-off-by-one', 'an endpoint range a-b also matches a-1 and b+1', 'an off-by-one in the range comparison of AddressUtil-style matchers'),
  F(
    'endpoint-matched-as-prefix',
    'an endpoint pattern also matches any address it starts with (127.0.0.10 matches 127.0.0.1)',
    'textual prefix matching of addresses instead of part-by-part comparison',
  ),
  // ---- realms ----
  F(
    'ldap-recursion-one-too-deep',
    'LDAP role mapping recurses one level deeper than role-recursion-max-depth',
    'an off-by-one in the recursion depth check of the LDAP login module (depth <= max instead of depth < max)',
  ),
] as const satisfies readonly FaultDefinition[];

export type FaultName = (typeof FAULTS)[number]['name'];

export const FAULT_NAMES: readonly FaultName[] = FAULTS.map((f) => f.name);

export class UnknownFaultError extends Error {
  override name = 'UnknownFaultError';
  constructor(name: string) {
    super(`unknown fault "${name}" (known: ${FAULT_NAMES.join(', ')})`);
  }
}

let active: FaultName | undefined;

/** Switches one fault on for this process (undefined = none). Throws for an unknown name. */
export function setActiveFault(name: string | undefined): void {
  if (name === undefined || name === '') {
    active = undefined;
    return;
  }
  if (!(FAULT_NAMES as readonly string[]).includes(name)) throw new UnknownFaultError(name);
  active = name as FaultName;
}

export function activeFault(): FaultName | undefined {
  return active;
}

/** Whether this fault is on: the hooks in the member ask this. */
export function fault(name: FaultName): boolean {
  return active === name;
}

/** The environment variable a run passes the fault to its suite workers in. */
export const FAULT_ENV = 'SECMATRIX_FAULT';
