// IQueue handlers (unbounded queue, FIFO of serialized items). Permissions as the real member's
// client/impl/protocol/task/queue/*MessageTask.getRequiredPermission ask for them (QueuePermission).
// A blocking take or a poll with a timeout on an empty queue is not waited out: the member serves a
// connection's requests in order, so waiting would block the offer that could end it.
import {
  QueueAddAll,
  QueueAddListener,
  QueueClear,
  QueueCompareAndRemoveAll,
  QueueCompareAndRetainAll,
  QueueContains,
  QueueContainsAll,
  QueueDrainTo,
  QueueDrainToMaxSize,
  QueueIsEmpty,
  QueueIterator,
  QueueOffer,
  QueuePeek,
  QueuePoll,
  QueuePut,
  QueueRemainingCapacity,
  QueueRemove,
  QueueRemoveListener,
  QueueSize,
  QueueTake,
} from '../protocol/definitions/queue.ts';
import { defineHandler, type Handler } from './handler.ts';
import { ItemEventType, publishItemEvent, registerItemListener } from './item-events.ts';
import type { MemberState } from './member-state.ts';
import { illegalState, need, objectState } from './structure-support.ts';

const SERVICE = 'hz:impl:queueService';
const LISTENER = 'queue-item';
const queue = (name: string, action: string) => need('queue', name, action);
const items = (member: MemberState, name: string) => objectState(member, SERVICE, name, () => [] as Buffer[]);

function add(member: MemberState, name: string, values: Buffer[]): void {
  const q = items(member, name);
  for (const v of values) {
    q.push(v);
    publishItemEvent(member, LISTENER, QueueAddListener.events.Item, name, v, ItemEventType.ADDED);
  }
}

function take(member: MemberState, name: string, max = Infinity): Buffer[] {
  const q = items(member, name);
  const out = q.splice(0, Math.min(max, q.length));
  for (const v of out) publishItemEvent(member, LISTENER, QueueAddListener.events.Item, name, v, ItemEventType.REMOVED);
  return out;
}

/** Keeps (retain) or drops (remove) the items that are in `values`; true when the queue changed. */
function filter(member: MemberState, name: string, values: Buffer[], retain: boolean): boolean {
  const q = items(member, name);
  const kept: Buffer[] = [];
  const dropped: Buffer[] = [];
  for (const v of q) (values.some((x) => x.equals(v)) === retain ? kept : dropped).push(v);
  q.splice(0, q.length, ...kept);
  for (const v of dropped) publishItemEvent(member, LISTENER, QueueAddListener.events.Item, name, v, ItemEventType.REMOVED);
  return dropped.length > 0;
}

