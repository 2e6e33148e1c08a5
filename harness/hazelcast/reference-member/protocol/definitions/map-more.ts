// Map.* messages beyond put/get/remove/entry listener (map.ts): the ones the Node client's IMap sends
// without server-side Java code (no predicates, aggregations, entry processors, map loaders).
// Ids and layouts from the client's generated codecs (hazelcast-client 5.7.0 lib/codec).
import { defineEvent, defineMessage } from '../codec.ts';
import { t } from '../types.ts';

export const BitmapIndexOptions = t.struct('BitmapIndexOptions', { uniqueKeyTransformation: t.int, uniqueKey: t.string });

/** IndexConfig: type (0 SORTED, 1 HASH, 2 BITMAP), optional name, attributes, optional bitmap options. */
export const IndexConfig = t.struct('IndexConfig', {
  type: t.int,
  name: t.nullable(t.string),
  attributes: t.list(t.string),
  bitmapIndexOptions: t.nullable(BitmapIndexOptions),
});

export const SimpleEntryView = t.struct('SimpleEntryView', {
  cost: t.long,
  creationTime: t.long,
  expirationTime: t.long,
  hits: t.long,
  lastAccessTime: t.long,
  lastStoredTime: t.long,
  lastUpdateTime: t.long,
  version: t.long,
  ttl: t.long,
  maxIdle: t.long,
  key: t.data,
  value: t.data,
});

export const MapContainsKey = defineMessage({
  name: 'Map.ContainsKey',
  id: 0x010600,
  request: { threadId: t.long, name: t.string, key: t.data },
  response: { response: t.boolean },
});

export const MapContainsValue = defineMessage({
  name: 'Map.ContainsValue',
  id: 0x010700,
  request: { name: t.string, value: t.data },
  response: { response: t.boolean },
});

export const MapSet = defineMessage({
  name: 'Map.Set',
  id: 0x010f00,
  request: { threadId: t.long, ttl: t.long, name: t.string, key: t.data, value: t.data },
  response: {},
});

export const MapDelete = defineMessage({
  name: 'Map.Delete',
  id: 0x010900,
  request: { threadId: t.long, name: t.string, key: t.data },
  response: {},
});

export const MapPutIfAbsent = defineMessage({
  name: 'Map.PutIfAbsent',
  id: 0x010e00,
  request: { threadId: t.long, ttl: t.long, name: t.string, key: t.data, value: t.data },
  response: { response: t.nullable(t.data) },
});

export const MapReplace = defineMessage({
  name: 'Map.Replace',
  id: 0x010400,
  request: { threadId: t.long, name: t.string, key: t.data, value: t.data },
  response: { response: t.nullable(t.data) },
});

export const MapReplaceIfSame = defineMessage({
  name: 'Map.ReplaceIfSame',
  id: 0x010500,
  request: { threadId: t.long, name: t.string, key: t.data, testValue: t.data, value: t.data },
  response: { response: t.boolean },
});

export const MapRemoveIfSame = defineMessage({
  name: 'Map.RemoveIfSame',
  id: 0x010800,
  request: { threadId: t.long, name: t.string, key: t.data, value: t.data },
  response: { response: t.boolean },
});

export const MapTryPut = defineMessage({
  name: 'Map.TryPut',
  id: 0x010c00,
  request: { threadId: t.long, timeout: t.long, name: t.string, key: t.data, value: t.data },
  response: { response: t.boolean },
});

export const MapTryRemove = defineMessage({
  name: 'Map.TryRemove',
  id: 0x010b00,
  request: { threadId: t.long, timeout: t.long, name: t.string, key: t.data },
  response: { response: t.boolean },
});

export const MapPutTransient = defineMessage({
  name: 'Map.PutTransient',
  id: 0x010d00,
  request: { threadId: t.long, ttl: t.long, name: t.string, key: t.data, value: t.data },
  response: {},
});

export const MapPutWithMaxIdle = defineMessage({
  name: 'Map.PutWithMaxIdle',
  id: 0x014400,
  request: { threadId: t.long, ttl: t.long, maxIdle: t.long, name: t.string, key: t.data, value: t.data },
  response: { response: t.nullable(t.data) },
});

export const MapPutIfAbsentWithMaxIdle = defineMessage({
  name: 'Map.PutIfAbsentWithMaxIdle',
  id: 0x014600,
  request: { threadId: t.long, ttl: t.long, maxIdle: t.long, name: t.string, key: t.data, value: t.data },
  response: { response: t.nullable(t.data) },
});

export const MapPutTransientWithMaxIdle = defineMessage({
  name: 'Map.PutTransientWithMaxIdle',
  id: 0x014500,
  request: { threadId: t.long, ttl: t.long, maxIdle: t.long, name: t.string, key: t.data, value: t.data },
  response: { response: t.nullable(t.data) },
});

