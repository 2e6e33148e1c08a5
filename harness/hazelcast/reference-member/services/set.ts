// ISet handlers (distinct serialized items, insertion order). Permissions as the real member's
// client/impl/protocol/task/set/*MessageTask ask for them (SetPermission).
import {
  SetAdd,
  SetAddAll,
  SetAddListener,
  SetClear,
  SetCompareAndRemoveAll,
  SetCompareAndRetainAll,
  SetContains,
  SetContainsAll,
  SetGetAll,
  SetIsEmpty,
  SetRemove,
  SetRemoveListener,
  SetSize,
} from '../protocol/definitions/set.ts';
import { defineHandler, type Handler } from './handler.ts';
import { ItemEventType, publishItemEvent, registerItemListener } from './item-events.ts';
import type { MemberState } from './member-state.ts';
import { idOf, need, objectState } from './structure-support.ts';

const SERVICE = 'hz:impl:setService';
const LISTENER = 'set-item';
const set = (name: string, action: string) => need('set', name, action);
const items = (member: MemberState, name: string) => objectState(member, SERVICE, name, () => new Map<string, Buffer>());
const event = (member: MemberState, name: string, item: Buffer, type: number) =>
  publishItemEvent(member, LISTENER, SetAddListener.events.Item, name, item, type);

function add(member: MemberState, name: string, values: Buffer[]): boolean {
  const s = items(member, name);
  let changed = false;
  for (const v of values) {
    if (s.has(idOf(v))) continue;
    s.set(idOf(v), v);
    changed = true;
    event(member, name, v, ItemEventType.ADDED);
  }
  return changed;
}

function filter(member: MemberState, name: string, values: Buffer[], retain: boolean): boolean {
  const s = items(member, name);
  const wanted = new Set(values.map(idOf));
  let changed = false;
  for (const [k, v] of [...s]) {
    if (wanted.has(k) === retain) continue;
    s.delete(k);
    changed = true;
    event(member, name, v, ItemEventType.REMOVED);
  }
  return changed;
}

export const setHandlers: Handler[] = [
  // SetAddMessageTask: add.
  defineHandler(SetAdd, {
    permission: (req) => set(req.name, 'add'),
    handle: ({ member }, req) => ({ response: add(member, req.name, [req.value]) }),
  }),
  // SetAddAllMessageTask: add.
  defineHandler(SetAddAll, {
    permission: (req) => set(req.name, 'add'),
    handle: ({ member }, req) => ({ response: add(member, req.name, req.valueList) }),
  }),
  // SetRemoveMessageTask: remove.
  defineHandler(SetRemove, {
    permission: (req) => set(req.name, 'remove'),
    handle: ({ member }, req) => ({ response: filter(member, req.name, [req.value], false) }),
  }),
  // SetClearMessageTask: remove.
  defineHandler(SetClear, {
    permission: (req) => set(req.name, 'remove'),
    handle: ({ member }, req) => {
      filter(member, req.name, [], true);
      return {};
    },
  }),
  // SetCompareAndRemoveAllMessageTask: remove.
  defineHandler(SetCompareAndRemoveAll, {
    permission: (req) => set(req.name, 'remove'),
    handle: ({ member }, req) => ({ response: filter(member, req.name, req.values, false) }),
  }),
  // SetCompareAndRetainAllMessageTask: remove.
  defineHandler(SetCompareAndRetainAll, {
    permission: (req) => set(req.name, 'remove'),
    handle: ({ member }, req) => ({ response: filter(member, req.name, req.values, true) }),
  }),
  // SetContainsMessageTask: read.
  defineHandler(SetContains, {
    permission: (req) => set(req.name, 'read'),
    handle: ({ member }, req) => ({ response: items(member, req.name).has(idOf(req.value)) }),
  }),
  // SetContainsAllMessageTask: read.
  defineHandler(SetContainsAll, {
    permission: (req) => set(req.name, 'read'),
    handle: ({ member }, req) => {
      const s = items(member, req.name);
      return { response: req.items.every((v) => s.has(idOf(v))) };
    },
  }),
  // SetGetAllMessageTask: read.
  defineHandler(SetGetAll, {
    permission: (req) => set(req.name, 'read'),
    handle: ({ member }, req) => ({ response: [...items(member, req.name).values()] }),
  }),
  // SetSizeMessageTask: read.
  defineHandler(SetSize, {
    permission: (req) => set(req.name, 'read'),
    handle: ({ member }, req) => ({ response: items(member, req.name).size }),
  }),
  // SetIsEmptyMessageTask: read.
  defineHandler(SetIsEmpty, {
    permission: (req) => set(req.name, 'read'),
    handle: ({ member }, req) => ({ response: items(member, req.name).size === 0 }),
  }),
  // SetAddListenerMessageTask: listen.
  defineHandler(SetAddListener, {
    permission: (req) => set(req.name, 'listen'),
    handle: ({ member, connection, header }, req) => {
      items(member, req.name);
      return { response: registerItemListener(member, LISTENER, req.name, connection, header.correlationId, req.includeValue) };
    },
  }),
  // SetRemoveListenerMessageTask: listen.
  defineHandler(SetRemoveListener, {
    permission: (req) => set(req.name, 'listen'),
    handle: ({ member }, req) => ({ response: member.deregister(req.registrationId, LISTENER) }),
  }),
];
