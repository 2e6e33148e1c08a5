// CP subsystem messages: CP groups and sessions, atomic long/reference, countdown latch, semaphore,
// fenced lock (hazelcast-client 5.7.0 lib/codec). Every CP request names its Raft group.
import { defineMessage } from '../codec.ts';
import { t } from '../types.ts';

export const RaftGroupId = t.struct('RaftGroupId', { seed: t.long, id: t.long, name: t.string });

export const AtomicLongAddAndGet = defineMessage({
  name: 'AtomicLong.AddAndGet',
  id: 0x090300,
  request: { delta: t.long, groupId: RaftGroupId, name: t.string },
  response: { response: t.long },
});

export const AtomicLongCompareAndSet = defineMessage({
  name: 'AtomicLong.CompareAndSet',
  id: 0x090400,
  request: { expected: t.long, updated: t.long, groupId: RaftGroupId, name: t.string },
  response: { response: t.boolean },
});

export const AtomicLongGetAndAdd = defineMessage({
  name: 'AtomicLong.GetAndAdd',
  id: 0x090600,
  request: { delta: t.long, groupId: RaftGroupId, name: t.string },
  response: { response: t.long },
});

export const AtomicLongGetAndSet = defineMessage({
  name: 'AtomicLong.GetAndSet',
  id: 0x090700,
  request: { newValue: t.long, groupId: RaftGroupId, name: t.string },
  response: { response: t.long },
});

export const AtomicLongGet = defineMessage({
  name: 'AtomicLong.Get',
  id: 0x090500,
  request: { groupId: RaftGroupId, name: t.string },
  response: { response: t.long },
});

export const AtomicRefCompareAndSet = defineMessage({
  name: 'AtomicRef.CompareAndSet',
  id: 0x0a0200,
  request: { groupId: RaftGroupId, name: t.string, oldValue: t.nullable(t.data), newValue: t.nullable(t.data) },
  response: { response: t.boolean },
});

export const AtomicRefContains = defineMessage({
  name: 'AtomicRef.Contains',
  id: 0x0a0300,
  request: { groupId: RaftGroupId, name: t.string, value: t.nullable(t.data) },
  response: { response: t.boolean },
});

export const AtomicRefGet = defineMessage({
  name: 'AtomicRef.Get',
  id: 0x0a0400,
  request: { groupId: RaftGroupId, name: t.string },
  response: { response: t.nullable(t.data) },
});

export const AtomicRefSet = defineMessage({
  name: 'AtomicRef.Set',
  id: 0x0a0500,
  request: { returnOldValue: t.boolean, groupId: RaftGroupId, name: t.string, newValue: t.nullable(t.data) },
  response: { response: t.nullable(t.data) },
});

export const CPGroupCreateCPGroup = defineMessage({
  name: 'CPGroup.CreateCPGroup',
  id: 0x1e0100,
  request: { proxyName: t.string },
  response: { response: RaftGroupId },
});

export const CPGroupDestroyCPObject = defineMessage({
  name: 'CPGroup.DestroyCPObject',
  id: 0x1e0200,
  request: { groupId: RaftGroupId, serviceName: t.string, objectName: t.string },
  response: {},
});

export const CPSessionCloseSession = defineMessage({
  name: 'CPSession.CloseSession',
  id: 0x1f0200,
  request: { sessionId: t.long, groupId: RaftGroupId },
  response: { response: t.boolean },
});

export const CPSessionCreateSession = defineMessage({
  name: 'CPSession.CreateSession',
  id: 0x1f0100,
  request: { groupId: RaftGroupId, endpointName: t.string },
  response: { sessionId: t.long, ttlMillis: t.long, heartbeatMillis: t.long },
});

export const CPSessionGenerateThreadId = defineMessage({
  name: 'CPSession.GenerateThreadId',
  id: 0x1f0400,
  request: { groupId: RaftGroupId },
  response: { response: t.long },
});

export const CPSessionHeartbeatSession = defineMessage({
  name: 'CPSession.HeartbeatSession',
  id: 0x1f0300,
  request: { sessionId: t.long, groupId: RaftGroupId },
  response: {},
});