export const queueHandlers: Handler[] = [
  // QueueOfferMessageTask: add.
  defineHandler(QueueOffer, {
    permission: (req) => queue(req.name, 'add'),
    handle: ({ member }, req) => {
      add(member, req.name, [req.value]);
      return { response: true };
    },
  }),
  // QueuePutMessageTask: add.
  defineHandler(QueuePut, {
    permission: (req) => queue(req.name, 'add'),
    handle: ({ member }, req) => {
      add(member, req.name, [req.value]);
      return {};
    },
  }),
  // QueueAddAllMessageTask: add.
  defineHandler(QueueAddAll, {
    permission: (req) => queue(req.name, 'add'),
    handle: ({ member }, req) => {
      add(member, req.name, req.dataList);
      return { response: req.dataList.length > 0 };
    },
  }),
  // QueuePollMessageTask: remove.
  defineHandler(QueuePoll, {
    permission: (req) => queue(req.name, 'remove'),
    handle: ({ member }, req) => ({ response: take(member, req.name, 1)[0] ?? null }),
  }),
  // QueueTakeMessageTask: remove.
  defineHandler(QueueTake, {
    permission: (req) => queue(req.name, 'remove'),
    handle: ({ member }, req) => {
      const v = take(member, req.name, 1)[0];
      if (!v) throw illegalState('take on an empty queue: the reference member does not block');
      return { response: v };
    },
  }),
  // QueueRemoveMessageTask: remove.
  defineHandler(QueueRemove, {
    permission: (req) => queue(req.name, 'remove'),
    handle: ({ member }, req) => {
      const q = items(member, req.name);
      const i = q.findIndex((v) => v.equals(req.value));
      if (i < 0) return { response: false };
      q.splice(i, 1);
      publishItemEvent(member, LISTENER, QueueAddListener.events.Item, req.name, req.value, ItemEventType.REMOVED);
      return { response: true };
    },
  }),
  // QueueClearMessageTask: remove.
  defineHandler(QueueClear, {
    permission: (req) => queue(req.name, 'remove'),
    handle: ({ member }, req) => {
      take(member, req.name);
      return {};
    },
  }),
  // QueueDrainMessageTask: remove.
  defineHandler(QueueDrainTo, {
    permission: (req) => queue(req.name, 'remove'),
    handle: ({ member }, req) => ({ response: take(member, req.name) }),
  }),
  // QueueDrainMaxSizeMessageTask: remove.
  defineHandler(QueueDrainToMaxSize, {
    permission: (req) => queue(req.name, 'remove'),
    handle: ({ member }, req) => ({ response: take(member, req.name, req.maxSize < 0 ? Infinity : req.maxSize) }),
  }),
  // QueueCompareAndRemoveAllMessageTask: remove.
  defineHandler(QueueCompareAndRemoveAll, {
    permission: (req) => queue(req.name, 'remove'),
    handle: ({ member }, req) => ({ response: filter(member, req.name, req.dataList, false) }),
  }),
  // QueueCompareAndRetainAllMessageTask: remove.
  defineHandler(QueueCompareAndRetainAll, {
    permission: (req) => queue(req.name, 'remove'),
    handle: ({ member }, req) => ({ response: filter(member, req.name, req.dataList, true) }),
  }),
  // QueuePeekMessageTask: read.
  defineHandler(QueuePeek, {
    permission: (req) => queue(req.name, 'read'),
    handle: ({ member }, req) => ({ response: items(member, req.name)[0] ?? null }),
  }),
  // QueueSizeMessageTask: read.
  defineHandler(QueueSize, {
    permission: (req) => queue(req.name, 'read'),
    handle: ({ member }, req) => ({ response: items(member, req.name).length }),
  }),
  // QueueIsEmptyMessageTask: read.
  defineHandler(QueueIsEmpty, {
    permission: (req) => queue(req.name, 'read'),
    handle: ({ member }, req) => ({ response: items(member, req.name).length === 0 }),
  }),
  // QueueContainsMessageTask: read.
  defineHandler(QueueContains, {
    permission: (req) => queue(req.name, 'read'),
    handle: ({ member }, req) => ({ response: items(member, req.name).some((v) => v.equals(req.value)) }),
  }),
  // QueueContainsAllMessageTask: read.
  defineHandler(QueueContainsAll, {
    permission: (req) => queue(req.name, 'read'),
    handle: ({ member }, req) => {
      const q = items(member, req.name);
      return { response: req.dataList.every((x) => q.some((v) => v.equals(x))) };
    },
  }),
  // QueueIteratorMessageTask: read.
  defineHandler(QueueIterator, {
    permission: (req) => queue(req.name, 'read'),
    handle: ({ member }, req) => ({ response: [...items(member, req.name)] }),
  }),
  // QueueRemainingCapacityMessageTask: read. Unbounded, as a queue without max-size.
  defineHandler(QueueRemainingCapacity, {
    permission: (req) => queue(req.name, 'read'),
    handle: ({ member }, req) => {
      items(member, req.name);
      return { response: 2147483647 };
    },
  }),
  // QueueAddListenerMessageTask: listen.
  defineHandler(QueueAddListener, {
    permission: (req) => queue(req.name, 'listen'),
    handle: ({ member, connection, header }, req) => {
      items(member, req.name);
      return { response: registerItemListener(member, LISTENER, req.name, connection, header.correlationId, req.includeValue) };
    },
  }),
  // QueueRemoveListenerMessageTask: listen.
  defineHandler(QueueRemoveListener, {
    permission: (req) => queue(req.name, 'listen'),
    handle: ({ member }, req) => ({ response: member.deregister(req.registrationId, LISTENER) }),
  }),
];