export const MapSetWithMaxIdle = defineMessage({
  name: 'Map.SetWithMaxIdle',
  id: 0x014700,
  request: { threadId: t.long, ttl: t.long, maxIdle: t.long, name: t.string, key: t.data, value: t.data },
  response: { response: t.nullable(t.data) },
});

export const MapSetTtl = defineMessage({
  name: 'Map.SetTtl',
  id: 0x014300,
  request: { ttl: t.long, name: t.string, key: t.data },
  response: { response: t.boolean },
});

export const MapSize = defineMessage({
  name: 'Map.Size',
  id: 0x012a00,
  request: { name: t.string },
  response: { response: t.int },
});

export const MapIsEmpty = defineMessage({
  name: 'Map.IsEmpty',
  id: 0x012b00,
  request: { name: t.string },
  response: { response: t.boolean },
});

export const MapClear = defineMessage({
  name: 'Map.Clear',
  id: 0x012d00,
  request: { name: t.string },
  response: {},
});

export const MapKeySet = defineMessage({
  name: 'Map.KeySet',
  id: 0x012200,
  request: { name: t.string },
  response: { response: t.list(t.data) },
});

export const MapValues = defineMessage({
  name: 'Map.Values',
  id: 0x012400,
  request: { name: t.string },
  response: { response: t.list(t.data) },
});

export const MapEntrySet = defineMessage({
  name: 'Map.EntrySet',
  id: 0x012500,
  request: { name: t.string },
  response: { response: t.entries(t.data, t.data) },
});

export const MapGetAll = defineMessage({
  name: 'Map.GetAll',
  id: 0x012300,
  request: { name: t.string, keys: t.list(t.data) },
  response: { response: t.entries(t.data, t.data) },
});

export const MapPutAll = defineMessage({
  name: 'Map.PutAll',
  id: 0x012c00,
  request: { triggerMapLoader: t.boolean, name: t.string, entries: t.entries(t.data, t.data) },
  response: {},
});

export const MapGetEntryView = defineMessage({
  name: 'Map.GetEntryView',
  id: 0x011d00,
  request: { threadId: t.long, name: t.string, key: t.data },
  response: { maxIdle: t.long, response: t.nullable(SimpleEntryView) },
});

export const MapAddIndex = defineMessage({
  name: 'Map.AddIndex',
  id: 0x012900,
  request: { name: t.string, indexConfig: IndexConfig },
  response: {},
});

export const MapLock = defineMessage({
  name: 'Map.Lock',
  id: 0x011000,
  request: { threadId: t.long, ttl: t.long, referenceId: t.long, name: t.string, key: t.data },
  response: {},
});

export const MapUnlock = defineMessage({
  name: 'Map.Unlock',
  id: 0x011300,
  request: { threadId: t.long, referenceId: t.long, name: t.string, key: t.data },
  response: {},
});

export const MapTryLock = defineMessage({
  name: 'Map.TryLock',
  id: 0x011100,
  request: { threadId: t.long, lease: t.long, timeout: t.long, referenceId: t.long, name: t.string, key: t.data },
  response: { response: t.boolean },
});

export const MapIsLocked = defineMessage({
  name: 'Map.IsLocked',
  id: 0x011200,
  request: { name: t.string, key: t.data },
  response: { response: t.boolean },
});

export const MapForceUnlock = defineMessage({
  name: 'Map.ForceUnlock',
  id: 0x013300,
  request: { referenceId: t.long, name: t.string, key: t.data },
  response: {},
});

export const MapEvict = defineMessage({
  name: 'Map.Evict',
  id: 0x011e00,
  request: { threadId: t.long, name: t.string, key: t.data },
  response: { response: t.boolean },
});

export const MapEvictAll = defineMessage({
  name: 'Map.EvictAll',
  id: 0x011f00,
  request: { name: t.string },
  response: {},
});

export const MapFlush = defineMessage({
  name: 'Map.Flush',
  id: 0x010a00,
  request: { name: t.string },
  response: {},
});

export const MapAddEntryListenerToKey = defineMessage({
  name: 'Map.AddEntryListenerToKey',
  id: 0x011800,
  request: { includeValue: t.boolean, listenerFlags: t.int, localOnly: t.boolean, name: t.string, key: t.data },
  response: { response: t.uuid },
  events: {
    Entry: defineEvent('Map.AddEntryListenerToKey.Entry', 0x011802, { eventType: t.int, uuid: t.uuid, numberOfAffectedEntries: t.int, key: t.nullable(t.data), value: t.nullable(t.data), oldValue: t.nullable(t.data), mergingValue: t.nullable(t.data) }),
  },
});

