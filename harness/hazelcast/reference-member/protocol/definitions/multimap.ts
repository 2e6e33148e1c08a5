// MultiMap.* messages (hazelcast-client 5.7.0 lib/codec).
import { defineEvent, defineMessage } from '../codec.ts';
import { t } from '../types.ts';

export const MultiMapAddEntryListener = defineMessage({
  name: 'MultiMap.AddEntryListener',
  id: 0x020e00,
  request: { includeValue: t.boolean, localOnly: t.boolean, name: t.string },
  response: { response: t.uuid },
  events: {
    Entry: defineEvent('MultiMap.AddEntryListener.Entry', 0x020e02, { eventType: t.int, uuid: t.uuid, numberOfAffectedEntries: t.int, key: t.nullable(t.data), value: t.nullable(t.data), oldValue: t.nullable(t.data), mergingValue: t.nullable(t.data) }),
  },
});

export const MultiMapAddEntryListenerToKey = defineMessage({
  name: 'MultiMap.AddEntryListenerToKey',
  id: 0x020d00,
  request: { includeValue: t.boolean, localOnly: t.boolean, name: t.string, key: t.data },
  response: { response: t.uuid },
  events: {
    Entry: defineEvent('MultiMap.AddEntryListenerToKey.Entry', 0x020d02, { eventType: t.int, uuid: t.uuid, numberOfAffectedEntries: t.int, key: t.nullable(t.data), value: t.nullable(t.data), oldValue: t.nullable(t.data), mergingValue: t.nullable(t.data) }),
  },
});

export const MultiMapClear = defineMessage({
  name: 'MultiMap.Clear',
  id: 0x020b00,
  request: { name: t.string },
  response: {},
});

export const MultiMapContainsEntry = defineMessage({
  name: 'MultiMap.ContainsEntry',
  id: 0x020900,
  request: { threadId: t.long, name: t.string, key: t.data, value: t.data },
  response: { response: t.boolean },
});

export const MultiMapContainsKey = defineMessage({
  name: 'MultiMap.ContainsKey',
  id: 0x020700,
  request: { threadId: t.long, name: t.string, key: t.data },
  response: { response: t.boolean },
});

export const MultiMapContainsValue = defineMessage({
  name: 'MultiMap.ContainsValue',
  id: 0x020800,
  request: { name: t.string, value: t.data },
  response: { response: t.boolean },
});

export const MultiMapEntrySet = defineMessage({
  name: 'MultiMap.EntrySet',
  id: 0x020600,
  request: { name: t.string },
  response: { response: t.entries(t.data, t.data) },
});

export const MultiMapForceUnlock = defineMessage({
  name: 'MultiMap.ForceUnlock',
  id: 0x021400,
  request: { referenceId: t.long, name: t.string, key: t.data },
  response: {},
});

export const MultiMapGet = defineMessage({
  name: 'MultiMap.Get',
  id: 0x020200,
  request: { threadId: t.long, name: t.string, key: t.data },
  response: { response: t.list(t.data) },
});

export const MultiMapIsLocked = defineMessage({
  name: 'MultiMap.IsLocked',
  id: 0x021200,
  request: { name: t.string, key: t.data },
  response: { response: t.boolean },
});

export const MultiMapKeySet = defineMessage({
  name: 'MultiMap.KeySet',
  id: 0x020400,
  request: { name: t.string },
  response: { response: t.list(t.data) },
});

export const MultiMapLock = defineMessage({
  name: 'MultiMap.Lock',
  id: 0x021000,
  request: { threadId: t.long, ttl: t.long, referenceId: t.long, name: t.string, key: t.data },
  response: {},
});

export const MultiMapPutAll = defineMessage({
  name: 'MultiMap.PutAll',
  id: 0x021700,
  request: { name: t.string, entries: t.entries(t.data, t.list(t.data)) },
  response: {},
});

export const MultiMapPut = defineMessage({
  name: 'MultiMap.Put',
  id: 0x020100,
  request: { threadId: t.long, name: t.string, key: t.data, value: t.data },
  response: { response: t.boolean },
});

export const MultiMapRemove = defineMessage({
  name: 'MultiMap.Remove',
  id: 0x020300,
  request: { threadId: t.long, name: t.string, key: t.data },
  response: { response: t.list(t.data) },
});

export const MultiMapRemoveEntry = defineMessage({
  name: 'MultiMap.RemoveEntry',
  id: 0x021500,
  request: { threadId: t.long, name: t.string, key: t.data, value: t.data },
  response: { response: t.boolean },
});

export const MultiMapRemoveEntryListener = defineMessage({
  name: 'MultiMap.RemoveEntryListener',
  id: 0x020f00,
  request: { registrationId: t.uuid, name: t.string },
  response: { response: t.boolean },
});

export const MultiMapSize = defineMessage({
  name: 'MultiMap.Size',
  id: 0x020a00,
  request: { name: t.string },
  response: { response: t.int },
});

export const MultiMapTryLock = defineMessage({
  name: 'MultiMap.TryLock',
  id: 0x021100,
  request: { threadId: t.long, lease: t.long, timeout: t.long, referenceId: t.long, name: t.string, key: t.data },
  response: { response: t.boolean },
});

export const MultiMapUnlock = defineMessage({
  name: 'MultiMap.Unlock',
  id: 0x021300,
  request: { threadId: t.long, referenceId: t.long, name: t.string, key: t.data },
  response: {},
});

export const MultiMapValueCount = defineMessage({
  name: 'MultiMap.ValueCount',
  id: 0x020c00,
  request: { threadId: t.long, name: t.string, key: t.data },
  response: { response: t.int },
});

export const MultiMapValues = defineMessage({
  name: 'MultiMap.Values',
  id: 0x020500,
  request: { name: t.string },
  response: { response: t.list(t.data) },
});

