// ReplicatedMap handlers. Permissions as the real member's client/impl/protocol/task/replicatedmap/
// *MessageTask ask for them (ReplicatedMapPermission): put/putAll -> put; get/containsKey/
// containsValue/size/isEmpty/keySet/values/entrySet -> read; remove/clear -> remove; entry
// listeners -> listen. Predicate listeners need Java predicates and are not served.
import { EntryEventType } from '../protocol/definitions/map.ts';
import {
  ReplicatedMapAddEntryListener,
  ReplicatedMapAddEntryListenerToKey,
  ReplicatedMapClear,
  ReplicatedMapContainsKey,
  ReplicatedMapContainsValue,
  ReplicatedMapEntrySet,
  ReplicatedMapGet,
  ReplicatedMapIsEmpty,
  ReplicatedMapKeySet,
  ReplicatedMapPut,
  ReplicatedMapPutAll,
  ReplicatedMapRemove,
  ReplicatedMapRemoveEntryListener,
  ReplicatedMapSize,
  ReplicatedMapValues,
} from '../protocol/definitions/replicated-map.ts';
import { publishEntry, registerEntryListener } from './entry-events.ts';
import { defineHandler, type Handler } from './handler.ts';
import type { MemberState } from './member-state.ts';
import { idOf, need, objectState } from './structure-support.ts';

const SERVICE = 'hz:impl:replicatedMapService';
const LISTENER = 'replicatedmap-entry';
const rm = (name: string, action: string) => need('replicatedmap', name, action);
const entries = (member: MemberState, name: string) => objectState(member, SERVICE, name, () => new Map<string, { key: Buffer; value: Buffer }>());

function put(member: MemberState, name: string, key: Buffer, value: Buffer): Buffer | null {
  const m = entries(member, name);
  const old = m.get(idOf(key))?.value ?? null;
  m.set(idOf(key), { key, value });
  publishEntry(member, LISTENER, name, old ? EntryEventType.UPDATED : EntryEventType.ADDED, key, value, old);
  return old;
}

export const replicatedMapHandlers: Handler[] = [
  // ReplicatedMapPutMessageTask: put.
  defineHandler(ReplicatedMapPut, {
    permission: (req) => rm(req.name, 'put'),
    handle: ({ member }, req) => ({ response: put(member, req.name, req.key, req.value) }),
  }),
  // ReplicatedMapPutAllMessageTask: put.
  defineHandler(ReplicatedMapPutAll, {
    permission: (req) => rm(req.name, 'put'),
    handle: ({ member }, req) => {
      for (const [k, v] of req.entries) put(member, req.name, k, v);
      return {};
    },
  }),
  // ReplicatedMapGetMessageTask: read.
  defineHandler(ReplicatedMapGet, {
    permission: (req) => rm(req.name, 'read'),
    handle: ({ member }, req) => ({ response: entries(member, req.name).get(idOf(req.key))?.value ?? null }),
  }),
  // ReplicatedMapContainsKeyMessageTask: read.
  defineHandler(ReplicatedMapContainsKey, {
    permission: (req) => rm(req.name, 'read'),
    handle: ({ member }, req) => ({ response: entries(member, req.name).has(idOf(req.key)) }),
  }),
  // ReplicatedMapContainsValueMessageTask: read.
  defineHandler(ReplicatedMapContainsValue, {
    permission: (req) => rm(req.name, 'read'),
    handle: ({ member }, req) => ({ response: [...entries(member, req.name).values()].some((e) => e.value.equals(req.value)) }),
  }),
  // ReplicatedMapSizeMessageTask: read.
  defineHandler(ReplicatedMapSize, {
    permission: (req) => rm(req.name, 'read'),
    handle: ({ member }, req) => ({ response: entries(member, req.name).size }),
  }),
  // ReplicatedMapIsEmptyMessageTask: read.
  defineHandler(ReplicatedMapIsEmpty, {
    permission: (req) => rm(req.name, 'read'),
    handle: ({ member }, req) => ({ response: entries(member, req.name).size === 0 }),
  }),
  // ReplicatedMapKeySetMessageTask: read.
  defineHandler(ReplicatedMapKeySet, {
    permission: (req) => rm(req.name, 'read'),
    handle: ({ member }, req) => ({ response: [...entries(member, req.name).values()].map((e) => e.key) }),
  }),
  // ReplicatedMapValuesMessageTask: read.
  defineHandler(ReplicatedMapValues, {
    permission: (req) => rm(req.name, 'read'),
    handle: ({ member }, req) => ({ response: [...entries(member, req.name).values()].map((e) => e.value) }),
  }),
  // ReplicatedMapEntrySetMessageTask: read.
  defineHandler(ReplicatedMapEntrySet, {
    permission: (req) => rm(req.name, 'read'),
    handle: ({ member }, req) => ({ response: [...entries(member, req.name).values()].map((e): [Buffer, Buffer] => [e.key, e.value]) }),
  }),
  // ReplicatedMapRemoveMessageTask: remove.
  defineHandler(ReplicatedMapRemove, {
    permission: (req) => rm(req.name, 'remove'),
    handle: ({ member }, req) => {
      const m = entries(member, req.name);
      const old = m.get(idOf(req.key));
      if (!old) return { response: null };
      m.delete(idOf(req.key));
      publishEntry(member, LISTENER, req.name, EntryEventType.REMOVED, req.key, null, old.value);
      return { response: old.value };
    },
  }),
  // ReplicatedMapClearMessageTask: remove.
  defineHandler(ReplicatedMapClear, {
    permission: (req) => rm(req.name, 'remove'),
    handle: ({ member }, req) => {
      const m = entries(member, req.name);
      const n = m.size;
      m.clear();
      if (n > 0) publishEntry(member, LISTENER, req.name, EntryEventType.CLEAR_ALL, null, null, null, n);
      return {};
    },
  }),
  // ReplicatedMapAddEntryListenerMessageTask: listen. Replicated map events always carry values.
  defineHandler(ReplicatedMapAddEntryListener, {
    permission: (req) => rm(req.name, 'listen'),
    handle: ({ member, connection, header }, req) => {
      entries(member, req.name);
      return { response: registerEntryListener(member, LISTENER, req.name, connection, header.correlationId, ReplicatedMapAddEntryListener.events.Entry, true) };
    },
  }),
  // ReplicatedMapAddEntryListenerToKeyMessageTask: listen.
  defineHandler(ReplicatedMapAddEntryListenerToKey, {
    permission: (req) => rm(req.name, 'listen'),
    handle: ({ member, connection, header }, req) => {
      entries(member, req.name);
      return {
        response: registerEntryListener(member, LISTENER, req.name, connection, header.correlationId, ReplicatedMapAddEntryListenerToKey.events.Entry, true, req.key),
      };
    },
  }),
  // ReplicatedMapRemoveEntryListenerMessageTask: listen.
  defineHandler(ReplicatedMapRemoveEntryListener, {
    permission: (req) => rm(req.name, 'listen'),
    handle: ({ member }, req) => ({ response: member.deregister(req.registrationId, LISTENER) }),
  }),
];
