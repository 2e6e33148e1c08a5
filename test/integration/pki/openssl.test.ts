// Every artifact of the default set, read back by OpenSSL (which did not make it): subjects, SANs,
// EKUs, validity, chains (`openssl verify` with and without the intermediate), keys, encrypted keys,
// combined PEM files and PKCS#12 stores.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BAD_IDS, CA_IDS, EXPECTED, GOOD_IDS, LEAF_IDS } from './expectations.ts';
import { usePkiSet } from './fixture.ts';
import { runTool } from './run-tool.ts';

const pki = usePkiSet('pki-openssl');
const openssl = (...args: string[]) => runTool('openssl', args);

/** What `openssl verify -purpose <side's purpose>` prints for each bad certificate (OpenSSL 3). */
const VERIFY_ERROR: Record<string, string | null> = {
  'member-expired': 'error 10 at 0 depth lookup: certificate has expired',
  'member-not-yet-valid': 'error 9 at 0 depth lookup: certificate is not yet valid',
  'member-untrusted-ca': 'error 20 at 0 depth lookup: unable to get local issuer certificate',
  // Chain and purpose are fine: only a hostname/IP check rejects these two (below).
  'member-wrong-san': null,
  'member-cn-only': null,
  'member-no-serverauth': 'error 26 at 0 depth lookup: unsuitable certificate purpose',
  'member-self-signed': 'error 18 at 0 depth lookup: self-signed certificate',
  'member-ca-as-leaf': 'error 26 at 0 depth lookup: unsuitable certificate purpose',
  'client-expired': 'error 10 at 0 depth lookup: certificate has expired',
  'client-not-yet-valid': 'error 9 at 0 depth lookup: certificate is not yet valid',
  'client-untrusted-ca': 'error 20 at 0 depth lookup: unable to get local issuer certificate',
  'client-no-clientauth': 'error 26 at 0 depth lookup: unsuitable certificate purpose',
  'client-self-signed': 'error 18 at 0 depth lookup: self-signed certificate',
};

const purpose = (id: string) => (EXPECTED[id]!.side === 'member' ? 'sslserver' : 'sslclient');

function extensionBody(text: string, header: string): string | undefined {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(header));
  return i < 0 ? undefined : lines[i + 1]?.trim();
}

function pemBlocks(text: string, label: string): string[] {
  return text.match(new RegExp(`-----BEGIN ${label}-----[\\s\\S]*?-----END ${label}-----\\n?`, 'g')) ?? [];
}

async function publicKeyOfCert(path: string): Promise<string> {
  const r = await openssl('x509', '-in', path, '-noout', '-pubkey');
  expect(r.exitCode, r.output).toBe(0);
  return r.stdout;
}

