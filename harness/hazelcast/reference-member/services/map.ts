// Handlers of Map.* messages. Keys and values stay opaque serialized bytes; a key's identity is its
// exact byte content. Each handler declares the map permission action it needs, as the real member's
// message tasks do (ActionConstants: put, read, remove, listen, ...).
import { encodeEvent } from '../protocol/codec.ts';
import { EntryEventType, MapAddEntryListener, MapGet, MapPut, MapRemove, MapRemoveEntryListener } from '../protocol/definitions/map.ts';
import { MapAddEntryListenerToKey } from '../protocol/definitions/map-more.ts';
import { defineHandler, type Handler } from './handler.ts';
import type { MemberState } from './member-state.ts';

const mapPermission = (name: string, action: string) => ({ type: 'map', name, action });

const keyId = (key: Buffer): string => key.toString('hex');

export const mapHandlers: Handler[] = [
  defineHandler(MapPut, {
    permission: (req) => mapPermission(req.name, 'put'),
    handle: ({ member, header }, req) => {
      const entries = member.map(req.name);
      const old = entries.get(keyId(req.key));
      entries.set(keyId(req.key), { key: req.key, value: req.value });
      publishEntryEvent(member, req.name, old ? EntryEventType.UPDATED : EntryEventType.ADDED, req.key, req.value, old?.value ?? null, header.partitionId);
      return { response: old?.value ?? null };
    },
  }),

  defineHandler(MapGet, {
    permission: (req) => mapPermission(req.name, 'read'),
    handle: ({ member }, req) => ({ response: member.map(req.name).get(keyId(req.key))?.value ?? null }),
  }),

  defineHandler(MapRemove, {
    permission: (req) => mapPermission(req.name, 'remove'),
    handle: ({ member, header }, req) => {
      const entries = member.map(req.name);
      const old = entries.get(keyId(req.key));
      if (old) {
        entries.delete(keyId(req.key));
        publishEntryEvent(member, req.name, EntryEventType.REMOVED, req.key, null, old.value, header.partitionId);
      }
      return { response: old?.value ?? null };
    },
  }),

  defineHandler(MapAddEntryListener, {
    permission: (req) => mapPermission(req.name, 'listen'),
    handle: ({ member, connection, header }, req) => {
      member.map(req.name);
      return {
        response: member.register({
          kind: 'map-entry',
          objectName: req.name,
          connection,
          correlationId: header.correlationId,
          options: { includeValue: req.includeValue, listenerFlags: req.listenerFlags },
        }),
      };
    },
  }),

  defineHandler(MapRemoveEntryListener, {
    permission: (req) => mapPermission(req.name, 'listen'),
    // Listeners on one key (AddEntryListenerToKey) are removed with the same message.
    handle: ({ member }, req) => ({ response: member.deregister(req.registrationId, 'map-entry') || member.deregister(req.registrationId, 'map-entry-key') }),
  }),
];

/** Sends an entry event to the map's listeners: those of the whole map and those of this key. */
export function publishEntryEvent(
  member: MemberState,
  mapName: string,
  eventType: number,
  key: Buffer,
  value: Buffer | null,
  oldValue: Buffer | null,
  partitionId: number,
): void {
  const keyHex = key.toString('hex');
  const regs = [
    ...member.listeners('map-entry', mapName),
    ...member.listeners('map-entry-key', mapName).filter((r) => r.options.key === keyHex),
  ];
  for (const reg of regs) {
    if ((Number(reg.options.listenerFlags) & eventType) === 0) continue;
    const includeValue = reg.options.includeValue === true;
    reg.connection.send(
      encodeEvent(
        reg.kind === 'map-entry' ? MapAddEntryListener.events.Entry : MapAddEntryListenerToKey.events.Entry,
        reg.correlationId,
        {
          eventType,
          uuid: member.uuid,
          numberOfAffectedEntries: 1,
          key,
          value: includeValue ? value : null,
          oldValue: includeValue ? oldValue : null,
          mergingValue: null,
        },
        partitionId,
      ),
    );
  }
}
