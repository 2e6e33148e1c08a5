// MultiMap handlers (values per key as a list; the default value collection type is LIST).
// Permissions as the real member's client/impl/protocol/task/multimap/*MessageTask ask for them
// (MultiMapPermission): put/putAll -> put; get/containsKey/containsValue/containsEntry/valueCount/
// keySet/values/entrySet/size -> read; remove/removeEntry/clear -> remove; lock/tryLock/unlock/
// isLocked/forceUnlock -> lock; entry listeners -> listen.
import {
  MultiMapAddEntryListener,
  MultiMapAddEntryListenerToKey,
  MultiMapClear,
  MultiMapContainsEntry,
  MultiMapContainsKey,
  MultiMapContainsValue,
  MultiMapEntrySet,
  MultiMapForceUnlock,
  MultiMapGet,
  MultiMapIsLocked,
  MultiMapKeySet,
  MultiMapLock,
  MultiMapPut,
  MultiMapPutAll,
  MultiMapRemove,
  MultiMapRemoveEntry,
  MultiMapRemoveEntryListener,
  MultiMapSize,
  MultiMapTryLock,
  MultiMapUnlock,
  MultiMapValueCount,
  MultiMapValues,
} from '../protocol/definitions/multimap.ts';
import { EntryEventType } from '../protocol/definitions/map.ts';
import { publishEntry, registerEntryListener } from './entry-events.ts';
import { defineHandler, type Handler } from './handler.ts';
import type { MemberState } from './member-state.ts';
import { idOf, KeyLocks, need, objectState } from './structure-support.ts';

const SERVICE = 'hz:impl:multiMapService';
const LISTENER = 'multimap-entry';
const mm = (name: string, action: string) => need('multimap', name, action);

interface MultiMapState {
  entries: Map<string, { key: Buffer; values: Buffer[] }>;
  locks: KeyLocks;
}

const state = (member: MemberState, name: string) =>
  objectState<MultiMapState>(member, SERVICE, name, () => ({ entries: new Map(), locks: new KeyLocks() }));

function put(member: MemberState, name: string, key: Buffer, value: Buffer): boolean {
  const s = state(member, name);
  let e = s.entries.get(idOf(key));
  if (!e) {
    e = { key, values: [] };
    s.entries.set(idOf(key), e);
  }
  e.values.push(value);
  publishEntry(member, LISTENER, name, EntryEventType.ADDED, key, value, null);
  return true;
}

const count = (s: MultiMapState) => [...s.entries.values()].reduce((n, e) => n + e.values.length, 0);

