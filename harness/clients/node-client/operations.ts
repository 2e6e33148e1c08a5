// What the official Node client can do after connecting, by operation name of the permission
// catalogue (matrices/permission-catalogue.yaml): each runs the client's public API on one object
// and resolves when the member answered. Operations the client has no API for are listed with the
// reason, so their cells are reported not applicable instead of dropped.
import type { Client } from 'hazelcast-client';

export type NodeOperation = (hz: Client, objectName: string) => Promise<void>;

const KEY = 'secmatrix-key';
const VALUE = 'secmatrix-value';
/** Listeners only need to be registered: the registration is what the member checks. */
const ignore = (): void => undefined;

export const NODE_OPERATIONS: Readonly<Record<string, NodeOperation>> = {
  // ---- map ----
  'map.create': async (hz, n) => void (await hz.getMap(n)),
  'map.destroy': async (hz, n) => (await hz.getMap(n)).destroy(),
  'map.put': async (hz, n) => void (await (await hz.getMap<string, string>(n)).put(KEY, VALUE)),
  'map.get': async (hz, n) => void (await (await hz.getMap<string, string>(n)).get(KEY)),
  'map.remove': async (hz, n) => void (await (await hz.getMap<string, string>(n)).remove(KEY)),
  'map.lock': async (hz, n) => {
    const map = await hz.getMap<string, string>(n);
    await map.lock(KEY);
    await map.unlock(KEY);
  },
  'map.addIndex': async (hz, n) => (await hz.getMap(n)).addIndex({ type: 'SORTED', attributes: ['this'] }),
  'map.addEntryListener': async (hz, n) => void (await (await hz.getMap<string, string>(n)).addEntryListener({ added: ignore }, undefined, false)),
  // ---- queue ----
  'queue.create': async (hz, n) => void (await hz.getQueue(n)),
  'queue.destroy': async (hz, n) => (await hz.getQueue(n)).destroy(),
  'queue.offer': async (hz, n) => void (await (await hz.getQueue<string>(n)).offer(VALUE)),
  'queue.poll': async (hz, n) => void (await (await hz.getQueue<string>(n)).poll()),
  'queue.peek': async (hz, n) => void (await (await hz.getQueue<string>(n)).peek()),
  'queue.addItemListener': async (hz, n) => void (await (await hz.getQueue<string>(n)).addItemListener({ itemAdded: ignore }, false)),
  // ---- multimap ----
  'multimap.create': async (hz, n) => void (await hz.getMultiMap(n)),
  'multimap.destroy': async (hz, n) => (await hz.getMultiMap(n)).destroy(),
  'multimap.put': async (hz, n) => void (await (await hz.getMultiMap<string, string>(n)).put(KEY, VALUE)),
  'multimap.get': async (hz, n) => void (await (await hz.getMultiMap<string, string>(n)).get(KEY)),
  'multimap.remove': async (hz, n) => void (await (await hz.getMultiMap<string, string>(n)).remove(KEY, VALUE)),
  'multimap.lock': async (hz, n) => {
    const mm = await hz.getMultiMap<string, string>(n);
    await mm.lock(KEY);
    await mm.unlock(KEY);
  },
  'multimap.addEntryListener': async (hz, n) => void (await (await hz.getMultiMap<string, string>(n)).addEntryListener({ added: ignore }, undefined, false)),
  // ---- replicated map ----
  'replicatedmap.create': async (hz, n) => void (await hz.getReplicatedMap(n)),
  'replicatedmap.destroy': async (hz, n) => (await hz.getReplicatedMap(n)).destroy(),
  'replicatedmap.put': async (hz, n) => void (await (await hz.getReplicatedMap<string, string>(n)).put(KEY, VALUE)),
  'replicatedmap.get': async (hz, n) => void (await (await hz.getReplicatedMap<string, string>(n)).get(KEY)),
  'replicatedmap.remove': async (hz, n) => void (await (await hz.getReplicatedMap<string, string>(n)).remove(KEY)),
  'replicatedmap.addEntryListener': async (hz, n) => void (await (await hz.getReplicatedMap<string, string>(n)).addEntryListener({ added: ignore })),
  // ---- reliable topic (through its ring buffer _hz_rb_<name>) ----
  'reliabletopic.create': async (hz, n) => void (await hz.getReliableTopic(n)),
  'reliabletopic.publish': async (hz, n) => (await hz.getReliableTopic<string>(n)).publish(VALUE),
  'reliabletopic.listen': async (hz, n) => {
    (await hz.getReliableTopic<string>(n)).addMessageListener(ignore);
    // The listener registers locally; its first request to the member reads the ring buffer's
    // tail. Send that request here, so a denial is observed instead of only logged.
    await (await hz.getRingbuffer(`_hz_rb_${n}`)).tailSequence();
  },
  'reliabletopic.destroy': async (hz, n) => (await hz.getReliableTopic(n)).destroy(),
  // ---- list / set ----
  'list.create': async (hz, n) => void (await hz.getList(n)),
  'list.destroy': async (hz, n) => (await hz.getList(n)).destroy(),
  'list.add': async (hz, n) => void (await (await hz.getList<string>(n)).add(VALUE)),
  'list.size': async (hz, n) => void (await (await hz.getList<string>(n)).size()),
  'list.remove': async (hz, n) => void (await (await hz.getList<string>(n)).remove(VALUE)),
  'list.addItemListener': async (hz, n) => void (await (await hz.getList<string>(n)).addItemListener({ itemAdded: ignore }, false)),
  'set.create': async (hz, n) => void (await hz.getSet(n)),
  'set.destroy': async (hz, n) => (await hz.getSet(n)).destroy(),
  'set.add': async (hz, n) => void (await (await hz.getSet<string>(n)).add(VALUE)),
  'set.size': async (hz, n) => void (await (await hz.getSet<string>(n)).size()),
  'set.remove': async (hz, n) => void (await (await hz.getSet<string>(n)).remove(VALUE)),
  'set.addItemListener': async (hz, n) => void (await (await hz.getSet<string>(n)).addItemListener({ itemAdded: ignore }, false)),
  // ---- ring buffer ----
  'ringbuffer.create': async (hz, n) => void (await hz.getRingbuffer(n)),
  'ringbuffer.destroy': async (hz, n) => (await hz.getRingbuffer(n)).destroy(),
  'ringbuffer.add': async (hz, n) => void (await (await hz.getRingbuffer<string>(n)).add(VALUE)),
  'ringbuffer.tailSequence': async (hz, n) => void (await (await hz.getRingbuffer(n)).tailSequence()),
  // ---- CP subsystem ----
  'lock.lock': async (hz, n) => {
    const lock = await hz.getCPSubsystem().getLock(n);
    await lock.unlock(await lock.lock());
  },
  'lock.isLocked': async (hz, n) => void (await (await hz.getCPSubsystem().getLock(n)).isLocked()),
  'lock.destroy': async (hz, n) => (await hz.getCPSubsystem().getLock(n)).destroy(),
  'atomiclong.get': async (hz, n) => void (await (await hz.getCPSubsystem().getAtomicLong(n)).get()),
  'atomiclong.addAndGet': async (hz, n) => void (await (await hz.getCPSubsystem().getAtomicLong(n)).addAndGet(1)),
  'atomiclong.destroy': async (hz, n) => (await hz.getCPSubsystem().getAtomicLong(n)).destroy(),
  'atomicref.get': async (hz, n) => void (await (await hz.getCPSubsystem().getAtomicReference<string>(n)).get()),
  'atomicref.set': async (hz, n) => (await hz.getCPSubsystem().getAtomicReference<string>(n)).set(VALUE),
  'atomicref.destroy': async (hz, n) => (await hz.getCPSubsystem().getAtomicReference(n)).destroy(),
  'countdownlatch.getCount': async (hz, n) => void (await (await hz.getCPSubsystem().getCountDownLatch(n)).getCount()),
  'countdownlatch.trySetCount': async (hz, n) => void (await (await hz.getCPSubsystem().getCountDownLatch(n)).trySetCount(1)),
  'countdownlatch.destroy': async (hz, n) => (await hz.getCPSubsystem().getCountDownLatch(n)).destroy(),
  'semaphore.init': async (hz, n) => void (await (await hz.getCPSubsystem().getSemaphore(n)).init(1)),
  // tryAcquire with no wait: the member checks the permission whether or not a permit is free.
  'semaphore.tryAcquire': async (hz, n) => void (await (await hz.getCPSubsystem().getSemaphore(n)).tryAcquire(1, 0)),
  'semaphore.availablePermits': async (hz, n) => void (await (await hz.getCPSubsystem().getSemaphore(n)).availablePermits()),
  'semaphore.destroy': async (hz, n) => (await hz.getCPSubsystem().getSemaphore(n)).destroy(),
  // ---- flake ID generator / PN counter ----
  'flakeid.create': async (hz, n) => void (await hz.getFlakeIdGenerator(n)),
  'flakeid.destroy': async (hz, n) => (await hz.getFlakeIdGenerator(n)).destroy(),
  'flakeid.newId': async (hz, n) => void (await (await hz.getFlakeIdGenerator(n)).newId()),
  'pncounter.create': async (hz, n) => void (await hz.getPNCounter(n)),
  'pncounter.destroy': async (hz, n) => (await hz.getPNCounter(n)).destroy(),
  'pncounter.get': async (hz, n) => void (await (await hz.getPNCounter(n)).get()),
  'pncounter.addAndGet': async (hz, n) => void (await (await hz.getPNCounter(n)).addAndGet(1)),
};

