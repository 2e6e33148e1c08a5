// JVM-wide settings the ldap and kerberos login modules depend on but that are not in the member
// configuration file: the docs trust ldaps servers through javax.net.ssl.trustStore
// (+ trustStorePassword) and Java finds its krb5.conf through java.security.krb5.conf. A JVM has
// one set per process; so does the in-process reference member. The embedded target sets them
// from the cell's setup (a container target passes the same names as -D options in JAVA_OPTS).
const props = new Map<string, string>();

export const JVM = {
  trustStore: 'javax.net.ssl.trustStore',
  trustStorePassword: 'javax.net.ssl.trustStorePassword',
  krb5Conf: 'java.security.krb5.conf',
  /** Where the acceptor's replay cache lives (Java keeps it in memory; MIT krb5 in this directory). */
  krb5RcacheDir: 'secmatrix.krb5.rcachedir',
} as const;

export function setJvmSystemProperties(values: Record<string, string>): () => void {
  const before = new Map(props);
  for (const [k, v] of Object.entries(values)) props.set(k, v);
  return () => {
    props.clear();
    for (const [k, v] of before) props.set(k, v);
  };
}

export function jvmSystemProperty(name: string): string | undefined {
  return props.get(name);
}
