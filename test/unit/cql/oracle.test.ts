// The CQL oracle against hand-written expectations (from the seed and Cassandra's documentation),
// never against the server.
import { describe, expect, it } from 'vitest';
import {
  APPLICABLE,
  authOutcome,
  chain,
  CLIENT_PROFILES,
  configurationRejected,
  cqlResource,
  grantOutcome,
  holds,
  kindOf,
  meets,
  statement,
  statementOutcome,
  tlsOutcome,
  type CertFacts,
  type ServerTlsFacts,
} from '../../../harness/cql/oracle/index.ts';
import { connectExpectation } from '../../../harness/cql/plan/load.ts';
import { IDENTITIES, ROLES } from '../../../harness/cql/plan/fixtures.ts';

const good: CertFacts = { trusted: true, current: true, dns: ['localhost'], ip: ['127.0.0.1'], uri: [] };
const server = (o: Partial<ServerTlsFacts> = {}): ServerTlsFacts => ({
  requireClientAuth: false,
  optional: false,
  cert: good,
  protocols: ['TLSv1.2', 'TLSv1.3'],
  ...o,
});
const py = CLIENT_PROFILES['cassandra-python']!;
const node = CLIENT_PROFILES['cassandra-node']!;
const both = ['TLSv1.2', 'TLSv1.3'];

describe('CQL oracle: resources and permissions (cql/security.adoc)', () => {
  it('knows which permission applies to which resource', () => {
    expect(APPLICABLE.table).not.toContain('CREATE');
    expect(APPLICABLE.keyspace).toContain('CREATE');
    expect(APPLICABLE.role).toEqual(['ALTER', 'DROP', 'AUTHORIZE', 'DESCRIBE']);
    expect(APPLICABLE['all-roles']).toContain('DESCRIBE');
    expect(APPLICABLE.function).toContain('EXECUTE');
    expect(APPLICABLE.table).toContain('UNMASK');
    expect(grantOutcome({ permission: 'EXECUTE', resource: 'data/ks/t' })).toEqual({ kind: 'invalid' });
    expect(grantOutcome({ permission: 'SELECT', resource: 'roles/r' })).toEqual({ kind: 'invalid' });
    expect(grantOutcome({ permission: 'SELECT', resource: 'mbean' })).toEqual({ kind: 'ok' });
    // CASSANDRA-20090: on system keyspaces only SELECT, DESCRIBE, ALTER.
    expect(grantOutcome({ permission: 'MODIFY', resource: 'data/system_auth' })).toEqual({ kind: 'unauthorized' });
    expect(grantOutcome({ permission: 'SELECT', resource: 'data/system_auth' })).toEqual({ kind: 'ok' });
    expect(grantOutcome({ permission: 'EXECUTE', resource: 'data/system_auth' })).toEqual({ kind: 'invalid' });
    expect(holds([{ permission: 'SELECT', resource: 'data' }], 'SELECT', 'data/system_auth/roles')).toBe(false);
  });
  it('permissions flow down the hierarchy', () => {
    expect(chain('data/ks/t')).toEqual(['data/ks/t', 'data/ks', 'data']);
    expect(chain('functions/ks/f|int')).toEqual(['functions/ks/f|int', 'functions/ks', 'functions']);
    expect(kindOf('functions/ks')).toBe('all-functions-in-keyspace');
    expect(holds([{ permission: 'SELECT', resource: 'data' }], 'SELECT', 'data/ks/t')).toBe(true);
    expect(holds([{ permission: 'SELECT', resource: 'data/other' }], 'SELECT', 'data/ks/t')).toBe(false);
    expect(cqlResource('functions/sm_ks/f|int')).toBe('FUNCTION sm_ks.f(int)');
    expect(cqlResource('mbean/org.apache.cassandra.db:type=StorageService')).toBe("MBEAN 'org.apache.cassandra.db:type=StorageService'");
  });
  it('statements need their documented permissions', () => {
    expect(statementOutcome(statement('select'), [], false)).toEqual({ kind: 'unauthorized' });
    expect(statementOutcome(statement('select'), [{ permission: 'SELECT', resource: 'data/sm_ks' }], false)).toEqual({ kind: 'ok' });
    expect(statementOutcome(statement('insert'), [{ permission: 'SELECT', resource: 'data/sm_ks/t' }], false)).toEqual({ kind: 'unauthorized' });
    expect(statementOutcome(statement('conditional-update'), [{ permission: 'MODIFY', resource: 'data/sm_ks/t' }], false)).toEqual({ kind: 'unauthorized' });
    expect(
      statementOutcome(
        statement('conditional-update'),
        [
          { permission: 'MODIFY', resource: 'data/sm_ks/t' },
          { permission: 'SELECT', resource: 'data' },
        ],
        false,
      ),
    ).toEqual({ kind: 'ok' });
    expect(statementOutcome(statement('create-keyspace'), [{ permission: 'CREATE', resource: 'data' }], false)).toEqual({ kind: 'ok' });
    expect(statementOutcome(statement('execute-function'), [{ permission: 'SELECT', resource: 'data/sm_ks/t' }], false)).toEqual({ kind: 'unauthorized' });
    expect(statementOutcome(statement('read-system-local'), [], false)).toEqual({ kind: 'ok' });
    expect(statementOutcome(statement('drop-role'), [], true)).toEqual({ kind: 'ok' });
  });
  it('masked columns: clear with UNMASK, filtering with SELECT_MASKED or UNMASK', () => {
    const sel = { permission: 'SELECT', resource: 'data/sm_ks/t' } as const;
    expect(statementOutcome(statement('read-masked'), [sel], false)).toEqual({ kind: 'ok', masked: true });
    expect(statementOutcome(statement('read-masked'), [sel, { permission: 'UNMASK', resource: 'data/sm_ks' }], false)).toEqual({ kind: 'ok', masked: false });
    expect(statementOutcome(statement('filter-masked'), [sel], false)).toEqual({ kind: 'unauthorized' });
    expect(statementOutcome(statement('filter-masked'), [sel, { permission: 'SELECT_MASKED', resource: 'data/sm_ks/t' }], false)).toEqual({ kind: 'ok' });
  });
});

