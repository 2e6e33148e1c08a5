// A cell's ClientSetup in the adapter protocol's neutral form (the `connect` message): file paths of
// the PKI, protocol limits, suites by IANA and OpenSSL name, credentials. Pure.
import type { PkiArtifact, PkiManifest } from '../../../pki/types.ts';
import type { ClientSetup, ClientTls } from '../../core/plan/cell.ts';
import type { TlsCatalogue as Catalogue } from '../../core/plan/tls-facts.ts';
import { suiteByOpenssl } from '../../core/plan/tls-facts.ts';
import type { MemberEndpoint } from '../driver.ts';
import type { KerberosClientEnv } from '../../core/services/kerberos-token.ts';

export class ConnectMessageError extends Error {
  override name = 'ConnectMessageError';
}

/** The wrong key password of the key-password cells (as the in-process driver uses). */
const WRONG_KEY_PASSWORD = 'not-the-key-password';

function artifact(pki: PkiManifest, id: string): PkiArtifact {
  const a = pki.artifacts[id];
  if (!a) throw new ConnectMessageError(`the cell names PKI artifact '${id}', which the PKI set does not have`);
  return a;
}

function file(a: PkiArtifact, format: keyof PkiArtifact['files']): string {
  const p = a.files[format];
  if (!p) throw new ConnectMessageError(`PKI artifact '${a.id}' has no ${format} file`);
  return p;
}

export function tlsMessage(tls: ClientTls, pki: PkiManifest, catalogue: Catalogue): { tls: Record<string, unknown>; secrets: string[] } {
  const secrets: string[] = [];
  const out: Record<string, unknown> = {
    verifyPeer: tls.verifyMember,
    verifyHostname: tls.hostnameVerification,
    minVersion: tls.minVersion ?? null,
    maxVersion: tls.maxVersion ?? null,
    // An exact single-version setting where min = max (the Python client's ssl_protocol).
    protocol: tls.minVersion && tls.minVersion === tls.maxVersion ? tls.minVersion : null,
  };
  if (tls.ca === 'system') {
    out['caFile'] = null;
    out['useDefaultCas'] = true;
  } else {
    const a = artifact(pki, tls.ca);
    out['caFile'] = file(a, a.files.bundle ? 'bundle' : 'cert');
    out['useDefaultCas'] = false;
  }
  if (tls.ciphers) {
    out['opensslCipherSuites'] = tls.ciphers;
    out['cipherSuites'] = tls.ciphers.map((n) => suiteByOpenssl(catalogue, n)?.iana ?? n);
  } else {
    out['cipherSuites'] = null;
  }
  if (tls.cert) {
    const a = artifact(pki, tls.cert.artifact);
    switch (tls.cert.format) {
      case 'separate':
        out['certFile'] = file(a, 'chain');
        out['keyFile'] = file(a, 'key');
        break;
      case 'combined':
        out['certAndKeyFile'] = file(a, 'combined');
        out['certFile'] = file(a, 'combined');
        break;
      case 'encrypted': {
        out['certFile'] = file(a, 'chain');
        out['keyFile'] = file(a, 'keyEncrypted');
        const real = a.passwords.key;
        if (!real) throw new ConnectMessageError(`PKI artifact '${a.id}' has no key password`);
        secrets.push(real);
        const value = tls.cert.keyPassword === 'wrong' ? WRONG_KEY_PASSWORD : real;
        out['keyPassword'] = { value, form: keyPasswordForm(tls.cert.keyPasswordForm) };
        break;
      }
    }
  }
  return { tls: out, secrets };
}

/** The cell's form of the key password in the protocol's words (string | bytes | callable-string | callable-bytes). */
function keyPasswordForm(form: string | undefined): string {
  switch (form ?? 'string') {
    case 'string':
      return 'string';
    case 'bytes':
      return 'bytes';
    case 'callable':
    case 'callable-string':
      return 'callable-string';
    case 'callable-bytes':
      return 'callable-bytes';
    default:
      throw new ConnectMessageError(`unknown key password form '${form}'`);
  }
}

/** GSS host-based service name (hz@127.0.0.1) as a Kerberos principal (hz/127.0.0.1@REALM). */
export function servicePrincipal(hostBased: string, realm: string): string {
  const [service, host] = hostBased.split('@');
  return host ? `${service}/${host}@${realm}` : `${hostBased}@${realm}`;
}

export interface ConnectMessageInput {
  session: string;
  endpoint: MemberEndpoint;
  client: ClientSetup;
  pki: PkiManifest;
  catalogue: Catalogue;
  kerberos?: { env: KerberosClientEnv; keytab?: string };
  timeouts: { connectMs: number; operationMs: number };
}

export function connectMessage(i: ConnectMessageInput): { message: Record<string, unknown>; secrets: string[] } {
  const secrets: string[] = [];
  const host = i.client.tls?.connectHost ?? i.endpoint.host;
  const message: Record<string, unknown> = {
    session: i.session,
    system: 'hazelcast',
    addresses: [`${host}:${i.endpoint.port}`],
    clusterName: i.client.clusterName,
    tls: null,
    credentials: null,
    timeouts: i.timeouts,
    options: {},
  };
  if (i.client.tls) {
    const t = tlsMessage(i.client.tls, i.pki, i.catalogue);
    message['tls'] = t.tls;
    secrets.push(...t.secrets);
  }
  const c = i.client.credentials;
  switch (c.kind) {
    case 'none':
      break;
    case 'password':
      message['credentials'] = { kind: 'username-password', username: c.username, password: c.password };
      secrets.push(c.password);
      break;
    case 'token':
      message['credentials'] = { kind: 'token', token: c.token, encoding: c.encoding };
      secrets.push(c.token);
      break;
    case 'kerberos': {
      if (!i.kerberos) throw new ConnectMessageError('Kerberos credentials but the run has no KDC');
      const env = i.kerberos.env;
      message['credentials'] = {
        kind: 'kerberos',
        principal: `${c.principal}@${env.realm}`,
        keytab: c.login === 'keytab' ? (i.kerberos.keytab ?? null) : null,
        password: c.login === 'password' ? (c.password ?? '') : null,
        ccache: null,
        servicePrincipal: servicePrincipal(c.service === 'other' ? env.otherService : env.memberService, env.realm),
        krb5Config: c.kdc === 'down' ? env.krb5ConfDownPath : env.krb5ConfPath,
      };
      if (c.password) secrets.push(c.password);
      break;
    }
  }
  return { message, secrets };
}
