// Map.* messages. Keys and values are serialized data, kept as opaque bytes.
import { defineEvent, defineMessage } from '../codec.ts';
import { t } from '../types.ts';

export const MapPut = defineMessage({
  name: 'Map.Put',
  id: 0x010100,
  request: { threadId: t.long, ttl: t.long, name: t.string, key: t.data, value: t.data },
  response: { response: t.nullable(t.data) },
});

export const MapGet = defineMessage({
  name: 'Map.Get',
  id: 0x010200,
  request: { threadId: t.long, name: t.string, key: t.data },
  response: { response: t.nullable(t.data) },
});

export const MapRemove = defineMessage({
  name: 'Map.Remove',
  id: 0x010300,
  request: { threadId: t.long, name: t.string, key: t.data },
  response: { response: t.nullable(t.data) },
});

export const MapAddEntryListener = defineMessage({
  name: 'Map.AddEntryListener',
  id: 0x011900,
  request: { includeValue: t.boolean, listenerFlags: t.int, localOnly: t.boolean, name: t.string },
  response: { response: t.uuid },
  events: {
    Entry: defineEvent('Map.AddEntryListener.Entry', 0x011902, {
      eventType: t.int,
      uuid: t.uuid,
      numberOfAffectedEntries: t.int,
      key: t.nullable(t.data),
      value: t.nullable(t.data),
      oldValue: t.nullable(t.data),
      mergingValue: t.nullable(t.data),
    }),
  },
});

export const MapRemoveEntryListener = defineMessage({
  name: 'Map.RemoveEntryListener',
  id: 0x011a00,
  request: { registrationId: t.uuid, name: t.string },
  response: { response: t.boolean },
});

/** com.hazelcast.core.EntryEventType ids (the listener flags are a bit mask of them). */
export const EntryEventType = {
  ADDED: 1,
  REMOVED: 2,
  UPDATED: 4,
  EVICTED: 8,
  EXPIRED: 16,
  EVICT_ALL: 32,
  CLEAR_ALL: 64,
  MERGED: 128,
  INVALIDATION: 256,
  LOADED: 512,
} as const;
