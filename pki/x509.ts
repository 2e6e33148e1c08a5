// The one place @peculiar/x509 and pkijs are loaded and bound to Node's WebCrypto.
// @peculiar/x509 2.x needs the Reflect metadata API (its ASN.1 schemas use decorators).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';

const webcrypto = globalThis.crypto;
x509.cryptoProvider.set(webcrypto);
pkijs.setEngine('node-webcrypto', new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto: webcrypto }));

export { x509, pkijs, webcrypto };
