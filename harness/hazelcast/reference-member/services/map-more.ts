// The rest of IMap the Node client can drive without server-side Java code. Each handler states the
// permission the real member's message task asks for (hazelcast/hazelcast
// client/impl/protocol/task/map/*MessageTask.getRequiredPermission, all MapPermission).
//
// Not served: predicates, aggregations, projections, entry processors (executeOnKey...), map
// loaders (loadAll) and near-cache invalidation listeners all need Java classes on the member.
// Interceptors (MapAddInterceptor/MapRemoveInterceptor, "intercept") have no Node client API at all.
import { encodeEvent } from '../protocol/codec.ts';
import { EntryEventType, MapAddEntryListener } from '../protocol/definitions/map.ts';
import {
  MapAddEntryListenerToKey,
  MapAddIndex,
  MapClear,
  MapContainsKey,
  MapContainsValue,
  MapDelete,
  MapEntrySet,
  MapEvict,
  MapEvictAll,
  MapFlush,
  MapForceUnlock,
  MapGetAll,
  MapGetEntryView,
  MapIsEmpty,
  MapIsLocked,
  MapKeySet,
  MapLock,
  MapPutAll,
  MapPutIfAbsent,
  MapPutIfAbsentWithMaxIdle,
  MapPutTransient,
  MapPutTransientWithMaxIdle,
  MapPutWithMaxIdle,
  MapRemoveIfSame,
  MapReplace,
  MapReplaceIfSame,
  MapSet,
  MapSetTtl,
  MapSetWithMaxIdle,
  MapSize,
  MapTryLock,
  MapTryPut,
  MapTryRemove,
  MapUnlock,
  MapValues,
} from '../protocol/definitions/map-more.ts';
import { defineHandler, type Handler } from './handler.ts';
import { publishEntryEvent } from './map.ts';
import type { MemberState } from './member-state.ts';
import { idOf, KeyLocks, memberState, need, sameBytes } from './structure-support.ts';

const map = (name: string, action: string) => need('map', name, action);

const locksOf = (member: MemberState, name: string) => memberState(member, `map-locks\0${name}`, () => new KeyLocks());

/** Put with events; returns the previous value. */
function put(member: MemberState, name: string, key: Buffer, value: Buffer, partitionId: number): Buffer | null {
  const entries = member.map(name);
  const old = entries.get(idOf(key));
  entries.set(idOf(key), { key, value });
  publishEntryEvent(member, name, old ? EntryEventType.UPDATED : EntryEventType.ADDED, key, value, old?.value ?? null, partitionId);
  return old?.value ?? null;
}

function remove(member: MemberState, name: string, key: Buffer, partitionId: number, eventType: number = EntryEventType.REMOVED): Buffer | null {
  const entries = member.map(name);
  const old = entries.get(idOf(key));
  if (!old) return null;
  entries.delete(idOf(key));
  publishEntryEvent(member, name, eventType, key, null, old.value, partitionId);
  return old.value;
}

/** Map-wide events (clear, evictAll) carry no key: sent to whole-map listeners that asked for them. */
function publishMapEvent(member: MemberState, name: string, eventType: number, affected: number): void {
  for (const reg of member.listeners('map-entry', name)) {
    if ((Number(reg.options.listenerFlags) & eventType) === 0) continue;
    reg.connection.send(
      encodeEvent(MapAddEntryListener.events.Entry, reg.correlationId, {
        eventType,
        uuid: member.uuid,
        numberOfAffectedEntries: affected,
        key: null,
        value: null,
        oldValue: null,
        mergingValue: null,
      }),
    );
  }
}

const putIfAbsent = (member: MemberState, name: string, key: Buffer, value: Buffer, partitionId: number): Buffer | null => {
  const existing = member.map(name).get(idOf(key));
  if (existing) return existing.value;
  put(member, name, key, value, partitionId);
  return null;
};

