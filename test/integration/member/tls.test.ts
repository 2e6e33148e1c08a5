// The official client against the member over real TLS: versions, cipher suites, mutual
// authentication, with the default PKI set.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { MemberLogEntry } from '../../../harness/hazelcast/reference-member/index.ts';
import { timed, Tracker } from './support.ts';
import { clientTls, defaultPki, tlsMemberConfig } from './tls-support.ts';

const tracker = new Tracker();
afterEach(() => tracker.stopAll());
afterAll(() => tracker.stopAll());
beforeAll(async () => {
  await defaultPki();
}, 120_000);

const established = (events: readonly MemberLogEntry[]) => events.filter((e) => e.kind === 'tls-established') as Array<Extract<MemberLogEntry, { kind: 'tls-established' }>>;

/** A refused connection must end within the client's bounded connect timeout, not the 60 s heartbeat. */
const FAST_FAILURE_MS = 10_000;

/**
 * With TLS 1.3 the client's handshake completes before the member judges its certificate (the
 * client's Finished comes first, as with a real member's JSSE); the member then drops the connection
 * and the Node client, which only fails a pending authentication on its timeout, waits
 * hazelcast.client.heartbeat.timeout (60 s by default). Bound that wait in the client; the member
 * itself classifies the refusal at once (checked below).
 */
const boundedAuthWait = { 'hazelcast.client.heartbeat.timeout': 4_000, 'hazelcast.client.heartbeat.interval': 1_000 };

/** The member logged the refusal within a moment of the connection opening. */
function expectPromptRefusal(events: readonly MemberLogEntry[], pattern: RegExp): void {
  const opened = events.find((e) => e.kind === 'connection-opened');
  const failed = events.find((e) => e.kind === 'tls-failed' && pattern.test(e.error));
  expect(opened).toBeDefined();
  expect(failed, JSON.stringify(events.map((e) => e.text))).toBeDefined();
  expect(Date.parse(failed!.time) - Date.parse(opened!.time)).toBeLessThan(1_000);
}

describe('TLS versions', () => {
  for (const [protocol, expected] of [
    ['TLSv1.2', 'TLSv1.2'],
    ['TLSv1.3', 'TLSv1.3'],
    ['TLS', 'TLSv1.3'],
  ] as const) {
    test(`member protocol ${protocol}: client connects over ${expected}`, async () => {
      const member = await tracker.member({ config: await tlsMemberConfig({ protocol }) });
      const client = await tracker.client(member, { network: await clientTls() });
      const map = await client.getMap<string, string>('m');
      await map.put('k', 'v');
      expect(await map.get('k')).toBe('v');
      const [tls] = established(member.events);
      expect(tls).toMatchObject({ protocol: expected, peerSubject: null });
      expect(tls!.text).toContain(expected);
    });
  }

  // JDK 17 disables TLS 1.0 / 1.1 (jdk.tls.disabledAlgorithms): a member pinned to one has no enabled
  // protocol, so even a client offering exactly that version is refused in the handshake.
  for (const protocol of ['TLSv1.1', 'TLSv1'] as const) {
    test(`member protocol ${protocol}: refused like a default JDK 17 member, even for a ${protocol} client`, async () => {
      const member = await tracker.member({ config: await tlsMemberConfig({ protocol }) });
      const { ms, error } = await timed(tracker.client(member, { network: await clientTls({ tls: { minVersion: protocol, maxVersion: protocol, ciphers: 'DEFAULT@SECLEVEL=0' } }) }));
      expect(error).toBeDefined();
      expect(ms).toBeLessThan(FAST_FAILURE_MS);
      expect(established(member.events)).toEqual([]);
      const failed = member.events.find((e) => e.kind === 'tls-failed');
      expect(failed?.kind === 'tls-failed' && failed.error).toMatch(/No appropriate protocol/);
    });
  }

  test('member TLSv1.2 only, client TLSv1.3 only: refused in the handshake, quickly', async () => {
    const member = await tracker.member({ config: await tlsMemberConfig({ protocol: 'TLSv1.2' }) });
    const { ms, error } = await timed(tracker.client(member, { network: await clientTls({ tls: { minVersion: 'TLSv1.3' } }) }));
    expect(error).toBeDefined();
    expect(ms).toBeLessThan(FAST_FAILURE_MS);
    const failed = member.events.find((e) => e.kind === 'tls-failed');
    expect(failed?.kind === 'tls-failed' && failed.error).toMatch(/version|protocol/i);
    // Tied to the TCP connection it happened on.
    expect(failed?.kind === 'tls-failed' && failed.connectionId).toBe(member.events.find((e) => e.kind === 'connection-opened')?.connectionId);
  });
});

