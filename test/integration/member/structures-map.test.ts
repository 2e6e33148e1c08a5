// IMap end to end with the official Node client against the secured reference member: every map
// operation the client can send without Java classes on the member, granted with exactly the
// MapPermission action the real member requires and refused without it (see structures-support.ts).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MemberLogEntry } from '../../../harness/hazelcast/reference-member/index.ts';
import { connect, declareCases, deniedText, type Case, type HazelcastClient } from './structures-support.ts';
import { timed, Tracker } from './support.ts';

const tracker = new Tracker();
let client: HazelcastClient;
let events: readonly MemberLogEntry[];

const map = (c: HazelcastClient, name: string) => c.getMap<string, string>(name);
const seeded = async (c: HazelcastClient, name: string) => {
  const m = await map(c, name);
  await m.put('k', 'v');
  return m;
};

const cases: Case[] = [
  { op: 'map.put', type: 'map', action: 'put', run: async (c, n) => (await map(c, n)).put('k', 'v'), expected: null },
  { op: 'map.set', type: 'map', action: 'put', run: async (c, n) => (await map(c, n)).set('k', 'v') },
  { op: 'map.putIfAbsent', type: 'map', action: 'put', run: async (c, n) => (await map(c, n)).putIfAbsent('k', 'v'), expected: null },
  { op: 'map.putTransient', type: 'map', action: 'put', run: async (c, n) => (await map(c, n)).putTransient('k', 'v') },
  { op: 'map.tryPut', type: 'map', action: 'put', run: async (c, n) => (await map(c, n)).tryPut('k', 'v', 100), expected: true },
  { op: 'map.putAll', type: 'map', action: 'put', run: async (c, n) => (await map(c, n)).putAll([['a', '1'], ['b', '2']]) },
  { op: 'map.replace', type: 'map', action: 'put', setup: ['put'], run: async (c, n) => (await seeded(c, n)).replace('k', 'w'), expected: 'v' },
  { op: 'map.replaceIfSame', type: 'map', action: 'put', setup: ['put'], run: async (c, n) => (await seeded(c, n)).replaceIfSame('k', 'v', 'w'), expected: true },
  { op: 'map.setTtl', type: 'map', action: 'put', setup: ['put'], run: async (c, n) => (await seeded(c, n)).setTtl('k', 60_000), expected: true },
  { op: 'map.flush', type: 'map', action: 'put', run: async (c, n) => (await map(c, n)).flush() },
  { op: 'map.get', type: 'map', action: 'read', setup: ['put'], run: async (c, n) => (await seeded(c, n)).get('k'), expected: 'v' },
  { op: 'map.containsKey', type: 'map', action: 'read', setup: ['put'], run: async (c, n) => (await seeded(c, n)).containsKey('k'), expected: true },
  { op: 'map.containsValue', type: 'map', action: 'read', setup: ['put'], run: async (c, n) => (await seeded(c, n)).containsValue('v'), expected: true },
  { op: 'map.size', type: 'map', action: 'read', setup: ['put'], run: async (c, n) => (await seeded(c, n)).size(), expected: 1 },
  { op: 'map.isEmpty', type: 'map', action: 'read', run: async (c, n) => (await map(c, n)).isEmpty(), expected: true },
  { op: 'map.keySet', type: 'map', action: 'read', setup: ['put'], run: async (c, n) => (await seeded(c, n)).keySet(), expected: ['k'] },
  { op: 'map.values', type: 'map', action: 'read', setup: ['put'], run: async (c, n) => (await (await seeded(c, n)).values()).toArray(), expected: ['v'] },
  { op: 'map.entrySet', type: 'map', action: 'read', setup: ['put'], run: async (c, n) => (await seeded(c, n)).entrySet(), expected: [['k', 'v']] },
  { op: 'map.getAll', type: 'map', action: 'read', setup: ['put'], run: async (c, n) => (await seeded(c, n)).getAll(['k', 'x']), expected: [['k', 'v']] },
  {
    op: 'map.getEntryView',
    type: 'map',
    action: 'read',
    setup: ['put'],
    run: async (c, n) => {
      const view = await (await seeded(c, n)).getEntryView('k');
      return [view?.key, view?.value];
    },
    expected: ['k', 'v'],
  },
  { op: 'map.remove', type: 'map', action: 'remove', setup: ['put'], run: async (c, n) => (await seeded(c, n)).remove('k'), expected: 'v' },
  { op: 'map.removeIfSame', type: 'map', action: 'remove', setup: ['put'], run: async (c, n) => (await seeded(c, n)).remove('k', 'v'), expected: true },
  { op: 'map.delete', type: 'map', action: 'remove', setup: ['put'], run: async (c, n) => (await seeded(c, n)).delete('k') },
  { op: 'map.tryRemove', type: 'map', action: 'remove', setup: ['put'], run: async (c, n) => (await seeded(c, n)).tryRemove('k', 100), expected: true },
  { op: 'map.clear', type: 'map', action: 'remove', setup: ['put'], run: async (c, n) => (await seeded(c, n)).clear() },
  { op: 'map.evict', type: 'map', action: 'remove', setup: ['put'], run: async (c, n) => (await seeded(c, n)).evict('k'), expected: true },
  { op: 'map.evictAll', type: 'map', action: 'remove', setup: ['put'], run: async (c, n) => (await seeded(c, n)).evictAll() },
  { op: 'map.addIndex', type: 'map', action: 'index', run: async (c, n) => (await map(c, n)).addIndex({ type: 'SORTED', attributes: ['this'] }) },
  {
    op: 'map.lock',
    type: 'map',
    action: 'lock',
    run: async (c, n) => {
      const m = await map(c, n);
      await m.lock('k');
      const locked = await m.isLocked('k');
      await m.unlock('k');
      return [locked, await m.isLocked('k')];
    },
    expected: [true, false],
  },
  {
    op: 'map.tryLock',
    type: 'map',
    action: 'lock',
    run: async (c, n) => {
      const m = await map(c, n);
      const got = await m.tryLock('k');
      await m.forceUnlock('k');
      return [got, await m.isLocked('k')];
    },
    expected: [true, false],
  },
  { op: 'map.isLocked', type: 'map', action: 'lock', run: async (c, n) => (await map(c, n)).isLocked('k'), expected: false },
  {
    op: 'map.addEntryListener',
    type: 'map',
    action: 'listen',
    setup: ['put'],
    run: async (c, n) => {
      const m = await map(c, n);
      // A refused registration must reject the test's promise, not leave it waiting for an event.
      const added = new Promise<string>((resolve, reject) => {
        m.addEntryListener({ added: (e) => resolve(`${e.key}=${e.value}`) }, undefined, true).then(() => m.put('k', 'v')).catch(reject);
      });
      return added;
    },
    expected: 'k=v',
  },
  {
    op: 'map.addEntryListenerToKey',
    type: 'map',
    action: 'listen',
    setup: ['put', 'remove'],
    run: async (c, n) => {
      const m = await map(c, n);
      const removed = new Promise<string>((resolve, reject) => {
        m
          .addEntryListener({ removed: (e) => resolve(`${e.key} removed, was ${e.oldValue}`) }, 'k', true)
          .then(async (id) => {
            await m.put('other', 'x');
            await m.put('k', 'v');
            await m.remove('other');
            await m.remove('k');
            return id;
          })
          .catch(reject);
      });
      return removed;
    },
    expected: 'k removed, was v',
  },
  {
    op: 'map.removeEntryListener',
    type: 'map',
    action: 'listen',
    run: async (c, n) => {
      const m = await map(c, n);
      const id = await m.addEntryListener({});
      return m.removeEntryListener(id);
    },
    expected: true,
  },
];

