#!/usr/bin/env node
// secmatrix adapter (protocol v1) for the Node.js `cassandra-driver` 4.x (DataStax).
// Obeys the suite on stdin/stdout (one JSON object per line) and reports facts only: what the driver
// did and the error it raised (name, CQL error code, message); error-map.yaml classifies. TLS is the
// driver's `sslOptions` (passed to tls.connect, where the driver puts `rejectUnauthorized: false`
// first: an unset verifyPeer keeps that default), credentials its PlainTextAuthProvider.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import cassandra from 'cassandra-driver';

const require = createRequire(import.meta.url);
const DRIVER_VERSION = require('cassandra-driver/package.json').version;
const PROTOCOL = 1;
const CAPABILITIES = [
  'tls',
  'tls.verify-peer',
  'tls.verify-hostname',
  'tls.server-hostname',
  'tls.client-cert',
  'tls.key-password',
  'tls.protocol-range',
  'tls.cipher-suites',
  'credentials.username-password',
  'cql.execute',
];
// IANA -> OpenSSL names (Node's `ciphers` takes OpenSSL names; TLS 1.3 suites keep their IANA names).
const OPENSSL_CIPHERS = {
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 'ECDHE-RSA-AES128-GCM-SHA256',
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 'ECDHE-RSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_RSA_WITH_AES_128_GCM_SHA256: 'AES128-GCM-SHA256',
  TLS_RSA_WITH_AES_256_GCM_SHA384: 'AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 'ECDHE-RSA-AES128-SHA',
};

const sessions = new Map();
const log = (m) => process.stderr.write(`adapter: ${m}\n`);

class Unsupported extends Error {}

function sslOptionsOf(tls) {
  const o = {};
  if (tls.caFile) o.ca = [readFileSync(tls.caFile)];
  if (tls.verifyPeer !== null && tls.verifyPeer !== undefined) o.rejectUnauthorized = !!tls.verifyPeer;
  if (tls.verifyHostname === false) o.checkServerIdentity = () => undefined;
  if (tls.serverHostname) o.servername = tls.serverHostname;
  if (tls.certFile) {
    o.cert = readFileSync(tls.certFile);
    o.key = readFileSync(tls.keyFile ?? tls.certFile);
    if (tls.keyPassword) {
      if (tls.keyPassword.form !== 'string') throw new Unsupported(`sslOptions.passphrase is a string (no ${tls.keyPassword.form} form)`);
      o.passphrase = tls.keyPassword.value;
    }
  }
  if (tls.minVersion) o.minVersion = tls.minVersion;
  if (tls.maxVersion) o.maxVersion = tls.maxVersion;
  if (tls.protocol) o.minVersion = o.maxVersion = tls.protocol;
  if (tls.cipherSuites) o.ciphers = tls.cipherSuites.map((c) => OPENSSL_CIPHERS[c] ?? c).join(':');
  return o;
}

