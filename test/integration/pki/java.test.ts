// Java 17 reads the PKCS#12 stores: keytool lists them, and a real Java trust manager built from the
// trust stores accepts the good chains and refuses the bad ones (so the stores are trusted, not just parsed).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CA_IDS, EXPECTED, GOOD_IDS, LEAF_IDS } from './expectations.ts';
import { usePkiSet } from './fixture.ts';
import { runTool } from './run-tool.ts';

const pki = usePkiSet('pki-java');
const TRUST_CHECK = fileURLToPath(new URL('./TrustCheck.java', import.meta.url));

/**
 * What Java's PKIX trust manager must say about each leaf's chain, trusting root-ca only. Hostnames
 * are not a trust-manager concern, so the two SAN cases are trusted here.
 */
const JAVA_TRUST: Record<string, 'TRUSTED' | RegExp> = {
  'member-rsa': 'TRUSTED',
  'member-ec': 'TRUSTED',
  'client-rsa': 'TRUSTED',
  'client-ec': 'TRUSTED',
  'client-admin': 'TRUSTED',
  'client-dev': 'TRUSTED',
  'member-expired': /CertificateExpiredException|validity check failed/,
  'member-not-yet-valid': /CertificateNotYetValidException|validity check failed/,
  'member-untrusted-ca': /unable to find valid certification path/,
  'member-wrong-san': 'TRUSTED',
  'member-cn-only': 'TRUSTED',
  'member-no-serverauth': /Extended key usage does not permit use for TLS server authentication/,
  'member-self-signed': /unable to find valid certification path/,
  'member-ca-as-leaf': /KeyUsage does not allow digital signatures|key usage/i,
  'client-expired': /CertificateExpiredException|validity check failed/,
  'client-not-yet-valid': /CertificateNotYetValidException|validity check failed/,
  'client-untrusted-ca': /unable to find valid certification path/,
  'client-no-clientauth': /Extended key usage does not permit use for TLS client authentication/,
  'client-self-signed': /unable to find valid certification path/,
};

async function java(checks: string[]): Promise<Map<string, string>> {
  const r = await runTool('java', [TRUST_CHECK, ...checks], { timeoutMs: 45_000 });
  expect(r.exitCode, r.output).toBe(0);
  const results = new Map<string, string>();
  for (const check of checks) {
    const line = r.stdout.split('\n').find((l) => l.startsWith(`${check} `));
    results.set(check, line ? line.slice(check.length + 1) : `NO OUTPUT (${r.output})`);
  }
  return results;
}

describe('keytool -list', () => {
  it.each([...CA_IDS.map((id) => [id, [id]] as const), ['ca-bundle', ['root-ca', 'intermediate-ca']] as const])('%s trust store: every CA is a trustedCertEntry', async (id, cas) => {
    const r = await runTool('keytool', ['-list', '-keystore', pki.file(id, 'truststore'), '-storetype', 'PKCS12', '-storepass', pki.artifact(id).passwords.truststore!]);
    expect(r.exitCode, r.output).toBe(0);
    expect(r.stdout).toContain(`Your keystore contains ${cas.length} ${cas.length === 1 ? 'entry' : 'entries'}`);
    for (const ca of cas) {
      expect(r.stdout).toMatch(new RegExp(`^${ca}, .*, trustedCertEntry,`, 'm'));
      expect(r.stdout).toContain(`Certificate fingerprint (SHA-256): ${pki.artifact(ca).fingerprintSha256}`);
    }
  });

  it.each(LEAF_IDS)('%s key store: one PrivateKeyEntry with the chain up to the root', async (id) => {
    const r = await runTool('keytool', ['-list', '-v', '-keystore', pki.file(id, 'keystore'), '-storetype', 'PKCS12', '-storepass', pki.artifact(id).passwords.keystore!]);
    expect(r.exitCode, r.output).toBe(0);
    expect(r.stdout).toContain('Your keystore contains 1 entry');
    expect(r.stdout).toContain(`Alias name: ${id}`);
    expect(r.stdout).toContain('Entry type: PrivateKeyEntry');
    const chainLength = { 'intermediate-ca': 3, 'untrusted-ca': 2, self: 1 }[EXPECTED[id]!.signedBy];
    expect(r.stdout).toContain(`Certificate chain length: ${chainLength}`);
    // keytool prints the owner most specific first, comma and space separated.
    expect(r.stdout).toContain(`Owner: ${EXPECTED[id]!.subject.replace(/,/g, ', ')}`);
  });

  it('a wrong store password is refused', async () => {
    const r = await runTool('keytool', ['-list', '-keystore', pki.file('member-rsa', 'keystore'), '-storetype', 'PKCS12', '-storepass', 'wrong-password']);
    expect(r.exitCode).not.toBe(0);
    expect(r.output).toMatch(/password was incorrect|keystore password was incorrect/i);
  });
});

describe('Java trust manager and key manager', () => {
  let results: Map<string, string>;
  const checksFor = (id: string) => {
    const side = EXPECTED[id]!.side === 'member' ? 'server' : 'client';
    const root = pki.artifact('root-ca');
    return `${side}:${root.files.truststore}:${root.passwords.truststore}:${pki.file(id, 'chain')}`;
  };
  const keystoreCheck = (id: string) => `keystore:${pki.file(id, 'keystore')}:${pki.artifact(id).passwords.keystore}:${id}`;
  const bundleCheck = (id: string) => `server:${pki.file('ca-bundle', 'truststore')}:${pki.artifact('ca-bundle').passwords.truststore}:${pki.file(id, 'cert')}`;

  // One JVM for all checks: starting Java is the slow part.
  beforeAll(async () => {
    results = await java([...LEAF_IDS.map(checksFor), ...LEAF_IDS.map(keystoreCheck), bundleCheck('member-rsa'), bundleCheck('member-ec')]);
  }, 60_000);

  it.each(LEAF_IDS)('%s: trusted or refused by a PKIX trust manager over root-ca.truststore.p12, as meant', (id) => {
    const want = JAVA_TRUST[id]!;
    const got = results.get(checksFor(id))!;
    if (want === 'TRUSTED') expect(got).toBe('TRUSTED');
    else expect(got).toMatch(new RegExp(`^REJECTED .*(${want.source})`, want.flags));
  });

  it.each(GOOD_IDS.filter((id) => EXPECTED[id]!.side === 'member'))('%s: the leaf alone is trusted with the ca-bundle trust store (root + intermediate)', (id) => {
    expect(results.get(bundleCheck(id))).toBe('TRUSTED');
  });

  it.each(LEAF_IDS)('%s: key store loads through a KeyManagerFactory with its password', (id) => {
    const chainLength = { 'intermediate-ca': 3, 'untrusted-ca': 2, self: 1 }[EXPECTED[id]!.signedBy];
    const keyAlgorithm = EXPECTED[id]!.keyAlgorithm === 'rsa' ? 'RSA' : 'EC';
    expect(results.get(keystoreCheck(id))).toBe(`KEY ${keyAlgorithm} CHAIN ${chainLength} SUBJECT ${EXPECTED[id]!.subject}`);
  });
});