describe('CQL oracle: the seed four TLS modes', () => {
  it('no identity verification connects whatever the certificate (both drivers default to no verification)', () => {
    const bad = server({ cert: { ...good, trusted: false, current: false, ip: [] } });
    for (const p of [py, node]) expect(tlsOutcome(bad, { verifyPeer: null, verifyHostname: null, protocols: both }, p, '127.0.0.1')).toEqual({ kind: 'ok' });
  });
  it('client verifies server: untrusted and expired are refused by the client', () => {
    const c = { verifyPeer: true, verifyHostname: null, protocols: both };
    expect(tlsOutcome(server({ cert: { ...good, trusted: false } }), c, py, '127.0.0.1')).toEqual({ kind: 'tls-refused', by: 'client', reason: 'untrusted' });
    expect(tlsOutcome(server({ cert: { ...good, current: false } }), c, py, '127.0.0.1')).toEqual({ kind: 'tls-refused', by: 'client', reason: 'expired' });
  });
  it('hostname: python checks only with check_hostname; node whenever it verifies; the resolved IP is the name', () => {
    const dnsOnly = server({ cert: { ...good, ip: [] } });
    expect(tlsOutcome(dnsOnly, { verifyPeer: true, verifyHostname: null, protocols: both }, py, '127.0.0.1')).toEqual({ kind: 'ok' });
    expect(tlsOutcome(dnsOnly, { verifyPeer: true, verifyHostname: null, protocols: both }, node, '127.0.0.1')).toEqual({
      kind: 'tls-refused',
      by: 'client',
      reason: 'hostname',
    });
    expect(tlsOutcome(dnsOnly, { verifyPeer: true, verifyHostname: true, protocols: both }, py, '127.0.0.1')).toEqual({
      kind: 'tls-refused',
      by: 'client',
      reason: 'hostname',
    });
    expect(tlsOutcome(dnsOnly, { verifyPeer: true, verifyHostname: true, serverHostname: 'localhost', protocols: both }, py, '127.0.0.1')).toEqual({
      kind: 'ok',
    });
    // check_hostname turns CERT_REQUIRED on in Python.
    expect(tlsOutcome(server({ cert: { ...good, trusted: false } }), { verifyPeer: null, verifyHostname: true, protocols: both }, py, '127.0.0.1')).toEqual({
      kind: 'tls-refused',
      by: 'client',
      reason: 'untrusted',
    });
  });
  it('server verifies client: none, untrusted, expired refused by the server; ignored without require_client_auth', () => {
    const m = server({ requireClientAuth: true });
    const c = (cert?: CertFacts) => ({ verifyPeer: null, verifyHostname: null, protocols: both, ...(cert ? { cert } : {}) });
    expect(tlsOutcome(m, c(), py, '127.0.0.1')).toEqual({ kind: 'tls-refused', by: 'server', reason: 'no-client-cert' });
    expect(tlsOutcome(m, c({ ...good, trusted: false }), py, '127.0.0.1')).toEqual({ kind: 'tls-refused', by: 'server', reason: 'untrusted' });
    expect(tlsOutcome(m, c({ ...good, current: false }), py, '127.0.0.1')).toEqual({ kind: 'tls-refused', by: 'server', reason: 'expired' });
    expect(tlsOutcome(m, c(good), py, '127.0.0.1')).toEqual({ kind: 'ok' });
    expect(tlsOutcome(server(), c({ ...good, trusted: false }), py, '127.0.0.1')).toEqual({ kind: 'ok' });
  });
  it('plaintext and TLS meet: refused, unless optional', () => {
    expect(tlsOutcome(server(), null, py, '127.0.0.1')).toEqual({ kind: 'tls-refused', by: 'server', reason: 'plaintext' });
    expect(tlsOutcome(server({ optional: true }), null, py, '127.0.0.1')).toEqual({ kind: 'ok' });
    expect(tlsOutcome(null, { verifyPeer: null, verifyHostname: null, protocols: both }, py, '127.0.0.1')).toEqual({
      kind: 'tls-refused',
      by: 'client',
      reason: 'plaintext',
    });
  });
  it('protocols and TLS 1.2 suites must overlap', () => {
    const s = server({ protocols: ['TLSv1.2'], cipherSuites: ['A'] });
    expect(tlsOutcome(s, { verifyPeer: null, verifyHostname: null, protocols: ['TLSv1.3'] }, py, '127.0.0.1')).toEqual({
      kind: 'tls-refused',
      by: 'server',
      reason: 'protocol',
    });
    expect(tlsOutcome(s, { verifyPeer: null, verifyHostname: null, protocols: ['TLSv1.2'], cipherSuites: ['B'] }, py, '127.0.0.1')).toEqual({
      kind: 'tls-refused',
      by: 'server',
      reason: 'cipher',
    });
    expect(tlsOutcome(s, { verifyPeer: null, verifyHostname: null, protocols: both, cipherSuites: ['A'] }, py, '127.0.0.1')).toEqual({ kind: 'ok' });
  });
});