const NO_EXECUTORS = 'the Node client has no executor services (IExecutorService, durable and scheduled executors are Java-client APIs)';
/** Operations of the catalogue the Node client has no API for, with the reason. */
export const NODE_UNSUPPORTED_OPERATIONS: Readonly<Record<string, string>> = {
  'map.addInterceptor': 'the Node client has no map interceptors (IMap.addInterceptor takes a Java MapInterceptor)',
  'topic.create': 'the Node client has no ITopic, only the reliable topic',
  'topic.destroy': 'the Node client has no ITopic, only the reliable topic',
  'topic.publish': 'the Node client has no ITopic, only the reliable topic',
  'topic.addMessageListener': 'the Node client has no ITopic, only the reliable topic',
  'executor.create': NO_EXECUTORS,
  'executor.destroy': NO_EXECUTORS,
  'durableexecutor.create': NO_EXECUTORS,
  'durableexecutor.destroy': NO_EXECUTORS,
  'scheduledexecutor.create': NO_EXECUTORS,
  'scheduledexecutor.destroy': NO_EXECUTORS,
  'scheduledexecutor.getAllScheduledFutures': NO_EXECUTORS,
  'scheduledexecutor.schedule': NO_EXECUTORS,
  'cardinality.create': 'the Node client has no cardinality estimator',
  'cardinality.destroy': 'the Node client has no cardinality estimator',
  'cardinality.add': 'the Node client has no cardinality estimator',
  'cardinality.estimate': 'the Node client has no cardinality estimator',
  'cache.create': 'the Node client has no JCache (ICache)',
  'cache.destroy': 'the Node client has no JCache (ICache)',
  'cache.put': 'the Node client has no JCache (ICache)',
  'cache.get': 'the Node client has no JCache (ICache)',
  'cache.remove': 'the Node client has no JCache (ICache)',
  'cache.addEntryListener': 'the Node client has no JCache (ICache)',
  'usercode.deploy': 'the Node client has no user code deployment (it deploys Java classes)',
  'transaction.create': 'the Node client has no transactions',
  'config.addMapConfig': 'the Node client has no dynamic configuration',
  'management.getTimedMemberState': 'management tasks are sent by the Management Center client, not the Node client',
};
