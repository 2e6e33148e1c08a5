// TLS material for the member integration tests: the project's default PKI set (pki/), rendered into
// member configurations the way the seed documents write network/ssl.
import { readFile } from 'node:fs/promises';
import type { ClientConfig } from 'hazelcast-client';
import { buildPki, defaultPkiRequest, type PkiSet } from '../../../pki/index.ts';
import type { MemberConfig } from '../../../harness/hazelcast/reference-member/config/model.ts';
import { memberConfig } from './support.ts';

let pki: Promise<PkiSet> | undefined;
/** The default PKI set (cached on disk between runs by the PKI module). */
export const defaultPki = (): Promise<PkiSet> => (pki ??= buildPki(defaultPkiRequest(), {}));

export interface SslProps {
  keyStoreId?: string;
  trustStoreId?: string | null;
  protocol?: string;
  ciphersuites?: string;
  mutualAuthentication?: 'REQUIRED' | 'OPTIONAL';
  /** Use the javax.net.ssl.mutualAuthentication spelling of the property. */
  javaxPropertyName?: boolean;
}

/** `<ssl enabled="true">` with BasicSSLContextFactory properties. */
export async function sslXml(p: SslProps = {}): Promise<string> {
  const set = await defaultPki();
  const ks = set.artifacts[p.keyStoreId ?? 'member-rsa']!;
  const props: Array<[string, string]> = [
    ['keyStore', ks.files.keystore!],
    ['keyStorePassword', ks.passwords.keystore!],
    ['keyStoreType', 'PKCS12'],
  ];
  if (p.trustStoreId !== null) {
    const ts = set.artifacts[p.trustStoreId ?? 'ca-bundle']!;
    props.push(['trustStore', ts.files.truststore!], ['trustStorePassword', ts.passwords.truststore!], ['trustStoreType', 'PKCS12']);
  }
  props.push(['protocol', p.protocol ?? 'TLS']);
  if (p.ciphersuites) props.push(['ciphersuites', p.ciphersuites]);
  if (p.mutualAuthentication) props.push([p.javaxPropertyName ? 'javax.net.ssl.mutualAuthentication' : 'mutualAuthentication', p.mutualAuthentication]);
  return `<network>
    <port auto-increment="false">5701</port>
    <ssl enabled="true">
      <factory-class-name>com.hazelcast.nio.ssl.BasicSSLContextFactory</factory-class-name>
      <properties>
${props.map(([k, v]) => `        <property name="${k}">${v}</property>`).join('\n')}
      </properties>
    </ssl>
  </network>`;
}

export async function tlsMemberConfig(p: SslProps = {}, security = ''): Promise<MemberConfig> {
  return memberConfig(`${await sslXml(p)}\n${security}`);
}

/** Client network/ssl: trusts the root CA; optionally presents a client certificate (by PKI id). */
export async function clientTls(opts: { certId?: string; tls?: Record<string, unknown> } = {}): Promise<ClientConfig['network']> {
  const set = await defaultPki();
  const sslOptions: Record<string, unknown> = {
    ca: [await readFile(set.artifacts['root-ca']!.files.cert!, 'utf8')],
    ...opts.tls,
  };
  if (opts.certId) {
    const c = set.artifacts[opts.certId]!;
    sslOptions.cert = await readFile(c.files.chain ?? c.files.cert!, 'utf8');
    sslOptions.key = await readFile(c.files.key!, 'utf8');
  }
  return { ssl: { enabled: true, sslOptions } };
}