describe('CQL oracle: authenticators', () => {
  const base = { roles: ROLES, identities: IDENTITIES, requireClientAuth: true };
  it('PasswordAuthenticator: right password of a LOGIN role only', () => {
    const pw = (credentials: { username: string; password: string } | null) =>
      authOutcome({ ...base, authenticator: 'PasswordAuthenticator', credentials, certUris: null }).kind;
    expect(pw({ username: 'sm_login', password: 'login-pass-1' })).toBe('ok');
    expect(pw({ username: 'sm_login', password: 'x' })).toBe('auth-refused');
    expect(pw({ username: 'nobody', password: 'login-pass-1' })).toBe('auth-refused');
    expect(pw({ username: 'sm_nologin', password: 'nologin-pass-1' })).toBe('auth-refused');
    expect(pw(null)).toBe('auth-refused');
  });
  it('MutualTlsAuthenticator: the mapped spiffe identity; the fallback uses the password without a certificate', () => {
    const creds = { username: 'ignored', password: 'ignored' };
    expect(authOutcome({ ...base, authenticator: 'MutualTlsAuthenticator', credentials: creds, certUris: ['spiffe://secmatrix.test/app'] }).kind).toBe('ok');
    expect(authOutcome({ ...base, authenticator: 'MutualTlsAuthenticator', credentials: creds, certUris: ['spiffe://secmatrix.test/unmapped'] }).kind).toBe(
      'auth-refused',
    );
    expect(authOutcome({ ...base, authenticator: 'MutualTlsAuthenticator', credentials: creds, certUris: [] }).kind).toBe('auth-refused');
    expect(
      authOutcome({
        ...base,
        authenticator: 'MutualTlsWithPasswordFallbackAuthenticator',
        credentials: { username: 'sm_login', password: 'login-pass-1' },
        certUris: null,
      }).kind,
    ).toBe('ok');
    expect(configurationRejected('MutualTlsAuthenticator', false, true)).toBe(true);
    expect(configurationRejected('PasswordAuthenticator', false, false)).toBe(false);
  });
  it('connection expectations combine TLS then authentication', () => {
    const mtls = {
      tls: { serverCert: 'member-rsa', storeFormat: 'pkcs12', trustCa: 'root-ca', requireClientAuth: true },
      authenticator: 'MutualTlsAuthenticator',
      authorizer: 'CassandraAuthorizer',
    } as const;
    expect(
      connectExpectation(
        mtls,
        { tls: { ca: 'root-ca', verifyPeer: true, cert: 'cql-client-spiffe-app' }, credentials: { username: 'x', password: 'y' } },
        'cassandra-python',
      ),
    ).toEqual({ kind: 'ok' });
    expect(connectExpectation(mtls, { tls: { ca: 'root-ca', verifyPeer: true }, credentials: { username: 'x', password: 'y' } }, 'cassandra-node')).toEqual({
      kind: 'tls-refused',
      by: 'server',
      reason: 'no-client-cert',
    });
    expect(
      connectExpectation(
        mtls,
        { tls: { ca: 'root-ca', verifyPeer: true, cert: 'client-rsa' }, credentials: { username: 'x', password: 'y' } },
        'cassandra-node',
      ),
    ).toEqual({ kind: 'auth-refused' });
  });
  it('the judge: side must match; a server hides its reason', () => {
    expect(meets({ kind: 'tls-refused', by: 'server', reason: 'untrusted' }, { kind: 'tls-refused', by: 'server' }).ok).toBe(true);
    expect(meets({ kind: 'tls-refused', by: 'client', reason: 'hostname' }, { kind: 'tls-refused', by: 'client', reason: 'untrusted' }).ok).toBe(false);
    expect(meets({ kind: 'tls-refused', by: 'client' }, { kind: 'tls-refused', by: 'server' }).ok).toBe(false);
    expect(meets({ kind: 'ok', masked: true }, { kind: 'ok', masked: false }).ok).toBe(false);
  });
});
