// IList handlers. Permissions as the real member's client/impl/protocol/task/list/*MessageTask ask
// for them (ListPermission): add/addAll/addWithIndex/addAllWithIndex/set -> add; reads -> read;
// remove/removeWithIndex/clear/compareAndRemove/RetainAll -> remove; listeners -> listen.
import {
  ListAdd,
  ListAddAll,
  ListAddAllWithIndex,
  ListAddListener,
  ListAddWithIndex,
  ListClear,
  ListCompareAndRemoveAll,
  ListCompareAndRetainAll,
  ListContains,
  ListContainsAll,
  ListGet,
  ListGetAll,
  ListIndexOf,
  ListIsEmpty,
  ListLastIndexOf,
  ListRemove,
  ListRemoveListener,
  ListRemoveWithIndex,
  ListSet,
  ListSize,
  ListSub,
} from '../protocol/definitions/list.ts';
import { defineHandler, type Handler } from './handler.ts';
import { ItemEventType, publishItemEvent, registerItemListener } from './item-events.ts';
import type { MemberState } from './member-state.ts';
import { indexOutOfBounds, need, objectState } from './structure-support.ts';

const SERVICE = 'hz:impl:listService';
const LISTENER = 'list-item';
const list = (name: string, action: string) => need('list', name, action);
const items = (member: MemberState, name: string) => objectState(member, SERVICE, name, () => [] as Buffer[]);
const event = (member: MemberState, name: string, item: Buffer, type: number) =>
  publishItemEvent(member, LISTENER, ListAddListener.events.Item, name, item, type);

function insert(member: MemberState, name: string, index: number, values: Buffer[]): void {
  const l = items(member, name);
  if (index < 0 || index > l.length) throw indexOutOfBounds(`Index: ${index}, Size: ${l.length}`);
  l.splice(index, 0, ...values);
  for (const v of values) event(member, name, v, ItemEventType.ADDED);
}

function at(l: Buffer[], index: number): Buffer {
  const v = l[index];
  if (index < 0 || v === undefined) throw indexOutOfBounds(`Index: ${index}, Size: ${l.length}`);
  return v;
}

function filter(member: MemberState, name: string, values: Buffer[], retain: boolean): boolean {
  const l = items(member, name);
  const dropped = l.filter((v) => values.some((x) => x.equals(v)) !== retain);
  l.splice(0, l.length, ...l.filter((v) => values.some((x) => x.equals(v)) === retain));
  for (const v of dropped) event(member, name, v, ItemEventType.REMOVED);
  return dropped.length > 0;
}

