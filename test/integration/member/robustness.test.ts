// Several clients at once, malformed input on one connection, unknown message types, failed
// authentication answered before closing, and a clean stop — with the official client alongside.
import { createServer } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { ClientPing, ClientStatistics, MapPut } from '../../../harness/hazelcast/reference-member/protocol/definitions/index.ts';
import { decodeResponse } from '../../../harness/hazelcast/reference-member/protocol/codec.ts';
import { errorHolders, memberConfig, plainConfig, RawConnection, timed, Tracker } from './support.ts';

const tracker = new Tracker();
const raws: RawConnection[] = [];
afterEach(async () => {
  for (const r of raws.splice(0)) r.destroy();
  await tracker.stopAll();
});

async function raw(member: { host: string; port: number }): Promise<RawConnection> {
  const r = await RawConnection.open(member);
  raws.push(r);
  return r;
}

const le32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b;
};

describe('many clients at once', () => {
  test('smart and unisocket clients share one member and see each other\'s data', async () => {
    const member = await tracker.member({ config: plainConfig() });
    const clients = await Promise.all(
      [true, true, true, false, false, false].map((smartRouting) => tracker.client(member, { network: { smartRouting } })),
    );
    await Promise.all(
      clients.map(async (c, i) => {
        const map = await c.getMap<string, number>('shared');
        for (let j = 0; j < 50; j++) await map.put(`c${i}-${j}`, j);
      }),
    );
    const reader = await clients[0]!.getMap<string, number>('shared');
    for (let i = 0; i < clients.length; i++) expect(await reader.get(`c${i}-49`)).toBe(49);
    expect(member.connectionCount()).toBe(clients.length);
    expect(member.events.filter((e) => e.kind === 'authentication' && e.status === 'AUTHENTICATED')).toHaveLength(clients.length);
  });

  test('entry and distributed-object listeners receive events', async () => {
    const member = await tracker.member({ config: plainConfig() });
    const a = await tracker.client(member);
    const b = await tracker.client(member, { network: { smartRouting: false } });
    const seen: string[] = [];
    const objects: string[] = [];
    await b.addDistributedObjectListener((e) => objects.push(`${e.eventType}:${e.objectName}`));
    const mapB = await b.getMap<string, string>('watched');
    await mapB.addEntryListener(
      {
        added: (e) => seen.push(`added ${e.key}=${e.value}`),
        updated: (e) => seen.push(`updated ${e.key}=${e.value} (was ${e.oldValue})`),
        removed: (e) => seen.push(`removed ${e.key} (was ${e.oldValue})`),
      },
      undefined,
      true,
    );
    const mapA = await a.getMap<string, string>('watched');
    await mapA.put('k', 'v1');
    await mapA.put('k', 'v2');
    await mapA.remove('k');
    await (await a.getMap('created-later')).put('x', 'y');
    const deadline = Date.now() + 5_000;
    while ((seen.length < 3 || !objects.includes('created:created-later')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(['added k=v1', 'updated k=v2 (was v1)', 'removed k (was v2)']);
    expect(objects).toContain('created:created-later');
  });
});

describe('malformed input closes only that connection', () => {
  const cases: Array<{ name: string; violation: string; send: (r: RawConnection) => void }> = [
    { name: 'bad protocol header', violation: 'bad-protocol-header', send: (r) => r.write('XYZ') },
    { name: 'binary garbage (a TLS hello on the plain port)', violation: 'bad-protocol-header', send: (r) => r.write(Buffer.from('16030100a5010000a10303', 'hex')) },
    { name: 'member protocol header', violation: 'bad-protocol-header', send: (r) => r.write('HZC') },
    { name: 'oversized frame', violation: 'frame-too-large', send: (r) => r.write(Buffer.concat([Buffer.from('CP2'), le32(1 << 30), Buffer.from([0, 0xc0])])) },
    { name: 'frame shorter than its header', violation: 'frame-too-short', send: (r) => r.write(Buffer.concat([Buffer.from('CP2'), le32(3), Buffer.from([0, 0xe0])])) },
    {
      name: 'truncated frame, then end of stream',
      violation: 'truncated',
      send: (r) => {
        r.write(Buffer.concat([Buffer.from('CP2'), le32(100), Buffer.from([0, 0xe0]), Buffer.alloc(10)]));
        r.end();
      },
    },
    {
      name: 'authentication request with missing frames',
      violation: 'malformed-message',
      send: (r) => {
        const initial = Buffer.alloc(16 + 18);
        initial.writeInt32LE(0x000100, 0);
        r.write(Buffer.concat([Buffer.from('CP2'), le32(6 + initial.length), Buffer.from([0, 0xe0]), initial]));
      },
    },
  ];

  for (const c of cases) {
    test(c.name, async () => {
      const member = await tracker.member({ config: plainConfig(), limits: { maxFrameBytes: 1024 * 1024 } });
      const healthy = await tracker.client(member);
      const map = await healthy.getMap<string, string>('m');
      await map.put('before', '1');
      const bad = await raw(member);
      c.send(bad);
      await bad.waitClosed();
      const logged = await member.waitForEvent((e) => e.kind === 'protocol-violation', 2_000);
      expect(logged).toMatchObject({ violation: c.violation });
      expect(logged.text).toContain('closing');
      // The healthy client did not notice.
      await map.put('after', '2');
      expect(await map.get('before')).toBe('1');
      expect(member.connectionCount()).toBe(1);
    });
  }
});

describe('protocol behaviour of the real member', () => {
  test('an unknown message type gets UnsupportedOperationException and the connection stays open', async () => {
    const member = await tracker.member({ config: plainConfig() });
    const r = await raw(member);
    expect((await r.authenticate()).status).toBe(0);
    r.send({ ...ClientPing, id: 0x7f0100, name: 'Unknown.Op' }, {});
    const [holder] = errorHolders(await r.next());
    expect(holder).toMatchObject({ errorCode: 61, className: 'java.lang.UnsupportedOperationException', message: 'Unrecognized client message received with type: 0x7f0100' });
    expect(member.events.find((e) => e.kind === 'unknown-message')).toMatchObject({ messageType: 0x7f0100 });
    const ping = r.send(ClientPing, {});
    const reply = await r.next();
    expect(reply[0]!.content.readInt32LE(0)).toBe(ClientPing.id + 1);
    expect(reply[0]!.content.readBigInt64LE(4)).toBe(ping);
    expect(r.isClosed).toBe(false);
  });

  test('an operation before authentication is refused (RetryableHazelcastException caused by AuthenticationException) and the connection closed', async () => {
    const member = await tracker.member({ config: plainConfig() });
    const r = await raw(member);
    r.write('CP2');
    r.send(ClientPing, {});
    const holders = errorHolders(await r.next());
    expect(holders.map((h) => h.className)).toEqual(['com.hazelcast.spi.exception.RetryableHazelcastException', 'com.hazelcast.client.AuthenticationException']);
    await r.waitClosed();
  });

  test('ping and statistics are answered', async () => {
    const member = await tracker.member({ config: plainConfig() });
    const r = await raw(member);
    await r.authenticate();
    r.send(ClientPing, {});
    r.send(ClientStatistics, { timestamp: BigInt(Date.now()), clientAttributes: 'lastStatisticsCollectionTime=1', metricsBlob: Buffer.from([1, 2, 3]) });
    expect((await r.next())[0]!.content.readInt32LE(0)).toBe(ClientPing.id + 1);
    expect((await r.next())[0]!.content.readInt32LE(0)).toBe(ClientStatistics.id + 1);
  });

  test('a client sending statistics and frequent heartbeats keeps working', async () => {
    const member = await tracker.member({ config: plainConfig() });
    const client = await tracker.client(member, {
      properties: {
        'hazelcast.client.statistics.enabled': true,
        'hazelcast.client.statistics.period.seconds': 1,
        'hazelcast.client.heartbeat.interval': 300,
        'hazelcast.client.heartbeat.timeout': 2_000,
      },
    });
    const map = await client.getMap<string, number>('m');
    await map.put('a', 1);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await map.get('a')).toBe(1);
    expect(client.getLifecycleService().isRunning()).toBe(true);
    expect(member.connectionCount()).toBe(1);
  });

  test('Map.Put through the member codec returns the previous value', async () => {
    const member = await tracker.member({ config: plainConfig() });
    const r = await raw(member);
    await r.authenticate();
    const key = Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xf9, 0, 0, 0, 1]);
    r.send(MapPut, { threadId: 1n, ttl: -1n, name: 'm', key, value: Buffer.from('first') });
    expect(decodeResponse(MapPut, await r.next()).response).toBeNull();
    r.send(MapPut, { threadId: 1n, ttl: -1n, name: 'm', key, value: Buffer.from('second') });
    expect(decodeResponse(MapPut, await r.next()).response).toEqual(Buffer.from('first'));
  });
});

