import { describe, expect, it } from 'vitest';
import { classifyAttempt } from '../../../harness/clients/classify.ts';

const none = { connected: false, clientErrors: [] as string[], memberEvents: [] };

describe('classifyAttempt', () => {
  it('a connected client reports who the member says it is', () => {
    expect(
      classifyAttempt({ connected: true, clientErrors: [], memberEvents: [{ kind: 'auth', status: 'AUTHENTICATED', identity: 'CN=admin,OU=Devs,O=Hazelcast', roles: ['admin'], detail: '' }] }),
    ).toEqual({ kind: 'connected', subject: { identity: 'CN=admin,OU=Devs,O=Hazelcast', roles: ['admin'] } });
  });

  it('the client refusing the member certificate is a client-side refusal', () => {
    expect(classifyAttempt({ ...none, clientErrors: ['Error during initial connection Error: certificate has expired'] })).toEqual({
      kind: 'tls-refused',
      side: 'client',
      reason: 'CERT_EXPIRED',
    });
  });

  it("the member's own reason wins over the alert the client received", () => {
    expect(
      classifyAttempt({
        ...none,
        clientErrors: ['Error: tlsv1 alert unknown ca'],
        memberEvents: [{ kind: 'tls-refused', decidedBy: 'member', reason: 'CLIENT_CERT_REQUIRED', detail: 'peer did not return a certificate' }],
      }),
    ).toEqual({ kind: 'tls-refused', side: 'member', reason: 'CLIENT_CERT_REQUIRED' });
  });

  it('an alert alone still names the member as the side that refused', () => {
    expect(classifyAttempt({ ...none, clientErrors: ['Error: sslv3 alert handshake failure'] })).toEqual({ kind: 'tls-refused', side: 'member', reason: 'NO_SHARED_CIPHER' });
  });

  it('authentication status comes from the member, else from the client error', () => {
    expect(classifyAttempt({ ...none, memberEvents: [{ kind: 'auth', status: 'CREDENTIALS_FAILED', detail: '' }] })).toEqual({ kind: 'auth-refused', status: 'CREDENTIALS_FAILED' });
    expect(classifyAttempt({ ...none, clientErrors: ['ClientNotAllowedInClusterError: Client is not allowed in the cluster.'] })).toEqual({
      kind: 'auth-refused',
      status: 'NOT_ALLOWED_IN_CLUSTER',
    });
  });

  it('anything else is an error carrying the last words, never a pass', () => {
    const o = classifyAttempt({ ...none, clientErrors: ['Error: connect ECONNREFUSED 127.0.0.1:1'] });
    expect(o.kind).toBe('error');
  });
});
