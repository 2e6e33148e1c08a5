// The CP structures (fenced lock, atomic long / reference, countdown latch, session-aware
// semaphore) end to end with the official Node client against the secured reference member: each
// operation granted with exactly the permission the real member's CP message task asks for and
// refused without it, plus the behaviour the client relies on (fences, reentrancy, permits, values).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect, declareCases, deniedText, num, type Case, type HazelcastClient } from './structures-support.ts';
import { timed, Tracker } from './support.ts';

const tracker = new Tracker();
let client: HazelcastClient;

const cp = (c: HazelcastClient) => c.getCPSubsystem();

const cases: Case[] = [
  {
    op: 'lock.lock',
    type: 'lock',
    action: 'lock',
    run: async (c, n) => {
      const lock = await cp(c).getLock(n);
      const fence = await lock.lock();
      // Every call of the Node client is its own "thread": a second acquire is another owner's.
      const other = await lock.tryLock();
      await lock.unlock(fence);
      return [num(fence) > 0, other];
    },
    expected: [true, undefined],
  },
  { op: 'lock.tryLock', type: 'lock', action: 'lock', run: async (c, n) => { const l = await cp(c).getLock(n); const f = await l.tryLock(); await l.unlock(f!); return f !== undefined; }, expected: true },
  { op: 'lock.isLocked', type: 'lock', action: 'read', run: async (c, n) => (await cp(c).getLock(n)).isLocked(), expected: false },
  { op: 'atomiclong.get', type: 'atomic-long', action: 'read', run: async (c, n) => num(await (await cp(c).getAtomicLong(n)).get()), expected: 0 },
  {
    op: 'atomiclong.addAndGet',
    type: 'atomic-long',
    action: 'modify',
    run: async (c, n) => {
      const a = await cp(c).getAtomicLong(n);
      return [num(await a.addAndGet(5)), num(await a.getAndAdd(2)), await a.compareAndSet(7, 1), num(await a.getAndSet(9))];
    },
    expected: [5, 5, true, 1],
  },
  { op: 'atomicref.get', type: 'atomic-reference', action: 'read', run: async (c, n) => (await cp(c).getAtomicReference<string>(n)).get(), expected: null },
  {
    op: 'atomicref.set',
    type: 'atomic-reference',
    action: 'modify',
    run: async (c, n) => {
      const r = await cp(c).getAtomicReference<string>(n);
      await r.set('a');
      return [await r.getAndSet('b'), await r.compareAndSet('b', 'c')];
    },
    expected: ['a', true],
  },
  { op: 'countdownlatch.getCount', type: 'countdown-latch', action: 'read', run: async (c, n) => (await cp(c).getCountDownLatch(n)).getCount(), expected: 0 },
  {
    op: 'countdownlatch.trySetCount',
    type: 'countdown-latch',
    action: 'modify',
    run: async (c, n) => {
      const l = await cp(c).getCountDownLatch(n);
      return [await l.trySetCount(2), await l.trySetCount(3)];
    },
    expected: [true, false],
  },
  { op: 'semaphore.init', type: 'semaphore', action: 'release', run: async (c, n) => (await cp(c).getSemaphore(n)).init(2), expected: true },
  { op: 'semaphore.availablePermits', type: 'semaphore', action: 'read', run: async (c, n) => (await cp(c).getSemaphore(n)).availablePermits(), expected: 0 },
];

beforeAll(async () => {
  const started = await connect(
    tracker,
    cases,
    `<semaphore-permission name="permits" principal="dev"><actions><action>acquire</action><action>release</action><action>read</action></actions></semaphore-permission>
     <countdown-latch-permission name="latch" principal="dev"><actions><action>read</action><action>modify</action></actions></countdown-latch-permission>
     <atomic-long-permission name="gone" principal="dev"><actions><action>modify</action><action>read</action></actions></atomic-long-permission>
     <lock-permission name="shared" principal="dev"><actions><action>lock</action><action>read</action></actions></lock-permission>`,
  );
  client = started.client;
});
afterAll(() => tracker.stopAll());

describe('CP structures', () => {
  declareCases(cases, () => client);

  test('a session-aware semaphore hands out and takes back permits', async () => {
    const s = await cp(client).getSemaphore('permits');
    expect(await s.init(2)).toBe(true);
    expect(await s.tryAcquire(2)).toBe(true);
    expect(await s.availablePermits()).toBe(0);
    expect(await s.tryAcquire(1, 0)).toBe(false);
    await s.release(2);
    expect(await s.availablePermits()).toBe(2);
  });

  test('a countdown latch counts down to zero and await then answers at once', async () => {
    const l = await cp(client).getCountDownLatch('latch');
    expect(await l.trySetCount(2)).toBe(true);
    await l.countDown();
    expect(await l.getCount()).toBe(1);
    expect(await l.await(0)).toBe(false);
    await l.countDown();
    expect(await l.await(1000)).toBe(true);
  });

  test('a lock held by the client shows as locked until unlocked', async () => {
    const l = await cp(client).getLock('shared');
    const fence = await l.lock();
    expect(await l.isLocked()).toBe(true);
    await l.unlock(fence);
    expect(await l.isLocked()).toBe(false);
  });

  test('destroying a CP object needs the destroy action of its type', async () => {
    const a = await cp(client).getAtomicLong('gone');
    await a.set(3);
    const { error } = await timed(a.destroy());
    expect(error?.message).toContain(deniedText('atomic-long', 'gone', 'destroy'));
  });
});