export const listHandlers: Handler[] = [
  // ListAddMessageTask: add.
  defineHandler(ListAdd, {
    permission: (req) => list(req.name, 'add'),
    handle: ({ member }, req) => {
      insert(member, req.name, items(member, req.name).length, [req.value]);
      return { response: true };
    },
  }),
  // ListAddAllMessageTask: add.
  defineHandler(ListAddAll, {
    permission: (req) => list(req.name, 'add'),
    handle: ({ member }, req) => {
      insert(member, req.name, items(member, req.name).length, req.valueList);
      return { response: req.valueList.length > 0 };
    },
  }),
  // ListAddWithIndexMessageTask: add.
  defineHandler(ListAddWithIndex, {
    permission: (req) => list(req.name, 'add'),
    handle: ({ member }, req) => {
      insert(member, req.name, req.index, [req.value]);
      return {};
    },
  }),
  // ListAddAllWithIndexMessageTask: add.
  defineHandler(ListAddAllWithIndex, {
    permission: (req) => list(req.name, 'add'),
    handle: ({ member }, req) => {
      insert(member, req.name, req.index, req.valueList);
      return { response: req.valueList.length > 0 };
    },
  }),
  // ListSetMessageTask: add.
  defineHandler(ListSet, {
    permission: (req) => list(req.name, 'add'),
    handle: ({ member }, req) => {
      const l = items(member, req.name);
      const old = at(l, req.index);
      l[req.index] = req.value;
      return { response: old };
    },
  }),
  // ListGetMessageTask: read.
  defineHandler(ListGet, {
    permission: (req) => list(req.name, 'read'),
    handle: ({ member }, req) => ({ response: at(items(member, req.name), req.index) }),
  }),
  // ListGetAllMessageTask: read.
  defineHandler(ListGetAll, {
    permission: (req) => list(req.name, 'read'),
    handle: ({ member }, req) => ({ response: [...items(member, req.name)] }),
  }),
  // ListSubMessageTask: read.
  defineHandler(ListSub, {
    permission: (req) => list(req.name, 'read'),
    handle: ({ member }, req) => {
      const l = items(member, req.name);
      if (req.from < 0 || req.to > l.length || req.from > req.to) throw indexOutOfBounds(`fromIndex: ${req.from}, toIndex: ${req.to}, size: ${l.length}`);
      return { response: l.slice(req.from, req.to) };
    },
  }),
  // ListSizeMessageTask: read.
  defineHandler(ListSize, {
    permission: (req) => list(req.name, 'read'),
    handle: ({ member }, req) => ({ response: items(member, req.name).length }),
  }),
  // ListIsEmptyMessageTask: read.
  defineHandler(ListIsEmpty, {
    permission: (req) => list(req.name, 'read'),
    handle: ({ member }, req) => ({ response: items(member, req.name).length === 0 }),
  }),
  // ListContainsMessageTask: read.
  defineHandler(ListContains, {
    permission: (req) => list(req.name, 'read'),
    handle: ({ member }, req) => ({ response: items(member, req.name).some((v) => v.equals(req.value)) }),
  }),
  // ListContainsAllMessageTask: read.
  defineHandler(ListContainsAll, {
    permission: (req) => list(req.name, 'read'),
    handle: ({ member }, req) => {
      const l = items(member, req.name);
      return { response: req.values.every((x) => l.some((v) => v.equals(x))) };
    },
  }),
  // ListIndexOfMessageTask: read.
  defineHandler(ListIndexOf, {
    permission: (req) => list(req.name, 'read'),
    handle: ({ member }, req) => ({ response: items(member, req.name).findIndex((v) => v.equals(req.value)) }),
  }),
  // ListLastIndexOfMessageTask: read.
  defineHandler(ListLastIndexOf, {
    permission: (req) => list(req.name, 'read'),
    handle: ({ member }, req) => ({ response: items(member, req.name).findLastIndex((v) => v.equals(req.value)) }),
  }),
  // ListRemoveMessageTask: remove.
  defineHandler(ListRemove, {
    permission: (req) => list(req.name, 'remove'),
    handle: ({ member }, req) => {
      const l = items(member, req.name);
      const i = l.findIndex((v) => v.equals(req.value));
      if (i < 0) return { response: false };
      l.splice(i, 1);
      event(member, req.name, req.value, ItemEventType.REMOVED);
      return { response: true };
    },
  }),
  // ListRemoveWithIndexMessageTask: remove.
  defineHandler(ListRemoveWithIndex, {
    permission: (req) => list(req.name, 'remove'),
    handle: ({ member }, req) => {
      const l = items(member, req.name);
      const old = at(l, req.index);
      l.splice(req.index, 1);
      event(member, req.name, old, ItemEventType.REMOVED);
      return { response: old };
    },
  }),
  // ListClearMessageTask: remove.
  defineHandler(ListClear, {
    permission: (req) => list(req.name, 'remove'),
    handle: ({ member }, req) => {
      const l = items(member, req.name);
      for (const v of l.splice(0, l.length)) event(member, req.name, v, ItemEventType.REMOVED);
      return {};
    },
  }),
  // ListCompareAndRemoveAllMessageTask: remove.
  defineHandler(ListCompareAndRemoveAll, {
    permission: (req) => list(req.name, 'remove'),
    handle: ({ member }, req) => ({ response: filter(member, req.name, req.values, false) }),
  }),
  // ListCompareAndRetainAllMessageTask: remove.
  defineHandler(ListCompareAndRetainAll, {
    permission: (req) => list(req.name, 'remove'),
    handle: ({ member }, req) => ({ response: filter(member, req.name, req.values, true) }),
  }),
  // ListAddListenerMessageTask: listen.
  defineHandler(ListAddListener, {
    permission: (req) => list(req.name, 'listen'),
    handle: ({ member, connection, header }, req) => {
      items(member, req.name);
      return { response: registerItemListener(member, LISTENER, req.name, connection, header.correlationId, req.includeValue) };
    },
  }),
  // ListRemoveListenerMessageTask: listen.
  defineHandler(ListRemoveListener, {
    permission: (req) => list(req.name, 'listen'),
    handle: ({ member }, req) => ({ response: member.deregister(req.registrationId, LISTENER) }),
  }),
];
