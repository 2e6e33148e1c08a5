// ReplicatedMap.* messages the Node client sends (predicate listeners left out: they need Java predicates).
import { defineEvent, defineMessage } from '../codec.ts';
import { t } from '../types.ts';

export const ReplicatedMapAddEntryListener = defineMessage({
  name: 'ReplicatedMap.AddEntryListener',
  id: 0x0d0d00,
  request: { localOnly: t.boolean, name: t.string },
  response: { response: t.uuid },
  events: {
    Entry: defineEvent('ReplicatedMap.AddEntryListener.Entry', 0x0d0d02, { eventType: t.int, uuid: t.uuid, numberOfAffectedEntries: t.int, key: t.nullable(t.data), value: t.nullable(t.data), oldValue: t.nullable(t.data), mergingValue: t.nullable(t.data) }),
  },
});

export const ReplicatedMapAddEntryListenerToKey = defineMessage({
  name: 'ReplicatedMap.AddEntryListenerToKey',
  id: 0x0d0c00,
  request: { localOnly: t.boolean, name: t.string, key: t.data },
  response: { response: t.uuid },
  events: {
    Entry: defineEvent('ReplicatedMap.AddEntryListenerToKey.Entry', 0x0d0c02, { eventType: t.int, uuid: t.uuid, numberOfAffectedEntries: t.int, key: t.nullable(t.data), value: t.nullable(t.data), oldValue: t.nullable(t.data), mergingValue: t.nullable(t.data) }),
  },
});

export const ReplicatedMapClear = defineMessage({
  name: 'ReplicatedMap.Clear',
  id: 0x0d0900,
  request: { name: t.string },
  response: {},
});

export const ReplicatedMapContainsKey = defineMessage({
  name: 'ReplicatedMap.ContainsKey',
  id: 0x0d0400,
  request: { name: t.string, key: t.data },
  response: { response: t.boolean },
});

export const ReplicatedMapContainsValue = defineMessage({
  name: 'ReplicatedMap.ContainsValue',
  id: 0x0d0500,
  request: { name: t.string, value: t.data },
  response: { response: t.boolean },
});

export const ReplicatedMapEntrySet = defineMessage({
  name: 'ReplicatedMap.EntrySet',
  id: 0x0d1100,
  request: { name: t.string },
  response: { response: t.entries(t.data, t.data) },
});

export const ReplicatedMapGet = defineMessage({
  name: 'ReplicatedMap.Get',
  id: 0x0d0600,
  request: { name: t.string, key: t.data },
  response: { response: t.nullable(t.data) },
});

export const ReplicatedMapIsEmpty = defineMessage({
  name: 'ReplicatedMap.IsEmpty',
  id: 0x0d0300,
  request: { name: t.string },
  response: { response: t.boolean },
});

export const ReplicatedMapKeySet = defineMessage({
  name: 'ReplicatedMap.KeySet',
  id: 0x0d0f00,
  request: { name: t.string },
  response: { response: t.list(t.data) },
});

export const ReplicatedMapPutAll = defineMessage({
  name: 'ReplicatedMap.PutAll',
  id: 0x0d0800,
  request: { name: t.string, entries: t.entries(t.data, t.data) },
  response: {},
});

export const ReplicatedMapPut = defineMessage({
  name: 'ReplicatedMap.Put',
  id: 0x0d0100,
  request: { ttl: t.long, name: t.string, key: t.data, value: t.data },
  response: { response: t.nullable(t.data) },
});

export const ReplicatedMapRemove = defineMessage({
  name: 'ReplicatedMap.Remove',
  id: 0x0d0700,
  request: { name: t.string, key: t.data },
  response: { response: t.nullable(t.data) },
});

export const ReplicatedMapRemoveEntryListener = defineMessage({
  name: 'ReplicatedMap.RemoveEntryListener',
  id: 0x0d0e00,
  request: { registrationId: t.uuid, name: t.string },
  response: { response: t.boolean },
});

export const ReplicatedMapSize = defineMessage({
  name: 'ReplicatedMap.Size',
  id: 0x0d0200,
  request: { name: t.string },
  response: { response: t.int },
});

export const ReplicatedMapValues = defineMessage({
  name: 'ReplicatedMap.Values',
  id: 0x0d1000,
  request: { name: t.string },
  response: { response: t.list(t.data) },
});