describe.concurrent('certificates read back with openssl x509', () => {
  it.each(LEAF_IDS)('%s: subject, SANs, EKUs, CA flag and key type are what it is meant to be', async (id) => {
    const want = EXPECTED[id]!;
    const cert = pki.file(id, 'cert');
    const subject = await openssl('x509', '-in', cert, '-noout', '-subject', '-nameopt', 'RFC2253');
    expect(subject.stdout.trim()).toBe(`subject=${want.subject}`);
    const ext = (await openssl('x509', '-in', cert, '-noout', '-ext', 'subjectAltName,extendedKeyUsage,basicConstraints')).stdout;
    const sans = extensionBody(ext, 'X509v3 Subject Alternative Name');
    expect(sans === undefined ? [] : sans.split(', ').sort()).toEqual([...want.sans].sort());
    const ekus = extensionBody(ext, 'X509v3 Extended Key Usage');
    expect(ekus === undefined ? [] : ekus.split(', ').sort()).toEqual([...want.ekus].sort());
    expect(extensionBody(ext, 'X509v3 Basic Constraints')).toMatch(want.isCa ? /^CA:TRUE/ : /^CA:FALSE/);
    const text = (await openssl('x509', '-in', cert, '-noout', '-text')).stdout;
    expect(text).toContain(want.keyAlgorithm === 'rsa' ? 'Public Key Algorithm: rsaEncryption' : 'Public Key Algorithm: id-ecPublicKey');
    if (want.keyAlgorithm === 'rsa') expect(text).toContain('Public-Key: (2048 bit)');
    else expect(text).toContain('NIST CURVE: P-256');
  });

  it.each(LEAF_IDS)('%s: validity window is in the past, now or the future as meant', async (id) => {
    const r = await openssl('x509', '-in', pki.file(id, 'cert'), '-noout', '-dates');
    const notBefore = new Date(/notBefore=(.*)/.exec(r.stdout)![1]!);
    const notAfter = new Date(/notAfter=(.*)/.exec(r.stdout)![1]!);
    const now = Date.now();
    const state = notAfter.getTime() < now ? 'past' : notBefore.getTime() > now ? 'future' : 'now';
    expect(state).toBe(EXPECTED[id]!.validity);
    // The manifest states the same window the file holds.
    expect(notBefore.toISOString()).toBe(pki.artifact(id).notBefore);
    expect(notAfter.toISOString()).toBe(pki.artifact(id).notAfter);
  });

  it.each([...LEAF_IDS, ...CA_IDS])('%s: manifest fingerprint and serial match the file', async (id) => {
    const r = await openssl('x509', '-in', pki.file(id, 'cert'), '-noout', '-fingerprint', '-sha256', '-serial');
    expect(r.stdout).toContain(`sha256 Fingerprint=${pki.artifact(id).fingerprintSha256}`);
    expect(/serial=(\w+)/.exec(r.stdout)![1]!.toLowerCase().replace(/^0+/, '')).toBe(pki.artifact(id).serialNumber!.toLowerCase().replace(/^0+/, ''));
  });

  it('CAs: roots are self-signed CAs, the intermediate is a CA under root-ca with pathlen 0', async () => {
    for (const id of CA_IDS) {
      const ext = (await openssl('x509', '-in', pki.file(id, 'cert'), '-noout', '-ext', 'basicConstraints,keyUsage')).stdout;
      expect(extensionBody(ext, 'X509v3 Basic Constraints'), id).toBe(id === 'intermediate-ca' ? 'CA:TRUE, pathlen:0' : 'CA:TRUE');
      expect(extensionBody(ext, 'X509v3 Key Usage'), id).toBe('Certificate Sign, CRL Sign');
    }
    const root = pki.file('root-ca', 'cert');
    expect((await openssl('verify', '-CAfile', root, root)).exitCode).toBe(0);
    expect((await openssl('verify', '-CAfile', root, pki.file('intermediate-ca', 'cert'))).exitCode).toBe(0);
    const untrusted = await openssl('verify', '-CAfile', root, pki.file('untrusted-ca', 'cert'));
    expect(untrusted.output).toContain('error 18 at 0 depth lookup: self-signed certificate');
  });
});

