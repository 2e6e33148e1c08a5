// The official Node client (hazelcast-client) as an adapter process (docs/adapter-protocol.md): the
// same client and the same operation table as the in-process driver, behind JSON lines on stdio.
// Facts only: the client's errors and the causes it logged; the runner classifies them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import type { ConnectionOptions } from 'node:tls';
import { Client, type ClientConfig } from 'hazelcast-client';
import { boundedAttempt, NODE_CLIENT_TIMING } from '../../node-client/client-config.ts';
import { CapturingLogger } from '../../node-client/log-capture.ts';
import { NODE_OPERATIONS } from '../../node-client/operations.ts';
import { describeWithCauses } from '../../node-client/driver.ts';

const PROTOCOL = 1;
const ADAPTER_VERSION = '1.0.0';
const clientVersion: string = createRequire(import.meta.url)('hazelcast-client/package.json').version;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- protocol messages are checked by the runner's schemas
type Msg = Record<string, any>;
const send = (m: Msg) => process.stdout.write(`${JSON.stringify(m)}\n`);
const log = (s: string) => process.stderr.write(`${s}\n`);

// Everything the client can express (docs/adapter-protocol.md capability names). Not declared, with
// the reason in the README: SSLv2/SSLv3 pins and key password callables.
const CAPABILITIES = [
  'tls',
  'tls-pin-version',
  'tls-cipher-list',
  'tls-no-verification',
  'tls-system-ca',
  'tls-hostname-verification-toggle',
  'tls-client-cert',
  'tls-combined-key-cert',
  'tls-encrypted-key',
  'credentials-password',
  'credentials-token',
  'map-operations',
  ...Object.keys(NODE_OPERATIONS).map((op) => `op:${op}`),
];

class Unsupported extends Error {}

function tlsOptions(t: Msg): ConnectionOptions {
  const o: ConnectionOptions = {};
  o.rejectUnauthorized = t['verifyPeer'] !== false;
  if (t['caFile']) o.ca = readFileSync(t['caFile'], 'utf8');
  if (t['verifyHostname'] === false) o.checkServerIdentity = () => undefined;
  if (t['protocol'] && !t['minVersion']) t['minVersion'] = t['maxVersion'] = t['protocol'];
  for (const v of [t['minVersion'], t['maxVersion']]) if (v === 'SSLv2' || v === 'SSLv3') throw new Unsupported(`Node.js (OpenSSL 3) has no ${v}`);
  if (t['minVersion']) o.minVersion = t['minVersion'];
  if (t['maxVersion']) o.maxVersion = t['maxVersion'];
  const legacy = t['minVersion'] === 'TLSv1' || t['minVersion'] === 'TLSv1.1';
  const list = (t['opensslCipherSuites'] as string[] | null)?.join(':') ?? (legacy ? 'DEFAULT' : undefined);
  if (t['cipherSuites'] && !t['opensslCipherSuites']) throw new Unsupported('Node takes OpenSSL cipher names; only IANA names were given');
  if (list !== undefined) o.ciphers = legacy ? `${list}:@SECLEVEL=0` : list;
  const certFile = t['certAndKeyFile'] ?? t['certFile'];
  if (certFile) {
    o.cert = readFileSync(certFile, 'utf8');
    o.key = readFileSync(t['certAndKeyFile'] ?? t['keyFile'] ?? certFile, 'utf8');
  }
  if (t['keyPassword']) {
    const p = t['keyPassword'] as { value: string; form: string };
    if (p.form !== 'string') throw new Unsupported(`the Node client takes the key passphrase as a string, not as ${p.form}`);
    o.passphrase = p.value;
  }
  return o;
}

function clientConfig(req: Msg, logger: CapturingLogger): ClientConfig {
  const cfg: ClientConfig = {
    clusterName: req['clusterName'] ?? 'dev',
    network: { clusterMembers: req['addresses'], connectionTimeout: req['timeouts']?.connectMs ?? NODE_CLIENT_TIMING.connectionTimeoutMs },
    ...boundedAttempt(req['timeouts']?.operationMs),
    customLogger: logger,
  };
  if (req['tls']) cfg.network!.ssl = { enabled: true, sslOptions: tlsOptions(req['tls']) };
  const c = req['credentials'];
  if (c?.kind === 'username-password') cfg.security = { usernamePassword: { username: c.username, password: c.password } };
  else if (c?.kind === 'token') cfg.security = { token: { token: c.token, encoding: (c.encoding === 'base64' ? 'BASE64' : 'ASCII') as never } };
  else if (c?.kind === 'kerberos')
    throw new Unsupported('the Node client has no Kerberos of its own (the runner can send a GSSAPI token as token credentials)');
  return cfg;
}