export const mapMoreHandlers: Handler[] = [
  // MapContainsKeyMessageTask: read.
  defineHandler(MapContainsKey, {
    permission: (req) => map(req.name, 'read'),
    handle: ({ member }, req) => ({ response: member.map(req.name).has(idOf(req.key)) }),
  }),
  // MapContainsValueMessageTask: read.
  defineHandler(MapContainsValue, {
    permission: (req) => map(req.name, 'read'),
    handle: ({ member }, req) => ({ response: [...member.map(req.name).values()].some((e) => e.value.equals(req.value)) }),
  }),
  // MapSetMessageTask (AbstractMapSetMessageTask): put.
  defineHandler(MapSet, {
    permission: (req) => map(req.name, 'put'),
    handle: ({ member, header }, req) => {
      put(member, req.name, req.key, req.value, header.partitionId);
      return {};
    },
  }),
  // MapSetWithMaxIdleMessageTask: put.
  defineHandler(MapSetWithMaxIdle, {
    permission: (req) => map(req.name, 'put'),
    handle: ({ member, header }, req) => {
      put(member, req.name, req.key, req.value, header.partitionId);
      return { response: null };
    },
  }),
  // MapPutTransientMessageTask: put.
  defineHandler(MapPutTransient, {
    permission: (req) => map(req.name, 'put'),
    handle: ({ member, header }, req) => {
      put(member, req.name, req.key, req.value, header.partitionId);
      return {};
    },
  }),
  // MapPutTransientWithMaxIdleMessageTask: put.
  defineHandler(MapPutTransientWithMaxIdle, {
    permission: (req) => map(req.name, 'put'),
    handle: ({ member, header }, req) => ({ response: put(member, req.name, req.key, req.value, header.partitionId) }),
  }),
  // MapPutWithMaxIdleMessageTask: put.
  defineHandler(MapPutWithMaxIdle, {
    permission: (req) => map(req.name, 'put'),
    handle: ({ member, header }, req) => ({ response: put(member, req.name, req.key, req.value, header.partitionId) }),
  }),
  // MapDeleteMessageTask: remove.
  defineHandler(MapDelete, {
    permission: (req) => map(req.name, 'remove'),
    handle: ({ member, header }, req) => {
      remove(member, req.name, req.key, header.partitionId);
      return {};
    },
  }),
  // MapPutIfAbsentMessageTask: put.
  defineHandler(MapPutIfAbsent, {
    permission: (req) => map(req.name, 'put'),
    handle: ({ member, header }, req) => ({ response: putIfAbsent(member, req.name, req.key, req.value, header.partitionId) }),
  }),
  // MapPutIfAbsentWithMaxIdleMessageTask: put.
  defineHandler(MapPutIfAbsentWithMaxIdle, {
    permission: (req) => map(req.name, 'put'),
    handle: ({ member, header }, req) => ({ response: putIfAbsent(member, req.name, req.key, req.value, header.partitionId) }),
  }),
  // MapReplaceMessageTask: put.
  defineHandler(MapReplace, {
    permission: (req) => map(req.name, 'put'),
    handle: ({ member, header }, req) => {
      if (!member.map(req.name).has(idOf(req.key))) return { response: null };
      return { response: put(member, req.name, req.key, req.value, header.partitionId) };
    },
  }),
  // MapReplaceIfSameMessageTask: put.
  defineHandler(MapReplaceIfSame, {
    permission: (req) => map(req.name, 'put'),
    handle: ({ member, header }, req) => {
      const cur = member.map(req.name).get(idOf(req.key));
      if (!cur || !cur.value.equals(req.testValue)) return { response: false };
      put(member, req.name, req.key, req.value, header.partitionId);
      return { response: true };
    },
  }),
  // MapRemoveIfSameMessageTask: remove.
  defineHandler(MapRemoveIfSame, {
    permission: (req) => map(req.name, 'remove'),
    handle: ({ member, header }, req) => {
      const cur = member.map(req.name).get(idOf(req.key));
      if (!cur || !sameBytes(cur.value, req.value)) return { response: false };
      remove(member, req.name, req.key, header.partitionId);
      return { response: true };
    },
  }),
  // MapTryPutMessageTask: put.
  defineHandler(MapTryPut, {
    permission: (req) => map(req.name, 'put'),
    handle: ({ member, header }, req) => {
      put(member, req.name, req.key, req.value, header.partitionId);
      return { response: true };
    },
  }),
  // MapTryRemoveMessageTask: remove.
  defineHandler(MapTryRemove, {
    permission: (req) => map(req.name, 'remove'),
    handle: ({ member, header }, req) => ({ response: remove(member, req.name, req.key, header.partitionId) !== null }),
  }),
  // MapSetTtlMessageTask: put. Expiry is not modelled: the entry stays.
  defineHandler(MapSetTtl, {
    permission: (req) => map(req.name, 'put'),
    handle: ({ member }, req) => ({ response: member.map(req.name).has(idOf(req.key)) }),
  }),
  // MapSizeMessageTask: read.
  defineHandler(MapSize, {
    permission: (req) => map(req.name, 'read'),
    handle: ({ member }, req) => ({ response: member.map(req.name).size }),
  }),
  // MapIsEmptyMessageTask: read.
  defineHandler(MapIsEmpty, {
    permission: (req) => map(req.name, 'read'),
    handle: ({ member }, req) => ({ response: member.map(req.name).size === 0 }),
  }),
  // MapClearMessageTask: remove.
  defineHandler(MapClear, {
    permission: (req) => map(req.name, 'remove'),
    handle: ({ member }, req) => {
      const entries = member.map(req.name);
      const n = entries.size;
      entries.clear();
      if (n > 0) publishMapEvent(member, req.name, EntryEventType.CLEAR_ALL, n);
      return {};
    },
  }),
  // MapKeySetMessageTask: read.
  defineHandler(MapKeySet, {
    permission: (req) => map(req.name, 'read'),
    handle: ({ member }, req) => ({ response: [...member.map(req.name).values()].map((e) => e.key) }),
  }),
  // MapValuesMessageTask: read.
  defineHandler(MapValues, {
    permission: (req) => map(req.name, 'read'),
    handle: ({ member }, req) => ({ response: [...member.map(req.name).values()].map((e) => e.value) }),
  }),
  // MapEntrySetMessageTask: read.
  defineHandler(MapEntrySet, {
    permission: (req) => map(req.name, 'read'),
    handle: ({ member }, req) => ({ response: [...member.map(req.name).values()].map((e): [Buffer, Buffer] => [e.key, e.value]) }),
  }),
  // MapGetAllMessageTask: read.
  defineHandler(MapGetAll, {
    permission: (req) => map(req.name, 'read'),
    handle: ({ member }, req) => {
      const entries = member.map(req.name);
      const out: Array<[Buffer, Buffer]> = [];
      for (const key of req.keys) {
        const e = entries.get(idOf(key));
        if (e) out.push([e.key, e.value]);
      }
      return { response: out };
    },
  }),
  // MapPutAllMessageTask: put.
  defineHandler(MapPutAll, {
    permission: (req) => map(req.name, 'put'),
    handle: ({ member, header }, req) => {
      for (const [k, v] of req.entries) put(member, req.name, k, v, header.partitionId);
      return {};
    },
  }),
  // MapGetEntryViewMessageTask: read.
  defineHandler(MapGetEntryView, {
    permission: (req) => map(req.name, 'read'),
    handle: ({ member }, req) => {
      const e = member.map(req.name).get(idOf(req.key));
      if (!e) return { maxIdle: 0n, response: null };
      const z = 0n;
      return {
        maxIdle: z,
        response: {
          cost: BigInt(e.key.length + e.value.length),
          creationTime: z,
          expirationTime: 9223372036854775807n,
          hits: z,
          lastAccessTime: z,
          lastStoredTime: z,
          lastUpdateTime: z,
          version: z,
          ttl: 9223372036854775807n,
          maxIdle: 9223372036854775807n,
          key: e.key,
          value: e.value,
        },
      };
    },
  }),
  // MapAddIndexMessageTask: index. Indexes only speed up queries, which this member does not run.
  defineHandler(MapAddIndex, {
    permission: (req) => map(req.name, 'index'),
    handle: ({ member }, req) => {
      member.map(req.name);
      return {};
    },
  }),
  // MapLockMessageTask: lock.
  defineHandler(MapLock, {
    permission: (req) => map(req.name, 'lock'),
    handle: ({ member, connection }, req) => {
      member.map(req.name);
      if (!locksOf(member, req.name).tryLock(req.key, connection.id, req.threadId)) {
        throw new Error('the key is locked by another owner (the reference member does not wait for locks)');
      }
      return {};
    },
  }),
  // MapTryLockMessageTask: lock.
  defineHandler(MapTryLock, {
    permission: (req) => map(req.name, 'lock'),
    handle: ({ member, connection }, req) => {
      member.map(req.name);
      return { response: locksOf(member, req.name).tryLock(req.key, connection.id, req.threadId) };
    },
  }),
  // MapUnlockMessageTask: lock.
  defineHandler(MapUnlock, {
    permission: (req) => map(req.name, 'lock'),
    handle: ({ member, connection }, req) => {
      locksOf(member, req.name).unlock(req.key, connection.id, req.threadId);
      return {};
    },
  }),
  // MapIsLockedMessageTask: lock.
  defineHandler(MapIsLocked, {
    permission: (req) => map(req.name, 'lock'),
    handle: ({ member }, req) => ({ response: locksOf(member, req.name).isLocked(req.key) }),
  }),
  // MapForceUnlockMessageTask: lock.
  defineHandler(MapForceUnlock, {
    permission: (req) => map(req.name, 'lock'),
    handle: ({ member }, req) => {
      locksOf(member, req.name).forceUnlock(req.key);
      return {};
    },
  }),
  // MapEvictMessageTask: remove.
  defineHandler(MapEvict, {
    permission: (req) => map(req.name, 'remove'),
    handle: ({ member, header }, req) => ({ response: remove(member, req.name, req.key, header.partitionId, EntryEventType.EVICTED) !== null }),
  }),
  // MapEvictAllMessageTask: remove.
  defineHandler(MapEvictAll, {
    permission: (req) => map(req.name, 'remove'),
    handle: ({ member }, req) => {
      const entries = member.map(req.name);
      const n = entries.size;
      entries.clear();
      if (n > 0) publishMapEvent(member, req.name, EntryEventType.EVICT_ALL, n);
      return {};
    },
  }),
  // MapFlushMessageTask: put (flushes map stores; there are none).
  defineHandler(MapFlush, {
    permission: (req) => map(req.name, 'put'),
    handle: ({ member }, req) => {
      member.map(req.name);
      return {};
    },
  }),
  // MapAddEntryListenerToKeyMessageTask (AbstractMapAddEntryListenerMessageTask): listen.
  defineHandler(MapAddEntryListenerToKey, {
    permission: (req) => map(req.name, 'listen'),
    handle: ({ member, connection, header }, req) => {
      member.map(req.name);
      return {
        response: member.register({
          kind: 'map-entry-key',
          objectName: req.name,
          connection,
          correlationId: header.correlationId,
          options: { includeValue: req.includeValue, listenerFlags: req.listenerFlags, key: idOf(req.key) },
        }),
      };
    },
  }),
];

