// Entry listeners of multimaps and replicated maps: registration (whole object or one key) and
// delivery of EntryEventType events (ADDED 1, REMOVED 2, UPDATED 4, CLEAR_ALL 64).
import { encodeEvent, type EventDef } from '../protocol/codec.ts';
import type { Fields } from '../protocol/types.ts';
import type { ConnectionHandle, MemberState } from './member-state.ts';
import { idOf } from './structure-support.ts';

export function registerEntryListener(
  member: MemberState,
  kind: string,
  name: string,
  connection: ConnectionHandle,
  correlationId: bigint,
  event: EventDef<Fields>,
  includeValue: boolean,
  key?: Buffer,
): string {
  return member.register({
    kind,
    objectName: name,
    connection,
    correlationId,
    options: { includeValue, event, key: key ? idOf(key) : undefined },
  });
}

export function publishEntry(
  member: MemberState,
  kind: string,
  name: string,
  eventType: number,
  key: Buffer | null,
  value: Buffer | null,
  oldValue: Buffer | null,
  affected = 1,
): void {
  for (const reg of member.listeners(kind, name)) {
    if (reg.options.key !== undefined && (key === null || reg.options.key !== idOf(key))) continue;
    const include = reg.options.includeValue === true;
    reg.connection.send(
      encodeEvent(reg.options.event as EventDef<Fields>, reg.correlationId, {
        eventType,
        uuid: member.uuid,
        numberOfAffectedEntries: affected,
        key,
        value: include ? value : null,
        oldValue: include ? oldValue : null,
        mergingValue: null,
      }),
    );
  }
}
