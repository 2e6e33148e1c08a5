// The gocql adapter (cassandra-go) as the registry builds it: it says hello with the gocql version
// it was built with, answers what gocql cannot express with `unsupported` and the reason, bounds a
// connection attempt by the request's connectMs (a member that accepts TCP and never answers), and
// reports a refused connection as a `failed` fact. No Cassandra here: the CQL run covers the rest.
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdapter } from '../../../harness/clients/adapter/hello.ts';
import type { AdapterProcess } from '../../../harness/clients/adapter/process.ts';
import { resolveClientSpec } from '../../../harness/clients/adapter/registry.ts';
import { buildPki } from '../../../pki/build.ts';
import { defaultPkiRequest } from '../../../pki/default-request.ts';
import type { PkiSet } from '../../../pki/types.ts';

let proc: AdapterProcess;
let silent: Server;
const sockets: Socket[] = [];
let silentPort = 0;
let closedPort = 0;
let pki: PkiSet;
/** TLS servers presenting a member certificate, then closing the connection (no CQL behind them). */
const tlsServers: TlsServer[] = [];
const tlsPort = async (cert: string): Promise<number> => {
  const files = pki.artifacts[cert]!.files;
  const s = createTlsServer({ cert: readFileSync(files.chain!), key: readFileSync(files.key!) }, (c) => c.end());
  s.on('tlsClientError', () => undefined);
  // Every connection is tracked: close() waits for open ones, so afterAll ends them first.
  s.on('connection', (c: Socket) => sockets.push(c));
  tlsServers.push(s);
  return listen(s as unknown as Server);
};

const listen = (s: Server) => new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as { port: number }).port)));

beforeAll(async () => {
  const spec = await resolveClientSpec('cassandra-go');
  proc = (await startAdapter(spec, 30_000)).proc;
  silent = createServer((s) => sockets.push(s));
  silentPort = await listen(silent);
  const probe = createServer();
  closedPort = await listen(probe);
  await new Promise((r) => probe.close(r));
  pki = await buildPki(defaultPkiRequest(), {});
}, 660_000);

/** A server's close, bounded: its connections were destroyed, so it ends at once. */
const closed = (s: Server | TlsServer) => Promise.race([new Promise((r) => s.close(r)), new Promise((r) => setTimeout(r, 5_000))]);

afterAll(async () => {
  await proc?.stop(3000);
  for (const s of sockets) s.destroy();
  if (silent) await closed(silent);
  for (const s of tlsServers) await closed(s);
}, 30_000);

const connect = (session: string, port: number, extra: Record<string, unknown> = {}) =>
  proc.request(
    'connect',
    {
      session,
      system: 'cql',
      addresses: [`127.0.0.1:${port}`],
      tls: null,
      credentials: null,
      timeouts: { connectMs: 1500, operationMs: 1500 },
      options: {},
      ...extra,
    },
    15_000,
  );

describe('cassandra-go adapter', () => {
  it('hello: the client, its gocql version and language', async () => {
    const r = await proc.request('hello', { protocol: 1 }, 10_000);
    expect(r['client']).toEqual({ name: 'cassandra-go', version: '1.7.0', language: 'go' });
    expect(r['capabilities']).toContain('cql.execute');
  });

  it('unsupported, with the reason: an encrypted key, TLS 1.3 suites, SSLv3, the Python-only forms', async () => {
    const tls = { caFile: null, verifyPeer: true, certFile: '/nonexistent.pem', keyFile: '/nonexistent.key' };
    const key = await connect('k', closedPort, { tls: { ...tls, keyPassword: { value: 'x', form: 'string' } } });
    expect(key).toMatchObject({ type: 'unsupported' });
    expect(String(key['reason'])).toMatch(/PKCS#8 \(PBES2\)/);
    const suite = await connect('c', closedPort, { tls: { verifyPeer: true, cipherSuites: ['TLS_AES_128_GCM_SHA256'] } });
    expect(String(suite['reason'])).toMatch(/TLS 1\.3 suites/);
    expect(await connect('v', closedPort, { tls: { minVersion: 'SSLv3' } })).toMatchObject({ type: 'unsupported' });
    expect(
      await connect('s', closedPort, { credentials: { kind: 'username-password', username: 'u', password: 'p' }, options: { saslAuthProvider: true } }),
    ).toMatchObject({
      type: 'unsupported',
    });
    expect(await connect('l', closedPort, { tls: {}, options: { legacySslOptions: true } })).toMatchObject({ type: 'unsupported' });
  });

  it('a refused connection is a failed fact; a server that never answers fails by connectMs', async () => {
    const refused = await connect('r', closedPort);
    expect(refused).toMatchObject({ type: 'failed', stage: 'unknown' });
    expect((refused['error'] as { message: string }).message).toMatch(/connection refused/);
    const t0 = performance.now();
    const hung = await connect('h', silentPort, { tls: {} });
    // gocql 1.7.0's ConnectTimeout does not bound the TLS handshake: the adapter gives up itself.
    expect(hung).toMatchObject({ type: 'failed', stage: 'connect', error: { class: 'main.connectTimeout' } });
    // Bounded by the adapter itself (the request's wait above is 15 s; connectMs is 1.5 s).
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(await proc.request('run', { session: 'h', op: 'cql.execute', args: { statement: 'SELECT 1', keyspace: null } }, 5000)).toMatchObject({
      type: 'protocol-error',
    });
  }, 30_000);

  it('verifyHostname false: the chain is still verified, the name is not (InsecureSkipVerify + VerifyConnection)', async () => {
    const ca = pki.artifacts['root-ca']!.files.cert!;
    const wrongSan = await tlsPort('member-wrong-san');
    const untrusted = await tlsPort('member-untrusted-ca');
    const message = (r: Record<string, unknown>) => String((r['error'] as { message: string }).message);
    // gocql's default name check: the certificate names other-host.example and 10.255.255.1.
    const named = await connect('n1', wrongSan, { tls: { caFile: ca, verifyPeer: true } });
    expect(message(named)).toMatch(/x509: certificate is valid for .*, not 127\.0\.0\.1/);
    // Without the name check the handshake passes: what fails is the CQL exchange after it.
    const unnamed = await connect('n2', wrongSan, { tls: { caFile: ca, verifyPeer: true, verifyHostname: false } });
    expect(unnamed).toMatchObject({ type: 'failed' });
    expect(message(unnamed)).not.toMatch(/x509|tls:/);
    // The chain still counts.
    const chain = await connect('n3', untrusted, { tls: { caFile: ca, verifyPeer: true, verifyHostname: false } });
    expect(message(chain)).toMatch(/x509: certificate signed by unknown authority/);
    // And nothing is verified by default (SslOptions{}).
    const none = await connect('n4', untrusted, { tls: {} });
    expect(message(none)).not.toMatch(/x509|tls:/);
  }, 60_000);
});
