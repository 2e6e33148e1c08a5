// The gocql adapter (cassandra-go): its error map classifies the texts gocql 1.7.0 and Go's
// crypto/tls / crypto/x509 gave against Cassandra 5.0.9, its profile is in the oracle, its
// deviations apply to the measured version only, and its build is keyed by sources and version.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goBuildKey } from '../../../harness/clients/adapter/go-build.ts';
import { ADAPTERS_DIR, ADAPTER_REGISTRY } from '../../../harness/clients/adapter/registry.ts';
import { ErrorMap } from '../../../harness/cql/adapter/error-map.ts';
import { CLIENT_PROFILES } from '../../../harness/cql/oracle/index.ts';
import { tlsOutcome } from '../../../harness/cql/oracle/tls.ts';
import { clientDeviations, cqlDeviationFor, observedAsDeclared } from '../../../harness/cql/run/deviations.ts';

const DIR = join(ADAPTERS_DIR, 'cassandra-go');
const map = ErrorMap.load(join(DIR, 'error-map.yaml'), 'cassandra-go');
const SESSION = 'gocql: unable to create session: unable to discover protocol version: ';
const connectFact = (cause: string, code: string | null = null) => ({ class: '*errors.errorString', code, message: SESSION + cause });

describe('cassandra-go error map (texts measured with gocql 1.7.0, Go 1.26, Cassandra 5.0.9)', () => {
  it('the client refusing the server certificate: untrusted, expired, host name', () => {
    const client = (reason: string) => ({ kind: 'tls-refused', by: 'client', reason });
    expect(map.classify(connectFact('tls: failed to verify certificate: x509: certificate signed by unknown authority'))).toEqual(client('untrusted'));
    const expired = 'x509: certificate has expired or is not yet valid: current time 2026-12-02T00:00:01Z is after 2025-01-01T00:00:00Z';
    expect(map.classify(connectFact(`tls: failed to verify certificate: ${expired}`))).toEqual(client('expired'));
    expect(map.classify(connectFact('tls: failed to verify certificate: x509: certificate is valid for 10.255.255.1, not 127.0.0.1'))).toEqual(
      client('hostname'),
    );
    expect(map.classify(connectFact('tls: failed to verify certificate: x509: certificate is valid for localhost, not other-host.example'))).toEqual(
      client('hostname'),
    );
    expect(
      map.classify(connectFact("tls: failed to verify certificate: x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs")),
    ).toEqual(client('hostname'));
    expect(map.classify(connectFact('tls: first record does not look like a TLS handshake'))).toEqual(client('plaintext'));
  });

  it("the server's alerts and a closed connection", () => {
    expect(map.classify(connectFact('remote error: tls: certificate required', 'alert: certificate required'))).toEqual({ kind: 'tls-refused', by: 'server' });
    expect(map.classify(connectFact('remote error: tls: expired certificate', 'alert: expired certificate'))).toEqual({ kind: 'tls-refused', by: 'server' });
    expect(map.classify(connectFact('remote error: tls: handshake failure', 'alert: handshake failure'))).toEqual({ kind: 'tls-refused', by: 'server' });
    expect(map.classify(connectFact('remote error: tls: protocol version not supported', 'alert: protocol version not supported'))).toEqual({
      kind: 'tls-refused',
      by: 'server',
      reason: 'protocol',
    });
    expect(map.classify(connectFact('read tcp 127.0.0.1:56184->127.0.0.1:37707: read: connection reset by peer'))).toEqual({
      kind: 'tls-refused',
      by: 'server',
    });
  });

  it('authentication and server codes of a query', () => {
    expect(map.classify(connectFact('Provided username sm_login and/or password are incorrect'))).toEqual({ kind: 'auth-refused' });
    expect(map.classify(connectFact('sm_nologin is not permitted to log in'))).toEqual({ kind: 'auth-refused' });
    expect(map.classify(connectFact('authentication required (using "org.apache.cassandra.auth.PasswordAuthenticator")'))).toEqual({ kind: 'auth-refused' });
    expect(
      map.classify({ class: 'gocql.errorFrame', code: '0x2100', message: 'User sm_probe has no SELECT permission on <table sm_ks.t> or any of its parents' }),
    ).toEqual({
      kind: 'unauthorized',
    });
    expect(map.classify({ class: '*gocql.RequestErrAlreadyExists', code: '0x2400', message: 'Keyspace sm_ks already exists' })).toEqual({ kind: 'invalid' });
    expect(map.classify({ class: 'gocql.errorFrame', code: '0x2200', message: 'unconfigured table nope' })).toEqual({ kind: 'invalid' });
  });

  it('gocql refusing an authenticator class outside its allow-list stays unclassified (the server never decided)', () => {
    expect(map.classify(connectFact('unexpected authenticator "org.apache.cassandra.auth.MutualTlsAuthenticator"')).kind).toBe('error');
    expect(map.classify({ class: '*errors.errorString', code: null, message: 'something new' }).kind).toBe('error');
  });
});