export const CountDownLatchAwait = defineMessage({
  name: 'CountDownLatch.Await',
  id: 0x0b0200,
  request: { invocationUid: t.uuid, timeoutMs: t.long, groupId: RaftGroupId, name: t.string },
  response: { response: t.boolean },
});

export const CountDownLatchCountDown = defineMessage({
  name: 'CountDownLatch.CountDown',
  id: 0x0b0300,
  request: { invocationUid: t.uuid, expectedRound: t.int, groupId: RaftGroupId, name: t.string },
  response: {},
});

export const CountDownLatchGetCount = defineMessage({
  name: 'CountDownLatch.GetCount',
  id: 0x0b0400,
  request: { groupId: RaftGroupId, name: t.string },
  response: { response: t.int },
});

export const CountDownLatchGetRound = defineMessage({
  name: 'CountDownLatch.GetRound',
  id: 0x0b0500,
  request: { groupId: RaftGroupId, name: t.string },
  response: { response: t.int },
});

export const CountDownLatchTrySetCount = defineMessage({
  name: 'CountDownLatch.TrySetCount',
  id: 0x0b0100,
  request: { count: t.int, groupId: RaftGroupId, name: t.string },
  response: { response: t.boolean },
});

export const FencedLockGetLockOwnership = defineMessage({
  name: 'FencedLock.GetLockOwnership',
  id: 0x070400,
  request: { groupId: RaftGroupId, name: t.string },
  response: { fence: t.long, lockCount: t.int, sessionId: t.long, threadId: t.long },
});

export const FencedLockLock = defineMessage({
  name: 'FencedLock.Lock',
  id: 0x070100,
  request: { sessionId: t.long, threadId: t.long, invocationUid: t.uuid, groupId: RaftGroupId, name: t.string },
  response: { response: t.long },
});

export const FencedLockTryLock = defineMessage({
  name: 'FencedLock.TryLock',
  id: 0x070200,
  request: { sessionId: t.long, threadId: t.long, invocationUid: t.uuid, timeoutMs: t.long, groupId: RaftGroupId, name: t.string },
  response: { response: t.long },
});

export const FencedLockUnlock = defineMessage({
  name: 'FencedLock.Unlock',
  id: 0x070300,
  request: { sessionId: t.long, threadId: t.long, invocationUid: t.uuid, groupId: RaftGroupId, name: t.string },
  response: { response: t.boolean },
});

export const SemaphoreAcquire = defineMessage({
  name: 'Semaphore.Acquire',
  id: 0x0c0200,
  request: { sessionId: t.long, threadId: t.long, invocationUid: t.uuid, permits: t.int, timeoutMs: t.long, groupId: RaftGroupId, name: t.string },
  response: { response: t.boolean },
});

export const SemaphoreAvailablePermits = defineMessage({
  name: 'Semaphore.AvailablePermits',
  id: 0x0c0600,
  request: { groupId: RaftGroupId, name: t.string },
  response: { response: t.int },
});

export const SemaphoreChange = defineMessage({
  name: 'Semaphore.Change',
  id: 0x0c0500,
  request: { sessionId: t.long, threadId: t.long, invocationUid: t.uuid, permits: t.int, groupId: RaftGroupId, name: t.string },
  response: { response: t.boolean },
});

export const SemaphoreDrain = defineMessage({
  name: 'Semaphore.Drain',
  id: 0x0c0400,
  request: { sessionId: t.long, threadId: t.long, invocationUid: t.uuid, groupId: RaftGroupId, name: t.string },
  response: { response: t.int },
});

export const SemaphoreGetSemaphoreType = defineMessage({
  name: 'Semaphore.GetSemaphoreType',
  id: 0x0c0700,
  request: { proxyName: t.string },
  response: { response: t.boolean },
});

export const SemaphoreInit = defineMessage({
  name: 'Semaphore.Init',
  id: 0x0c0100,
  request: { permits: t.int, groupId: RaftGroupId, name: t.string },
  response: { response: t.boolean },
});

export const SemaphoreRelease = defineMessage({
  name: 'Semaphore.Release',
  id: 0x0c0300,
  request: { sessionId: t.long, threadId: t.long, invocationUid: t.uuid, permits: t.int, groupId: RaftGroupId, name: t.string },
  response: { response: t.boolean },
});

