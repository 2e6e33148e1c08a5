// Turns a cell's abstract ClientSetup into the official Node client's configuration. Pure: reads
// PKI files, builds an object; connecting is driver.ts's business.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { ClientConfig } from 'hazelcast-client';
import type { PkiArtifact, PkiManifest } from '../../../pki/types.ts';
import type { ClientSetup, ClientTls } from '../../core/plan/cell.ts';
import type { MemberEndpoint } from '../driver.ts';
import type { ClientFaultName } from './client-faults.ts';

/** Client tuning that keeps a refused connection cheap and every wait bounded (see DESIGN.md). */
export const NODE_CLIENT_TIMING = {
  connectionTimeoutMs: 3000,
  // One attempt: a refusal is final, and retries would leave member evidence under the next cell.
  clusterConnectTimeoutMs: 0,
  heartbeatIntervalMs: 1000,
  heartbeatTimeoutMs: 3000,
  invocationTimeoutMs: 4000,
} as const;

export class ClientSetupError extends Error {
  override name = 'ClientSetupError';
}

function artifact(pki: PkiManifest, id: string): PkiArtifact {
  const a = pki.artifacts[id];
  if (!a) throw new ClientSetupError(`the cell names PKI artifact '${id}', which the PKI set does not have`);
  return a;
}

function readArtifactFile(a: PkiArtifact, format: keyof PkiArtifact['files']): string {
  const path = a.files[format];
  if (!path) throw new ClientSetupError(`PKI artifact '${a.id}' has no ${format} file`);
  return readFileSync(path, 'utf8');
}

/** The CA file a client is given for an artifact: a bundle's file or a CA's certificate. */
function caPem(pki: PkiManifest, id: string): string {
  const a = artifact(pki, id);
  return readArtifactFile(a, a.files.bundle ? 'bundle' : 'cert');
}

const WRONG_KEY_PASSWORD = 'not-the-key-password';

/** Node's tls.connect options for the setup, plus the secrets they contain (for redaction). */
export function tlsOptions(tls: ClientTls, pki: PkiManifest, fault?: ClientFaultName): { options: ConnectionOptions; secrets: string[] } {
  const options: ConnectionOptions = {};
  const secrets: string[] = [];
  options.rejectUnauthorized = tls.verifyMember && fault !== 'client-ca-file-ignored';
  if (tls.verifyMember && tls.ca !== 'system') options.ca = caPem(pki, tls.ca);
  // Node checks the name by default; turning it off means accepting any name on a trusted chain.
  if (!tls.hostnameVerification || fault === 'client-hostname-check-skipped') options.checkServerIdentity = () => undefined;
  if (fault === 'client-version-limits-dropped') tls = { ...tls, minVersion: undefined, maxVersion: undefined } as ClientTls;
  if (fault === 'client-cipher-list-dropped') tls = { ...tls, ciphers: undefined } as ClientTls;
  if (tls.minVersion) options.minVersion = tls.minVersion as ConnectionOptions['minVersion'];
  if (tls.maxVersion) options.maxVersion = tls.maxVersion as ConnectionOptions['maxVersion'];
  const legacy = tls.minVersion === 'TLSv1' || tls.minVersion === 'TLSv1.1';
  // OpenSSL 3 refuses TLS 1.0/1.1 at its default security level; a Node user pinning them lowers it.
  const cipherList = tls.ciphers?.join(':') ?? (legacy ? 'DEFAULT' : undefined);
  if (cipherList !== undefined) options.ciphers = legacy ? `${cipherList}:@SECLEVEL=0` : cipherList;
  if (tls.cert) {
    const a = artifact(pki, tls.cert.artifact);
    switch (tls.cert.format) {
      case 'separate':
        options.cert = readArtifactFile(a, 'chain');
        options.key = readArtifactFile(a, 'key');
        break;
      case 'combined': {
        // One file holds both; like the Python client's certfile without keyfile.
        const combined = readArtifactFile(a, 'combined');
        options.cert = combined;
        options.key = combined;
        break;
      }
      case 'encrypted': {
        options.cert = readArtifactFile(a, 'chain');
        options.key = readArtifactFile(a, 'keyEncrypted');
        const real = a.passwords.key;
        if (!real) throw new ClientSetupError(`PKI artifact '${a.id}' has no key password`);
        options.passphrase = tls.cert.keyPassword === 'wrong' ? WRONG_KEY_PASSWORD : real;
        secrets.push(real);
        break;
      }
    }
  }
  return { options, secrets };
}

export interface BuiltClientConfig {
  config: ClientConfig;
  /** Literal secrets in the configuration, to redact from anything written out. */
  secrets: string[];
}

/**
 * The settings that bound one connection attempt and its calls (no reconnect, short retries, the
 * driver's timeouts): shared by the in-process driver and the Node client's adapter program.
 */
export function boundedAttempt(invocationTimeoutMs: number = NODE_CLIENT_TIMING.invocationTimeoutMs): Pick<ClientConfig, 'connectionStrategy' | 'properties'> {
  return {
    connectionStrategy: {
      asyncStart: false,
      reconnectMode: 'OFF' as never,
      connectionRetry: {
        initialBackoffMillis: 50,
        maxBackoffMillis: 100,
        multiplier: 1,
        jitter: 0,
        clusterConnectTimeoutMillis: NODE_CLIENT_TIMING.clusterConnectTimeoutMs,
      },
    },
    properties: {
      'hazelcast.client.heartbeat.interval': NODE_CLIENT_TIMING.heartbeatIntervalMs,
      'hazelcast.client.heartbeat.timeout': NODE_CLIENT_TIMING.heartbeatTimeoutMs,
      'hazelcast.client.invocation.timeout.millis': invocationTimeoutMs,
      'hazelcast.client.statistics.enabled': false,
    },
  };
}

export function buildClientConfig(
  client: ClientSetup,
  endpoint: MemberEndpoint,
  pki: PkiManifest,
  logger: ClientConfig['customLogger'],
  fault?: ClientFaultName,
): BuiltClientConfig {
  const secrets: string[] = [];
  const config: ClientConfig = {
    clusterName: client.clusterName,
    network: {
      clusterMembers: [`${endpoint.host}:${endpoint.port}`],
      connectionTimeout: NODE_CLIENT_TIMING.connectionTimeoutMs,
    },
    ...boundedAttempt(),
    customLogger: logger,
  };
  if (client.tls?.defaults) {
    // The client's defaults: TLS on, no sslOptions, no factory.
    config.network!.ssl = { enabled: true };
  } else if (client.tls) {
    const { options, secrets: tlsSecrets } = tlsOptions(client.tls, pki, fault);
    secrets.push(...tlsSecrets);
    config.network!.ssl = { enabled: true, sslOptions: options };
  }
  const creds = client.credentials;
  if (creds.kind === 'password') {
    config.security = { usernamePassword: { username: creds.username, password: creds.password } };
    secrets.push(creds.password);
  } else if (creds.kind === 'kerberos') {
    // The driver swaps these for the GSSAPI token (kerberos-token.ts) before building the config.
    throw new ClientSetupError('Kerberos credentials reach the Node client only as a token obtained by the driver');
  } else if (creds.kind === 'token') {
    config.security = { token: { token: creds.token, encoding: (creds.encoding === 'base64' ? 'BASE64' : 'ASCII') as never } };
    secrets.push(creds.token);
  }
  return { config, secrets };
}