describe.concurrent('chains checked with openssl verify', () => {
  const issuedByIntermediate = LEAF_IDS.filter((id) => EXPECTED[id]!.signedBy === 'intermediate-ca');

  it.each(GOOD_IDS)('%s: verifies against root-ca with the intermediate, and against the CA bundle', async (id) => {
    const cert = pki.file(id, 'cert');
    const withIntermediate = await openssl('verify', '-purpose', purpose(id), '-CAfile', pki.file('root-ca', 'cert'), '-untrusted', pki.file('intermediate-ca', 'cert'), cert);
    expect(withIntermediate.output).toContain(`${cert}: OK`);
    const withChainFile = await openssl('verify', '-purpose', purpose(id), '-CAfile', pki.file('root-ca', 'cert'), '-untrusted', pki.file(id, 'chain'), cert);
    expect(withChainFile.output).toContain(`${cert}: OK`);
    const withBundle = await openssl('verify', '-purpose', purpose(id), '-CAfile', pki.file('ca-bundle', 'bundle'), cert);
    expect(withBundle.output).toContain(`${cert}: OK`);
    if (EXPECTED[id]!.side === 'member') {
      for (const flag of [['-verify_ip', '127.0.0.1'], ['-verify_hostname', 'localhost'], ['-verify_hostname', 'hz-member-1.test']]) {
        const r = await openssl('verify', '-purpose', 'sslserver', ...flag, '-CAfile', pki.file('ca-bundle', 'bundle'), cert);
        expect(r.output, flag.join(' ')).toContain(`${cert}: OK`);
      }
    }
  });

  it.each(issuedByIntermediate)('%s: does not verify against root-ca alone (the intermediate is needed)', async (id) => {
    const r = await openssl('verify', '-CAfile', pki.file('root-ca', 'cert'), pki.file(id, 'cert'));
    expect(r.exitCode).not.toBe(0);
    expect(r.output).toContain('error 20 at 0 depth lookup: unable to get local issuer certificate');
  });

  it.each(BAD_IDS)('%s: openssl verify fails for its own reason', async (id) => {
    const cert = pki.file(id, 'cert');
    const r = await openssl('verify', '-purpose', purpose(id), '-CAfile', pki.file('root-ca', 'cert'), '-untrusted', pki.file('intermediate-ca', 'cert'), cert);
    const want = VERIFY_ERROR[id];
    if (want === null) {
      expect(r.output).toContain(`${cert}: OK`);
    } else {
      expect(r.exitCode).not.toBe(0);
      expect(r.output).toContain(want);
    }
  });

  it('member-wrong-san and member-cn-only fail the IP check for 127.0.0.1; wrong-san also fails for localhost', async () => {
    const args = (id: string, ...check: string[]) => ['verify', '-purpose', 'sslserver', ...check, '-CAfile', pki.file('ca-bundle', 'bundle'), pki.file(id, 'cert')];
    for (const id of ['member-wrong-san', 'member-cn-only']) {
      expect((await openssl(...args(id, '-verify_ip', '127.0.0.1'))).output, id).toContain('error 64 at 0 depth lookup: IP address mismatch');
    }
    expect((await openssl(...args('member-wrong-san', '-verify_hostname', 'localhost'))).output).toContain('error 62 at 0 depth lookup: hostname mismatch');
  });
});

