// Item listeners of queues, lists and sets: registration kinds and event delivery. ItemEventType
// ids: ADDED 1, REMOVED 2.
import { encodeEvent, type EventDef } from '../protocol/codec.ts';
import type { Fields } from '../protocol/types.ts';
import type { ConnectionHandle, MemberState } from './member-state.ts';

export const ItemEventType = { ADDED: 1, REMOVED: 2 } as const;

type ItemEventDef = EventDef<Fields>;

export function registerItemListener(
  member: MemberState,
  kind: string,
  name: string,
  connection: ConnectionHandle,
  correlationId: bigint,
  includeValue: boolean,
): string {
  return member.register({ kind, objectName: name, connection, correlationId, options: { includeValue } });
}

export function publishItemEvent(member: MemberState, kind: string, def: ItemEventDef, name: string, item: Buffer, eventType: number): void {
  for (const reg of member.listeners(kind, name)) {
    reg.connection.send(
      encodeEvent(def, reg.correlationId, { uuid: member.uuid, eventType, item: reg.options.includeValue === true ? item : null }),
    );
  }
}