beforeAll(async () => {
  const started = await connect(
    tracker,
    cases,
    `<map-permission name="proxy.ok" principal="dev"><actions><action>create</action><action>destroy</action></actions></map-permission>
     <map-permission name="proxy.nodestroy" principal="dev"><actions><action>create</action></actions></map-permission>`,
  );
  client = started.client;
  events = started.member.events;
});
afterAll(() => tracker.stopAll());

describe('map', () => {
  declareCases(cases, () => client);

  test('getMap needs map create; destroy needs map destroy', async () => {
    const denied = await timed(client.getMap('proxy.nocreate'));
    expect(denied.error?.message).toContain(deniedText('map', 'proxy.nocreate', 'create'));
    const ok = await client.getMap('proxy.ok');
    await ok.destroy();
    const keep = await client.getMap('proxy.nodestroy');
    const { error } = await timed(keep.destroy());
    expect(error?.message).toContain(deniedText('map', 'proxy.nodestroy', 'destroy'));
  });

  test('every decision is in the member log with the operation and its permission', () => {
    const decisions = events.filter((e): e is Extract<MemberLogEntry, { kind: 'permission' }> => e.kind === 'permission');
    expect(decisions.some((d) => d.operation === 'Map.AddIndex' && d.permission.action === 'index' && d.granted)).toBe(true);
    expect(decisions.some((d) => d.operation === 'Map.Lock' && d.permission.action === 'lock' && !d.granted)).toBe(true);
  });
});