describe.concurrent('file formats read back with openssl', () => {
  it.each(LEAF_IDS)('%s: chain file holds the leaf then the intermediate (leaf only when not under the intermediate)', async (id) => {
    const blocks = pemBlocks(await readFile(pki.file(id, 'chain'), 'utf8'), 'CERTIFICATE');
    const want = EXPECTED[id]!.signedBy === 'intermediate-ca' ? [EXPECTED[id]!.subject, 'CN=secmatrix Intermediate CA,O=Hazelcast'] : [EXPECTED[id]!.subject];
    const subjects: string[] = [];
    for (const block of blocks) {
      const r = await runTool('openssl', ['x509', '-noout', '-subject', '-nameopt', 'RFC2253'], { input: block });
      subjects.push(r.stdout.trim().replace(/^subject=/, ''));
    }
    expect(subjects).toEqual(want);
  });

  it.each(LEAF_IDS)('%s: key, encrypted key and combined PEM all hold the certificate\'s key', async (id) => {
    const a = pki.artifact(id);
    const certPub = await publicKeyOfCert(pki.file(id, 'cert'));
    const plain = await openssl('pkey', '-in', pki.file(id, 'key'), '-pubout');
    expect(plain.stdout).toBe(certPub);
    expect(await readFile(pki.file(id, 'key'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    const enc = pki.file(id, 'keyEncrypted');
    expect(await readFile(enc, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    const decrypted = await openssl('pkey', '-in', enc, '-passin', `pass:${a.passwords.key}`, '-pubout');
    expect(decrypted.stdout, decrypted.stderr).toBe(certPub);
    const wrong = await openssl('pkey', '-in', enc, '-passin', 'pass:wrong-password', '-pubout');
    expect(wrong.exitCode).not.toBe(0);
    const asn1 = (await openssl('asn1parse', '-in', enc)).stdout;
    for (const algorithm of [':PBES2', ':PBKDF2', ':hmacWithSHA256', ':aes-256-cbc']) expect(asn1).toContain(algorithm);

    const combined = pki.file(id, 'combined');
    expect((await openssl('pkey', '-in', combined, '-pubout')).stdout).toBe(certPub);
    expect((await openssl('x509', '-in', combined, '-noout', '-fingerprint', '-sha256')).stdout).toContain(a.fingerprintSha256!);
  });

  it.each(LEAF_IDS)('%s: PKCS#12 key store opens with its password and holds key and chain up to the root', async (id) => {
    const a = pki.artifact(id);
    const p12 = pki.file(id, 'keystore');
    const info = await openssl('pkcs12', '-info', '-nokeys', '-in', p12, '-passin', `pass:${a.passwords.keystore}`);
    expect(info.exitCode, info.output).toBe(0);
    expect(info.output).toContain('MAC: sha256');
    expect(info.output).toContain('PBES2, PBKDF2, AES-256-CBC');
    expect(info.output).toContain('Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC');
    expect(info.output).toContain(`friendlyName: ${id}`);
    const subjects = [...info.stdout.matchAll(/^subject=(.*)$/gm)].map((m) => m[1]);
    const chainLength = { 'intermediate-ca': 3, 'untrusted-ca': 2, self: 1 }[EXPECTED[id]!.signedBy];
    expect(subjects).toHaveLength(chainLength);
    const key = await openssl('pkcs12', '-in', p12, '-nocerts', '-nodes', '-passin', `pass:${a.passwords.keystore}`);
    const keyPub = await runTool('openssl', ['pkey', '-pubout'], { input: key.stdout });
    expect(keyPub.stdout).toBe(await publicKeyOfCert(pki.file(id, 'cert')));
    const wrong = await openssl('pkcs12', '-info', '-nokeys', '-in', p12, '-passin', 'pass:wrong-password');
    expect(wrong.exitCode).not.toBe(0);
    expect(wrong.output).toMatch(/mac verify (error|failure)/i);
  });

  it.each([...CA_IDS.map((id) => [id, [id]] as const), ['ca-bundle', ['root-ca', 'intermediate-ca']] as const])(
    '%s: PKCS#12 trust store holds only CA certificates, marked trusted',
    async (id, cas) => {
      const a = pki.artifact(id);
      const info = await openssl('pkcs12', '-info', '-nokeys', '-in', pki.file(id, 'truststore'), '-passin', `pass:${a.passwords.truststore}`);
      expect(info.exitCode, info.output).toBe(0);
      expect(info.output).not.toContain('Keybag');
      expect(info.output.match(/Certificate bag/g)).toHaveLength(cas.length);
      expect(info.output.match(/2\.16\.840\.1\.113894\.746875\.1\.1/g)).toHaveLength(cas.length);
      for (const ca of cas) expect(info.output).toContain(`friendlyName: ${ca}`);
    },
  );

  it('ca-bundle.pem holds root-ca and intermediate-ca', async () => {
    const blocks = pemBlocks(await readFile(pki.file('ca-bundle', 'bundle'), 'utf8'), 'CERTIFICATE');
    const fingerprints: string[] = [];
    for (const block of blocks) fingerprints.push((await runTool('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: block })).stdout.trim());
    expect(fingerprints).toEqual([`sha256 Fingerprint=${pki.artifact('root-ca').fingerprintSha256}`, `sha256 Fingerprint=${pki.artifact('intermediate-ca').fingerprintSha256}`]);
  });
});
