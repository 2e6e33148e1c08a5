// TLS for the reference member: server options from network/ssl and the client-certificate decision.
export { buildTlsServerOptions, checkClientCertificate, cipherOptions, type ClientCertificateVerdict, type TlsServerOptions } from './options.ts';
export { mapCipherSuite, splitCipherSuites, KNOWN_CIPHER_SUITES } from './cipher-suites.ts';
export { protocolRange, SUPPORTED_PROTOCOLS, type ProtocolRange } from './protocols.ts';