describe('cassandra-go in the registry and the oracle', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'secmatrix-cqlgo-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('a CQL adapter in Go at the pinned gocql version, with its documented TLS profile', () => {
    expect(ADAPTER_REGISTRY['cassandra-go']).toMatchObject({ family: 'cql', language: 'go', defaultVersion: '1.7.0', folder: DIR });
    expect(CLIENT_PROFILES['cassandra-go']).toEqual({
      name: 'cassandra-go',
      verifyPeerByDefault: false,
      hostnameByDefault: true,
      hostnameForcesVerify: true,
      legacySslOptions: false,
      saslAuthProvider: false,
    });
    // SslOptions{} verifies nothing; EnableHostVerification alone verifies the chain and the name.
    const cert = { trusted: true, current: true, dns: ['localhost'], ip: [], uri: [] };
    const server = { requireClientAuth: false, optional: false, cert, protocols: ['TLSv1.2', 'TLSv1.3'] };
    const client = { verifyPeer: null, verifyHostname: null, protocols: ['TLSv1.2', 'TLSv1.3'] };
    const go = CLIENT_PROFILES['cassandra-go']!;
    expect(tlsOutcome(server, client, go, '127.0.0.1')).toEqual({ kind: 'ok' });
    expect(tlsOutcome(server, { ...client, verifyHostname: true }, go, '127.0.0.1')).toEqual({ kind: 'tls-refused', by: 'client', reason: 'hostname' });
  });

  it('deviations: declared for gocql 1.7.*, for the measured cells and what was seen there', () => {
    const d = clientDeviations(join(DIR, 'deviations.yaml'), []);
    const cell = (rest: string) => ({ id: `cassandra-go/${rest}`, client: 'cassandra-go', requirementId: rest.split('/')[0]! });
    expect(cqlDeviationFor(d, cell('CQL-TLS-04/tls-dns-only-san/contact-localhost'), '1.7.0')).toBeUndefined();
    const mtls = cqlDeviationFor(d, cell('CQL-AUTH-04/mtls-fallback/plaintext-right-password'), '1.7.0')!;
    expect(mtls.reason).toMatch(/AllowedAuthenticators/);
    expect(cqlDeviationFor(d, cell('CQL-AUTH-03/mtls/no-cert'), '1.7.0')).toBeUndefined();
    expect(cqlDeviationFor(d, cell('CQL-AUTH-04/mtls-fallback/plaintext-no-provider'), '1.7.0')).toBeUndefined();
    expect(cqlDeviationFor(d, cell('CQL-AUTH-04/mtls-fallback/plaintext-right-password'), '1.6.0')).toBeUndefined();
    const seen = map.classify(connectFact('unexpected authenticator "org.apache.cassandra.auth.MutualTlsAuthenticator"'));
    expect(observedAsDeclared(mtls, seen)).toBe(true);
    expect(observedAsDeclared(mtls, { kind: 'error', message: 'adapter crashed' })).toBe(false);
    expect(observedAsDeclared(mtls, { kind: 'auth-refused' })).toBe(false);
  });

  it('the build key changes with the sources and the version', () => {
    const mod = join(scratch, 'mod');
    cpSync(DIR, mod, { recursive: true });
    const k = goBuildKey(mod, '1.7.0');
    expect(goBuildKey(mod, '1.7.0')).toBe(k);
    expect(goBuildKey(mod, '1.6.0')).not.toBe(k);
    writeFileSync(join(mod, 'main.go'), '// changed\n', { flag: 'a' });
    expect(goBuildKey(mod, '1.7.0')).not.toBe(k);
  });
});