const sessions = new Map<string, Client>();
/** Clients whose start was abandoned at the deadline: shut down if they ever connect. */
const abandoned: Promise<unknown>[] = [];
const BOUND_MS = NODE_CLIENT_TIMING.heartbeatTimeoutMs + NODE_CLIENT_TIMING.connectionTimeoutMs + 2000;

async function connect(req: Msg): Promise<Msg> {
  const logger = new CapturingLogger();
  let cfg: ClientConfig;
  try {
    cfg = clientConfig(req, logger);
  } catch (e) {
    if (e instanceof Unsupported) return { type: 'unsupported', reason: e.message };
    return { type: 'failed', stage: 'config', error: { class: (e as Error).name, message: (e as Error).message } };
  }
  const starting = Client.newHazelcastClient(cfg);
  let timer: NodeJS.Timeout | undefined;
  try {
    const hz = await Promise.race([
      starting,
      new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error(`no connection within ${BOUND_MS} ms`)), BOUND_MS))),
    ]);
    sessions.set(req['session'], hz);
    return { type: 'connected', session: req['session'] };
  } catch (e) {
    abandoned.push(starting.then((c) => c.shutdown()).catch(() => undefined));
    const err = e as Error;
    // The client says why only in its log (DESIGN.md): those lines are the causes.
    const causes = logger.problems().map((m) => ({ class: 'hazelcast-client log', message: m }));
    log(logger.text());
    return { type: 'failed', stage: 'unknown', error: { class: err.name, message: err.message }, causes };
  } finally {
    clearTimeout(timer);
  }
}

async function run(req: Msg): Promise<Msg> {
  const hz = sessions.get(req['session']);
  if (!hz) return { type: 'protocol-error', message: `no open session ${String(req['session'])}` };
  const op = NODE_OPERATIONS[req['op']];
  if (!op) return { type: 'unsupported', reason: `the Node client has no API for ${String(req['op'])}` };
  try {
    await op(hz, req['object'] ?? 'secmatrix');
    return { type: 'result' };
  } catch (e) {
    return { type: 'error', error: { class: (e as Error).name ?? 'Error', message: describeWithCauses(e) } };
  }
}

async function close(req: Msg): Promise<Msg> {
  const hz = sessions.get(req['session']);
  sessions.delete(req['session']);
  await hz?.shutdown().catch(() => undefined);
  return { type: 'closed', session: req['session'] };
}

async function shutdownAll(): Promise<void> {
  for (const s of [...sessions.keys()]) await close({ session: s });
  await Promise.race([Promise.all(abandoned), new Promise((r) => setTimeout(r, BOUND_MS))]);
}

async function main(): Promise<void> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let req: Msg;
    try {
      req = JSON.parse(line);
      if (typeof req !== 'object' || req === null || Array.isArray(req)) throw new Error('not a JSON object');
    } catch (e) {
      send({ id: null, type: 'protocol-error', message: `cannot parse the request: ${(e as Error).message}` });
      continue;
    }
    const id = Number.isInteger(req['id']) ? req['id'] : null;
    let reply: Msg;
    switch (req['type']) {
      case 'hello':
        reply =
          req['protocol'] === PROTOCOL
            ? {
                type: 'hello',
                protocol: PROTOCOL,
                client: { name: 'hazelcast-node', version: clientVersion, language: 'javascript' },
                adapter: { version: ADAPTER_VERSION },
                capabilities: CAPABILITIES,
              }
            : { type: 'protocol-error', message: `speaks protocol ${PROTOCOL} only` };
        break;
      case 'connect':
        reply = await connect(req);
        break;
      case 'run':
        reply = await run(req);
        break;
      case 'close':
        reply = await close(req);
        break;
      case 'bye':
        await shutdownAll();
        send({ id, type: 'bye' });
        return process.exit(0);
      default:
        reply = { type: 'protocol-error', message: `unknown request type ${JSON.stringify(req['type'])}` };
    }
    send({ ...reply, id: id === null && reply['type'] !== 'protocol-error' ? null : id });
  }
  await shutdownAll();
  process.exit(0);
}

void main();
