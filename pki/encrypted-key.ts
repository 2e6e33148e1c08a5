// Password-encrypted PKCS#8 ("ENCRYPTED PRIVATE KEY"): PBES2 with PBKDF2-HMAC-SHA256 and
// AES-256-CBC, which is what OpenSSL 3 writes for this cipher and what Node, Python and Java read.
import { createPrivateKey } from 'node:crypto';

export function encryptPkcs8Pem(pkcs8Pem: string, password: string): string {
  return createPrivateKey({ key: pkcs8Pem, format: 'pem' }).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: password }) as string;
}