describe('cipher suites', () => {
  test('the configured suite is negotiated', async () => {
    const member = await tracker.member({ config: await tlsMemberConfig({ protocol: 'TLSv1.2', ciphersuites: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' }) });
    await tracker.client(member, { network: await clientTls() });
    expect(established(member.events)[0]).toMatchObject({ protocol: 'TLSv1.2', cipher: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' });
  });

  test('no suite in common: refused in the handshake, quickly', async () => {
    const member = await tracker.member({ config: await tlsMemberConfig({ protocol: 'TLSv1.2', ciphersuites: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' }) });
    const { ms, error } = await timed(tracker.client(member, { network: await clientTls({ tls: { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES256-GCM-SHA384' } }) }));
    expect(error).toBeDefined();
    expect(ms).toBeLessThan(FAST_FAILURE_MS);
    const failed = member.events.find((e) => e.kind === 'tls-failed');
    expect(failed?.kind === 'tls-failed' && failed.error).toMatch(/cipher|shared/i);
  });
});

describe('mutual authentication', () => {
  for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
    describe(version, () => {
      test('REQUIRED with a trusted client certificate: connected, subject logged', async () => {
        const member = await tracker.member({ config: await tlsMemberConfig({ protocol: version, mutualAuthentication: 'REQUIRED' }) });
        const client = await tracker.client(member, { network: await clientTls({ certId: 'client-rsa' }) });
        await (await client.getMap('m')).put('a', 'b');
        expect(established(member.events)[0]).toMatchObject({ peerSubject: 'CN=client,OU=Devs,O=Hazelcast', peerVerified: true });
      });

      test('REQUIRED without a client certificate: refused, quickly', async () => {
        const member = await tracker.member({ config: await tlsMemberConfig({ protocol: version, mutualAuthentication: 'REQUIRED' }) });
        const { ms, error } = await timed(tracker.client(member, { network: await clientTls(), properties: boundedAuthWait }));
        expect(error).toBeDefined();
        expect(ms).toBeLessThan(FAST_FAILURE_MS);
        expectPromptRefusal(member.events, /certificate/i);
        expect(member.events.some((e) => e.kind === 'authentication')).toBe(false);
      });

      test('OPTIONAL without a client certificate: connected', async () => {
        const member = await tracker.member({ config: await tlsMemberConfig({ protocol: version, mutualAuthentication: 'OPTIONAL', javaxPropertyName: true }) });
        await tracker.client(member, { network: await clientTls() });
        expect(established(member.events)[0]).toMatchObject({ peerSubject: null, peerVerified: false });
      });

      test('OPTIONAL with a trusted client certificate: connected, subject logged', async () => {
        const member = await tracker.member({ config: await tlsMemberConfig({ protocol: version, mutualAuthentication: 'OPTIONAL' }) });
        await tracker.client(member, { network: await clientTls({ certId: 'client-admin' }) });
        expect(established(member.events)[0]).toMatchObject({ peerSubject: 'CN=admin,OU=Devs,O=Hazelcast', peerVerified: true });
      });

      test('OPTIONAL with an untrusted client certificate: refused, quickly', async () => {
        const member = await tracker.member({ config: await tlsMemberConfig({ protocol: version, mutualAuthentication: 'OPTIONAL' }) });
        const { ms, error } = await timed(tracker.client(member, { network: await clientTls({ certId: 'client-untrusted-ca' }), properties: boundedAuthWait }));
        expect(error).toBeDefined();
        expect(ms).toBeLessThan(FAST_FAILURE_MS);
        expectPromptRefusal(member.events, /not trusted/i);
        expect(member.events.some((e) => e.kind === 'authentication')).toBe(false);
      });
    });
  }
});
