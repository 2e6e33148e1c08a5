// One real TLS handshake over loopback between a Node server and a Node client, in bounded time.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { withTimeout } from '../../../harness/core/util/deadline.ts';

export interface HandshakeResult {
  /** The client's error code (e.g. CERT_HAS_EXPIRED), or undefined if its handshake succeeded. */
  clientError: string | undefined;
  /** The server's verdict on the client certificate: `authorized`, its authorizationError code, or `none` if no connection was accepted. */
  serverVerdict: string;
  /** Error the server reported for a failed handshake, if any. */
  serverError: string | undefined;
  /** Subject CN of the certificate the client saw. */
  peerCn: string | undefined;
}

function codeOf(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ?? e.message;
}

export async function handshake(server: tls.TlsOptions, client: tls.ConnectionOptions, timeoutMs = 10_000): Promise<HandshakeResult> {
  const srv = tls.createServer(server);
  let serverVerdict = 'none';
  let serverError: string | undefined;
  const serverDone = new Promise<void>((resolve) => {
    srv.on('secureConnection', (socket) => {
      serverVerdict = socket.authorized ? 'authorized' : String(socket.authorizationError);
      socket.end();
      resolve();
    });
    srv.on('tlsClientError', (err) => {
      serverError = codeOf(err);
      resolve();
    });
  });
  srv.listen(0, '127.0.0.1');
  await withTimeout('TLS server listen', timeoutMs, once(srv, 'listening'));
  const { port } = srv.address() as AddressInfo;
  try {
    const clientDone = new Promise<{ error?: string; cn?: string }>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port, ...client });
      socket.on('secureConnect', () => {
        const cn = socket.getPeerCertificate().subject?.CN;
        // Wait for the server's answer: with TLS 1.3 a refused client certificate arrives as an alert
        // after the client's own handshake has finished.
        socket.on('close', () => resolve({ cn: Array.isArray(cn) ? cn[0] : cn }));
        socket.on('error', (err) => resolve({ error: codeOf(err) }));
        socket.resume();
      });
      socket.on('error', (err) => resolve({ error: codeOf(err) }));
    });
    const c = await withTimeout('TLS client', timeoutMs, clientDone);
    // The server saw either a connection or a handshake error, unless the client gave up first.
    await withTimeout('TLS server verdict', timeoutMs, Promise.race([serverDone, new Promise((r) => setTimeout(r, 200))]));
    return { clientError: c.error, serverVerdict, serverError, peerCn: c.cn };
  } finally {
    srv.close();
  }
}