export const multiMapHandlers: Handler[] = [
  // MultiMapPutMessageTask: put.
  defineHandler(MultiMapPut, {
    permission: (req) => mm(req.name, 'put'),
    handle: ({ member }, req) => ({ response: put(member, req.name, req.key, req.value) }),
  }),
  // MultiMapPutAllMessageTask: put.
  defineHandler(MultiMapPutAll, {
    permission: (req) => mm(req.name, 'put'),
    handle: ({ member }, req) => {
      for (const [k, values] of req.entries) for (const v of values) put(member, req.name, k, v);
      return {};
    },
  }),
  // MultiMapGetMessageTask: read.
  defineHandler(MultiMapGet, {
    permission: (req) => mm(req.name, 'read'),
    handle: ({ member }, req) => ({ response: [...(state(member, req.name).entries.get(idOf(req.key))?.values ?? [])] }),
  }),
  // MultiMapContainsKeyMessageTask: read.
  defineHandler(MultiMapContainsKey, {
    permission: (req) => mm(req.name, 'read'),
    handle: ({ member }, req) => ({ response: state(member, req.name).entries.has(idOf(req.key)) }),
  }),
  // MultiMapContainsValueMessageTask: read.
  defineHandler(MultiMapContainsValue, {
    permission: (req) => mm(req.name, 'read'),
    handle: ({ member }, req) => ({ response: [...state(member, req.name).entries.values()].some((e) => e.values.some((v) => v.equals(req.value))) }),
  }),
  // MultiMapContainsEntryMessageTask: read.
  defineHandler(MultiMapContainsEntry, {
    permission: (req) => mm(req.name, 'read'),
    handle: ({ member }, req) => ({ response: state(member, req.name).entries.get(idOf(req.key))?.values.some((v) => v.equals(req.value)) ?? false }),
  }),
  // MultiMapValueCountMessageTask: read.
  defineHandler(MultiMapValueCount, {
    permission: (req) => mm(req.name, 'read'),
    handle: ({ member }, req) => ({ response: state(member, req.name).entries.get(idOf(req.key))?.values.length ?? 0 }),
  }),
  // MultiMapKeySetMessageTask: read.
  defineHandler(MultiMapKeySet, {
    permission: (req) => mm(req.name, 'read'),
    handle: ({ member }, req) => ({ response: [...state(member, req.name).entries.values()].map((e) => e.key) }),
  }),
  // MultiMapValuesMessageTask: read.
  defineHandler(MultiMapValues, {
    permission: (req) => mm(req.name, 'read'),
    handle: ({ member }, req) => ({ response: [...state(member, req.name).entries.values()].flatMap((e) => e.values) }),
  }),
  // MultiMapEntrySetMessageTask: read.
  defineHandler(MultiMapEntrySet, {
    permission: (req) => mm(req.name, 'read'),
    handle: ({ member }, req) => ({
      response: [...state(member, req.name).entries.values()].flatMap((e) => e.values.map((v): [Buffer, Buffer] => [e.key, v])),
    }),
  }),
  // MultiMapSizeMessageTask: read.
  defineHandler(MultiMapSize, {
    permission: (req) => mm(req.name, 'read'),
    handle: ({ member }, req) => ({ response: count(state(member, req.name)) }),
  }),
  // MultiMapRemoveMessageTask: remove.
  defineHandler(MultiMapRemove, {
    permission: (req) => mm(req.name, 'remove'),
    handle: ({ member }, req) => {
      const s = state(member, req.name);
      const e = s.entries.get(idOf(req.key));
      if (!e) return { response: [] };
      s.entries.delete(idOf(req.key));
      for (const v of e.values) publishEntry(member, LISTENER, req.name, EntryEventType.REMOVED, req.key, null, v);
      return { response: e.values };
    },
  }),
  // MultiMapRemoveEntryMessageTask: remove.
  defineHandler(MultiMapRemoveEntry, {
    permission: (req) => mm(req.name, 'remove'),
    handle: ({ member }, req) => {
      const s = state(member, req.name);
      const e = s.entries.get(idOf(req.key));
      const i = e ? e.values.findIndex((v) => v.equals(req.value)) : -1;
      if (!e || i < 0) return { response: false };
      e.values.splice(i, 1);
      if (e.values.length === 0) s.entries.delete(idOf(req.key));
      publishEntry(member, LISTENER, req.name, EntryEventType.REMOVED, req.key, null, req.value);
      return { response: true };
    },
  }),
  // MultiMapClearMessageTask: remove.
  defineHandler(MultiMapClear, {
    permission: (req) => mm(req.name, 'remove'),
    handle: ({ member }, req) => {
      const s = state(member, req.name);
      const n = count(s);
      s.entries.clear();
      if (n > 0) publishEntry(member, LISTENER, req.name, EntryEventType.CLEAR_ALL, null, null, null, n);
      return {};
    },
  }),
  // MultiMapLockMessageTask: lock.
  defineHandler(MultiMapLock, {
    permission: (req) => mm(req.name, 'lock'),
    handle: ({ member, connection }, req) => {
      if (!state(member, req.name).locks.tryLock(req.key, connection.id, req.threadId)) {
        throw new Error('the key is locked by another owner (the reference member does not wait for locks)');
      }
      return {};
    },
  }),
  // MultiMapTryLockMessageTask: lock.
  defineHandler(MultiMapTryLock, {
    permission: (req) => mm(req.name, 'lock'),
    handle: ({ member, connection }, req) => ({ response: state(member, req.name).locks.tryLock(req.key, connection.id, req.threadId) }),
  }),
  // MultiMapUnlockMessageTask: lock.
  defineHandler(MultiMapUnlock, {
    permission: (req) => mm(req.name, 'lock'),
    handle: ({ member, connection }, req) => {
      state(member, req.name).locks.unlock(req.key, connection.id, req.threadId);
      return {};
    },
  }),
  // MultiMapIsLockedMessageTask: lock.
  defineHandler(MultiMapIsLocked, {
    permission: (req) => mm(req.name, 'lock'),
    handle: ({ member }, req) => ({ response: state(member, req.name).locks.isLocked(req.key) }),
  }),
  // MultiMapForceUnlockMessageTask: lock.
  defineHandler(MultiMapForceUnlock, {
    permission: (req) => mm(req.name, 'lock'),
    handle: ({ member }, req) => {
      state(member, req.name).locks.forceUnlock(req.key);
      return {};
    },
  }),
  // MultiMapAddEntryListenerMessageTask: listen.
  defineHandler(MultiMapAddEntryListener, {
    permission: (req) => mm(req.name, 'listen'),
    handle: ({ member, connection, header }, req) => {
      state(member, req.name);
      return { response: registerEntryListener(member, LISTENER, req.name, connection, header.correlationId, MultiMapAddEntryListener.events.Entry, req.includeValue) };
    },
  }),
  // MultiMapAddEntryListenerToKeyMessageTask: listen.
  defineHandler(MultiMapAddEntryListenerToKey, {
    permission: (req) => mm(req.name, 'listen'),
    handle: ({ member, connection, header }, req) => {
      state(member, req.name);
      return {
        response: registerEntryListener(member, LISTENER, req.name, connection, header.correlationId, MultiMapAddEntryListenerToKey.events.Entry, req.includeValue, req.key),
      };
    },
  }),
  // MultiMapRemoveEntryListenerMessageTask: listen.
  defineHandler(MultiMapRemoveEntryListener, {
    permission: (req) => mm(req.name, 'listen'),
    handle: ({ member }, req) => ({ response: member.deregister(req.registrationId, LISTENER) }),
  }),
];
