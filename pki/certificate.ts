// Issues one X.509 certificate from a resolved request with @peculiar/x509.
import { toJsonName } from './distinguished-name.ts';
import { signatureAlgorithm, type KeyPair } from './keys.ts';
import type { ResolvedCert } from './request.ts';
import type { KeyType } from './types.ts';
import { x509 } from './x509.ts';

export interface Issuer {
  cert: x509.X509Certificate;
  key: KeyPair;
}

const EKU_OIDS = { serverAuth: x509.ExtendedKeyUsage.serverAuth, clientAuth: x509.ExtendedKeyUsage.clientAuth } as const;

function leafKeyUsage(keyType: KeyType): number {
  // RSA keys may do RSA key transport (TLS 1.2 RSA kx); EC keys sign and agree keys.
  return keyType === 'rsa2048'
    ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
    : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement;
}

/** `issuer` absent = self-signed with the certificate's own key. */
export async function issueCertificate(cert: ResolvedCert, key: KeyPair, serialHex: string, issuer?: Issuer): Promise<x509.X509Certificate> {
  const signer = issuer?.key ?? key;
  const subject = new x509.Name(toJsonName(cert.rdns));
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(cert.isCa, cert.pathLength, true),
    new x509.KeyUsagesExtension(cert.isCa ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : leafKeyUsage(cert.keyType), true),
    await x509.SubjectKeyIdentifierExtension.create(key.publicKey),
  ];
  if (issuer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.key.publicKey, false));
  if (cert.ekus.length > 0) extensions.push(new x509.ExtendedKeyUsageExtension(cert.ekus.map((e) => EKU_OIDS[e]), false));
  const names: x509.JsonGeneralName[] = [...cert.sans.dns.map((value) => ({ type: 'dns' as const, value })), ...cert.sans.ip.map((value) => ({ type: 'ip' as const, value })), ...(cert.sans.uri ?? []).map((value) => ({ type: 'url' as const, value }))];
  if (names.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(names, false));

  return x509.X509CertificateGenerator.create({
    serialNumber: serialHex,
    subject,
    issuer: issuer ? issuer.cert.subjectName : subject,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    signingAlgorithm: signatureAlgorithm(signer.keyType),
    publicKey: key.publicKey,
    signingKey: signer.privateKey,
    extensions,
  });
}

/** Positive 128-bit serial number taken from a hash, so a request always yields the same serial. */
export function serialFromHash(hashHex: string): string {
  const first = (parseInt(hashHex.slice(0, 2), 16) & 0x7f) | 0x40;
  return first.toString(16).padStart(2, '0') + hashHex.slice(2, 32);
}
