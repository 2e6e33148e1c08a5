// PKCS#12 key and trust stores as BasicSSLContextFactory loads them (KeyStore.getInstance(type) +
// load(file, password)). Node takes a key store directly (`pfx` + `passphrase`); the trust store's
// certificates are read here with pkijs and handed to Node as PEM (`ca`).
//
// Which certificates of a PKCS#12 file Java trusts (JDK PKCS12KeyStore + TrustStoreUtil, in our
// words): certificate bags carrying Oracle's "trusted key usage" attribute
// (2.16.840.1.113894.746875.1.1, written by `keytool -importcert` and by
// `openssl pkcs12 -export -jdktrust anyExtendedKeyUsage`) become trusted certificate entries; the
// first certificate of each key entry is trusted too. Other certificates (e.g. CA certificates put in
// with plain `openssl pkcs12 -export -nokeys`) are ignored, so such a trust store trusts nothing. We
// reproduce that and make an empty result a start-up error rather than a member that rejects every
// client certificate.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { readFile } from 'node:fs/promises';

const OID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const OID_KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const OID_SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const OID_ENCRYPTED_DATA = '1.2.840.113549.1.7.6';
const OID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
export const OID_JAVA_TRUSTED_KEY_USAGE = '2.16.840.1.113894.746875.1.1';

export class KeyStoreError extends Error {}

const JKS_MAGIC = 0xfeedfeed;
const JCEKS_MAGIC = 0xcececece;

export async function readStoreFile(path: string, what: string): Promise<Buffer> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (e) {
    throw new KeyStoreError(`cannot read the ${what} ${path}: ${(e as Error).message}`);
  }
  if (data.length >= 4 && (data.readUInt32BE(0) === JKS_MAGIC || data.readUInt32BE(0) === JCEKS_MAGIC)) {
    throw new KeyStoreError(`the ${what} ${path} is a Java JKS/JCEKS file; only PKCS#12 is supported (convert with keytool -importkeystore -deststoretype PKCS12)`);
  }
  return data;
}

function toPem(der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}

function attributeValues(bag: pkijs.SafeBag, oid: string): asn1js.AsnType[] | undefined {
  return bag.bagAttributes?.find((a) => a.type === oid)?.values;
}

export interface TrustStoreContents {
  /** PEM certificates Java would trust. */
  trusted: string[];
  /** Certificates present but not trusted by Java (no trusted-key-usage attribute, not a key entry). */
  ignored: number;
}

/** Reads the certificates a Java PKIX trust manager would use from a PKCS#12 file. */
export async function readPkcs12TrustStore(data: Buffer, password: string | undefined, path: string): Promise<TrustStoreContents> {
  // PKCS#12 passwords: pkijs converts the ArrayBuffer itself where the format needs BMPString.
  const pwd = new Uint8Array(Buffer.from(password ?? '', 'utf8')).buffer;
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(new Uint8Array(data));
    await pfx.parseInternalValues({ password: pwd, checkIntegrity: password !== undefined });
  } catch (e) {
    throw new KeyStoreError(`cannot open the trust store ${path} as PKCS#12 (wrong trustStorePassword?): ${(e as Error).message}`);
  }
  const authSafe = pfx.parsedValue?.authenticatedSafe;
  if (!authSafe) throw new KeyStoreError(`the trust store ${path} has no content`);
  try {
    await authSafe.parseInternalValues({
      safeContents: authSafe.safeContents.map((ci) => (ci.contentType === OID_ENCRYPTED_DATA ? { password: pwd } : {})),
    });
  } catch (e) {
    throw new KeyStoreError(`cannot decrypt the trust store ${path} (wrong trustStorePassword, or an algorithm WebCrypto lacks such as RC2): ${(e as Error).message}`);
  }
  const bags = (authSafe.parsedValue?.safeContents ?? []).flatMap((sc: { value: pkijs.SafeContents }) => sc.value.safeBags);
  const keyIds = new Set<string>();
  for (const bag of bags) {
    if (bag.bagId === OID_KEY_BAG || bag.bagId === OID_SHROUDED_KEY_BAG) {
      for (const v of attributeValues(bag, OID_LOCAL_KEY_ID) ?? []) keyIds.add(Buffer.from(v.toBER(false)).toString('hex'));
    }
  }
  const trusted: string[] = [];
  let ignored = 0;
  for (const bag of bags) {
    if (bag.bagId !== OID_CERT_BAG) continue;
    const certBag = bag.bagValue as pkijs.CertBag;
    const cert = certBag.parsedValue;
    if (!(cert instanceof pkijs.Certificate)) continue;
    const isTrustedEntry = attributeValues(bag, OID_JAVA_TRUSTED_KEY_USAGE) !== undefined;
    const keyIdsOfCert = (attributeValues(bag, OID_LOCAL_KEY_ID) ?? []).map((v) => Buffer.from(v.toBER(false)).toString('hex'));
    const isKeyEntryCert = keyIdsOfCert.some((id) => keyIds.has(id));
    if (isTrustedEntry || isKeyEntryCert) trusted.push(toPem(cert.toSchema().toBER(false)));
    else ignored++;
  }
  return { trusted, ignored };
}
