// Throw-away PKI for the TLS tests, made with the openssl CLI and keytool (the trust store must be
// one Java would trust: keytool -importcert marks its entries as trusted certificates).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Pki {
  dir: string;
  caPem: string;
  keyStore: string;
  trustStore: string;
  /** Certificates only, no Java trust attribute (plain openssl pkcs12 -export -nokeys). */
  opensslTrustStore: string;
  client: { cert: string; key: string };
  serverAuthOnlyClient: { cert: string; key: string };
  untrustedClient: { cert: string; key: string };
  remove(): void;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe' });

export function makePki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'secmatrix-member-tls-'));
  const f = (n: string) => join(dir, n);
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', '/O=Hazelcast/CN=test-ca', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const issue = (name: string, subj: string, key: string[], ext: string) => {
    run('openssl', ['req', '-new', '-newkey', ...key, '-nodes', '-keyout', f(`${name}.key`), '-out', f(`${name}.csr`), '-subj', subj]);
    writeFileSync(f(`${name}.ext`), ext);
    run('openssl', ['x509', '-req', '-in', f(`${name}.csr`), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f(`${name}.pem`), '-days', '2', '-extfile', f(`${name}.ext`)]);
  };
  issue('member', '/O=Hazelcast/CN=member', ['rsa:2048'], 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n');
  issue('client', '/O=Hazelcast/OU=Devs/CN=admin', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature\n');
  issue('srvonly', '/O=Hazelcast/CN=wrong-purpose', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'extendedKeyUsage=serverAuth\nkeyUsage=digitalSignature\n');
  run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f('stranger.key'), '-out', f('stranger.pem'), '-days', '2', '-subj', '/CN=stranger']);
  run('openssl', ['pkcs12', '-export', '-inkey', f('member.key'), '-in', f('member.pem'), '-certfile', f('ca.pem'), '-name', 'member', '-passout', 'pass:secret.123', '-out', f('member.p12')]);
  run('keytool', ['-importcert', '-noprompt', '-keystore', f('trust.p12'), '-storetype', 'PKCS12', '-storepass', 'changeit', '-alias', 'ca', '-file', f('ca.pem')]);
  run('openssl', ['pkcs12', '-export', '-nokeys', '-in', f('ca.pem'), '-passout', 'pass:changeit', '-out', f('openssl-trust.p12')]);
  const pair = (n: string) => ({ cert: readFileSync(f(`${n}.pem`), 'utf8'), key: readFileSync(f(`${n}.key`), 'utf8') });
  return {
    dir,
    caPem: readFileSync(f('ca.pem'), 'utf8'),
    keyStore: f('member.p12'),
    trustStore: f('trust.p12'),
    opensslTrustStore: f('openssl-trust.p12'),
    client: pair('client'),
    serverAuthOnlyClient: pair('srvonly'),
    untrustedClient: pair('stranger'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
