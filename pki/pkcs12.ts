// PKCS#12 key stores and trust stores built with pkijs. Encryption is PBES2 (PBKDF2-HMAC-SHA256,
// AES-256-CBC) and the MAC HMAC-SHA256: what OpenSSL 3 writes by default, and what Java 17 reads.
import * as asn1js from 'asn1js';
import { createHash } from 'node:crypto';
import { toArrayBuffer } from './pem.ts';
import { pkijs } from './x509.ts';

const OID = {
  keyBag: '1.2.840.113549.1.12.10.1.2', // pkcs8ShroudedKeyBag
  certBag: '1.2.840.113549.1.12.10.1.3',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  // Oracle's "trusted key usage" bag attribute. Java's PKCS12 KeyStore only makes a certificate without
  // a key into a trustedCertEntry when its bag carries this attribute; without it, nothing is trusted.
  oracleTrustedKeyUsage: '2.16.840.1.113894.746875.1.1',
  anyExtendedKeyUsage: '2.5.29.37.0',
} as const;

const ITERATIONS = 2048;

function encryptionParams(password: ArrayBuffer) {
  return { password, contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 }, hmacHashAlgorithm: 'SHA-256', iterationCount: ITERATIONS };
}

function passwordBytes(password: string): ArrayBuffer {
  return toArrayBuffer(new TextEncoder().encode(password));
}

function friendlyName(alias: string): pkijs.Attribute {
  return new pkijs.Attribute({ type: OID.friendlyName, values: [new asn1js.BmpString({ value: alias })] });
}

function certBag(der: Uint8Array, attributes: pkijs.Attribute[]): pkijs.SafeBag {
  const parsedValue = pkijs.Certificate.fromBER(toArrayBuffer(der));
  return new pkijs.SafeBag({ bagId: OID.certBag, bagValue: new pkijs.CertBag({ parsedValue }), bagAttributes: attributes });
}

async function seal(safeContents: { privacyMode: number; value: pkijs.SafeContents }[], password: string): Promise<Uint8Array> {
  const pw = passwordBytes(password);
  const authenticatedSafe = new pkijs.AuthenticatedSafe({ parsedValue: { safeContents } });
  await authenticatedSafe.makeInternalValues({ safeContents: safeContents.map((s) => (s.privacyMode === 1 ? encryptionParams(pw) : {})) });
  const pfx = new pkijs.PFX({ parsedValue: { integrityMode: 0, authenticatedSafe } });
  await pfx.makeInternalValues({ password: pw, iterations: ITERATIONS, pbkdf2HashAlgorithm: 'SHA-256', hmacHashAlgorithm: 'SHA-256' });
  return new Uint8Array(pfx.toSchema().toBER(false));
}

/** A key store: the private key and its certificate chain (leaf first), under one alias. */
export async function makeKeyStore(opts: { alias: string; pkcs8Der: Uint8Array; chainDer: Uint8Array[]; password: string }): Promise<Uint8Array> {
  const [leaf, ...rest] = opts.chainDer;
  if (!leaf) throw new Error('a key store needs at least the leaf certificate');
  // localKeyId pairs the key with its certificate (OpenSSL uses the SHA-1 of the certificate too).
  const keyId = new pkijs.Attribute({ type: OID.localKeyId, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(createHash('sha1').update(leaf).digest()) })] });
  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(opts.pkcs8Der)) });
  await keyBag.makeInternalValues(encryptionParams(passwordBytes(opts.password)));
  const certs = [certBag(leaf, [friendlyName(opts.alias), keyId]), ...rest.map((der) => certBag(der, []))];
  return seal(
    [
      { privacyMode: 1, value: new pkijs.SafeContents({ safeBags: certs }) },
      { privacyMode: 0, value: new pkijs.SafeContents({ safeBags: [new pkijs.SafeBag({ bagId: OID.keyBag, bagValue: keyBag, bagAttributes: [friendlyName(opts.alias), keyId] })] }) },
    ],
    opts.password,
  );
}

/** A trust store: CA certificates only, each marked trusted for Java. */
export async function makeTrustStore(opts: { entries: { alias: string; der: Uint8Array }[]; password: string }): Promise<Uint8Array> {
  const trusted = () => new pkijs.Attribute({ type: OID.oracleTrustedKeyUsage, values: [new asn1js.ObjectIdentifier({ value: OID.anyExtendedKeyUsage })] });
  const bags = opts.entries.map((e) => certBag(e.der, [friendlyName(e.alias), trusted()]));
  return seal([{ privacyMode: 1, value: new pkijs.SafeContents({ safeBags: bags }) }], opts.password);
}