describe('authentication refusals are answered before closing', () => {
  test('wrong cluster name: CREDENTIALS_FAILED, no member UUID or address, then close', async () => {
    const member = await tracker.member({ config: plainConfig() });
    const r = await raw(member);
    const res = await r.authenticate('other-cluster');
    expect(res).toMatchObject({ status: 1, memberUuid: null, address: null, partitionCount: 271, serializationVersion: 1, clusterId: member.clusterId });
    await r.waitClosed(3_000);
    expect(member.events.find((e) => e.kind === 'authentication')).toMatchObject({ status: 'CREDENTIALS_FAILED', clusterName: 'other-cluster' });
  });

  test('username and password with security disabled: CREDENTIALS_FAILED', async () => {
    const member = await tracker.member({ config: plainConfig() });
    const r = await raw(member);
    expect((await r.authenticate('dev', 1, { username: 'u', password: 'secret-pw' })).status).toBe(1);
    const entry = member.events.find((e) => e.kind === 'authentication')!;
    expect(JSON.stringify(member.events)).not.toContain('secret-pw');
    expect(entry.text).toContain('username "u"');
  });

  test('serialization version mismatch: status 2', async () => {
    const member = await tracker.member({ config: plainConfig() });
    const r = await raw(member);
    expect((await r.authenticate('dev', 9)).status).toBe(2);
    await r.waitClosed(3_000);
  });

  test('the official client with a wrong cluster name fails within its connect timeout, not 60 s', async () => {
    const member = await tracker.member({ config: memberConfig('', 'prod') });
    const log = { lines: [] as string[] };
    const { ms, error } = await timed(tracker.client(member, { clusterName: 'dev' }, log));
    expect(error?.message).toMatch(/Unable to connect|cluster/i);
    expect(ms).toBeLessThan(10_000);
    expect(log.lines.join('\n')).toContain('does not match the one configured in the cluster');
  });
});

describe('stop', () => {
  test('closes every connection and frees the port', async () => {
    const member = await tracker.member({ config: plainConfig() });
    const client = await tracker.client(member);
    const r = await raw(member);
    await r.authenticate();
    await member.stop();
    await r.waitClosed(2_000);
    expect(member.connectionCount()).toBe(0);
    expect(member.events.at(-1)?.kind).toBe('stopped');
    await new Promise<void>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(member.port, '127.0.0.1', () => s.close(() => resolve()));
    });
    await client.shutdown();
  });
});