function errorFact(err) {
  let inner = err;
  if (err instanceof cassandra.errors.NoHostAvailableError && err.innerErrors) {
    const first = Object.values(err.innerErrors)[0];
    if (first) inner = first;
  }
  const cls = inner?.constructor?.name ?? 'Error';
  let code = inner?.code;
  if (typeof code === 'number') code = `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return { class: cls, code: code ?? null, message: String(inner?.message ?? inner).slice(0, 2000) };
}

function stageOf(fact) {
  if (fact.class === 'AuthenticationError') return 'authentication';
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/.test(String(fact.code ?? '')) || /SSL|TLS|certificate/i.test(fact.message)) return 'tls';
  return 'unknown';
}

async function connect(req) {
  const [host, port] = [req.addresses[0].slice(0, req.addresses[0].lastIndexOf(':')), Number(req.addresses[0].slice(req.addresses[0].lastIndexOf(':') + 1))];
  const t = req.timeouts ?? {};
  const opts = {
    contactPoints: [host],
    localDataCenter: 'datacenter1',
    protocolOptions: { port },
    socketOptions: { connectTimeout: t.connectMs ?? 10000, readTimeout: t.operationMs ?? 10000 },
    // One attempt: the suite judges the first answer.
    policies: { reconnection: new cassandra.policies.reconnection.ConstantReconnectionPolicy(3_600_000) },
  };
  if (req.options?.saslAuthProvider) throw new Unsupported('the Node driver has no generic SASL auth provider (SaslAuthProvider is a Python driver class)');
  if (req.credentials) {
    if (req.credentials.kind !== 'username-password') throw new Unsupported(`credentials kind ${req.credentials.kind}`);
    opts.authProvider = new cassandra.auth.PlainTextAuthProvider(req.credentials.username, req.credentials.password);
  }
  if (req.tls) {
    if (req.options?.legacySslOptions) throw new Unsupported('the pre-3.17 ssl_options dict form is a Python driver setting');
    opts.sslOptions = sslOptionsOf(req.tls);
  }
  const client = new cassandra.Client(opts);
  const started = performance.now();
  try {
    await client.connect();
  } catch (err) {
    await client.shutdown().catch(() => undefined);
    throw err;
  }
  log(`connected in ${Math.round(performance.now() - started)} ms (protocol v${client.controlConnection.protocolVersion})`);
  sessions.set(req.session, client);
  let negotiated = null;
  const sock = client.controlConnection?.connection?.netClient;
  if (sock && typeof sock.getProtocol === 'function')
    negotiated = { protocol: sock.getProtocol(), cipher: sock.getCipher()?.standardName ?? sock.getCipher()?.name };
  return { type: 'connected', session: req.session, negotiated, cqlProtocol: client.controlConnection.protocolVersion };
}

async function run(req) {
  if (req.op !== 'cql.execute') return { type: 'unsupported', reason: `op ${req.op}` };
  const client = sessions.get(req.session);
  if (!client) return { type: 'protocol-error', message: `no open session ${req.session}` };
  const args = req.args ?? {};
  try {
    const rs = await client.execute(args.statement, [], { keyspace: args.keyspace ?? undefined, readTimeout: req.timeouts?.operationMs ?? 10000 });
    const value = { rows: rs.rowLength ?? 0 };
    const first = rs.first?.();
    if (first)
      value.first = Object.fromEntries(first.keys().map((k) => [k, first.get(k) === null || first.get(k) === undefined ? null : String(first.get(k))]));
    return { type: 'result', value };
  } catch (err) {
    return { type: 'error', error: errorFact(err) };
  }
}

async function handle(req) {
  switch (req.type) {
    case 'hello':
      if (req.protocol !== PROTOCOL) return { type: 'protocol-error', message: `speaks protocol ${PROTOCOL} only` };
      return {
        type: 'hello',
        protocol: PROTOCOL,
        client: { name: 'cassandra-node', version: DRIVER_VERSION, language: 'javascript' },
        adapter: { version: '1.0.0' },
        capabilities: CAPABILITIES,
      };
    case 'connect':
      try {
        return await connect(req);
      } catch (err) {
        if (err instanceof Unsupported) return { type: 'unsupported', reason: err.message };
        const fact = errorFact(err);
        log(`connect failed: ${fact.class}: ${fact.message}`);
        return { type: 'failed', stage: stageOf(fact), error: fact };
      }
    case 'run':
      return run(req);
    case 'close': {
      const c = sessions.get(req.session);
      sessions.delete(req.session);
      await c?.shutdown().catch(() => undefined);
      return { type: 'closed', session: req.session };
    }
    case 'bye':
      return { type: 'bye' };
    default:
      return { type: 'protocol-error', message: `unknown request type ${req.type}` };
  }
}

const rl = createInterface({ input: process.stdin });
let queue = Promise.resolve();
rl.on('line', (line) => {
  if (!line.trim()) return;
  queue = queue.then(async () => {
    let req;
    try {
      req = JSON.parse(line);
      if (typeof req !== 'object' || req === null || Array.isArray(req)) throw new Error('not an object');
    } catch (e) {
      process.stdout.write(`${JSON.stringify({ id: null, type: 'protocol-error', message: `unparsable request: ${e.message}` })}\n`);
      return;
    }
    let resp;
    try {
      resp = await handle(req);
    } catch (e) {
      log(e?.stack ?? String(e));
      resp = { type: 'protocol-error', message: `adapter error: ${e?.message ?? e}` };
    }
    process.stdout.write(`${JSON.stringify({ id: req.id ?? null, ...resp })}\n`);
    if (req.type === 'bye') await shutdown(0);
  });
});
rl.on('close', () => void queue.then(() => shutdown(0)));

async function shutdown(code) {
  for (const c of sessions.values()) await c.shutdown().catch(() => undefined);
  sessions.clear();
  process.exit(code);
}
