// Private keys: generated with WebCrypto (the slow part of a cold build, hence cached as PKCS#8 PEM)
// and imported back for signing.
import { createPrivateKey, createPublicKey, type webcrypto as wc } from 'node:crypto';
import { fromPem, toArrayBuffer, toPem } from './pem.ts';
import type { KeyType } from './types.ts';
import { webcrypto } from './x509.ts';

export interface KeyPair {
  keyType: KeyType;
  pkcs8Pem: string;
  privateKey: wc.CryptoKey;
  publicKey: wc.CryptoKey;
}

/** The WebCrypto algorithm a key of this type signs with (SHA-256 either way). */
export function signingAlgorithm(keyType: KeyType): wc.RsaHashedImportParams | wc.EcKeyImportParams {
  return keyType === 'rsa2048' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: 'P-256' };
}

/** The algorithm X.509 signatures made with this key use. */
export function signatureAlgorithm(keyType: KeyType): wc.Algorithm & { hash?: string } {
  return keyType === 'rsa2048' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', hash: 'SHA-256' };
}

export async function generateKeyPem(keyType: KeyType): Promise<string> {
  const params: wc.RsaHashedKeyGenParams | wc.EcKeyGenParams =
    keyType === 'rsa2048'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }
      : { name: 'ECDSA', namedCurve: 'P-256' };
  const pair = (await webcrypto.subtle.generateKey(params, true, ['sign', 'verify'])) as wc.CryptoKeyPair;
  const der = await webcrypto.subtle.exportKey('pkcs8', pair.privateKey);
  return toPem('PRIVATE KEY', der);
}

/** Imports a PKCS#8 PEM key; throws if it is unreadable or not of the expected type. */
export async function importKeyPem(pkcs8Pem: string, keyType: KeyType): Promise<KeyPair> {
  const keyObject = createPrivateKey({ key: pkcs8Pem, format: 'pem' });
  const details = keyObject.asymmetricKeyDetails ?? {};
  const matches =
    keyType === 'rsa2048'
      ? keyObject.asymmetricKeyType === 'rsa' && details.modulusLength === 2048
      : keyObject.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1';
  if (!matches) throw new Error(`key is ${keyObject.asymmetricKeyType} ${JSON.stringify(details)}, expected ${keyType}`);
  const algorithm = signingAlgorithm(keyType);
  const privateKey = await webcrypto.subtle.importKey('pkcs8', toArrayBuffer(fromPem('PRIVATE KEY', pkcs8Pem)), algorithm, true, ['sign']);
  const spki = createPublicKey(keyObject).export({ type: 'spki', format: 'der' });
  const publicKey = await webcrypto.subtle.importKey('spki', toArrayBuffer(spki), algorithm, true, ['verify']);
  return { keyType, pkcs8Pem, privateKey, publicKey };
}
