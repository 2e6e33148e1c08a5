// Ringbuffer handlers, and through them the Node client's reliable topic: it publishes with
// Ringbuffer.Add and listens with Ringbuffer.ReadMany on the ring buffer "_hz_rb_<topic>", so the
// real member checks RingBufferPermission on that name (client/impl/protocol/task/ringbuffer/
// *MessageTask: add/addAll -> put; readOne/readMany/capacity/size/head/tail/remainingCapacity -> read).
// ReliableTopicPermission is only checked when the topic proxy is created or destroyed.
//
// Capacity 10000 (the default ringbuffer config). A read past the tail would block on the real
// member; this one serves a connection's requests in order, so it waits at most READ_WAIT_MILLIS
// for items from other connections and then answers with what it has (possibly nothing).
import { RingbufferAdd, RingbufferAddAll, RingbufferCapacity, RingbufferHeadSequence, RingbufferReadMany, RingbufferReadOne, RingbufferRemainingCapacity, RingbufferSize, RingbufferTailSequence } from '../protocol/definitions/ringbuffer.ts';
import { defineHandler, type Handler } from './handler.ts';
import type { MemberState } from './member-state.ts';
import { illegalArgument, need, objectState, staleSequence } from './structure-support.ts';

const SERVICE = 'hz:impl:ringbufferService';
export const RINGBUFFER_CAPACITY = 10_000;
const READ_WAIT_MILLIS = 100;
/** OverflowPolicy ids: OVERWRITE 0, FAIL 1. */
const FAIL = 1;

interface Ring {
  items: Buffer[];
  /** Sequence of items[0]. */
  head: number;
  waiters: Array<() => void>;
}

const ring = (member: MemberState, name: string) => objectState<Ring>(member, SERVICE, name, () => ({ items: [], head: 0, waiters: [] }));
const rb = (name: string, action: string) => need('ring-buffer', name, action);
const tail = (r: Ring) => r.head + r.items.length - 1;

/** Appends; -1 when full and the policy is FAIL (items never expire here, so a full ring stays full). */
function append(r: Ring, values: Buffer[], overflowPolicy: number): number {
  if (overflowPolicy === FAIL && r.items.length + values.length > RINGBUFFER_CAPACITY) return -1;
  for (const v of values) {
    r.items.push(v);
    if (r.items.length > RINGBUFFER_CAPACITY) {
      r.items.shift();
      r.head++;
    }
  }
  const waiters = r.waiters.splice(0);
  for (const w of waiters) w();
  return tail(r);
}

function checkSequence(r: Ring, seq: number): void {
  if (seq < r.head) throw staleSequence(`sequence:${seq} is too small and data store is disabled. The current headSequence is:${r.head} tailSequence is:${tail(r)}`);
  if (seq > tail(r) + 1) throw illegalArgument(`sequence:${seq} is too large. The current tailSequence is:${tail(r)}`);
}

async function waitForItems(r: Ring, until: () => boolean): Promise<void> {
  if (until()) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, READ_WAIT_MILLIS);
    r.waiters.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export const ringbufferHandlers: Handler[] = [
  // RingbufferAddMessageTask: put.
  defineHandler(RingbufferAdd, {
    permission: (req) => rb(req.name, 'put'),
    handle: ({ member }, req) => ({ response: BigInt(append(ring(member, req.name), [req.value], req.overflowPolicy)) }),
  }),
  // RingbufferAddAllMessageTask: put.
  defineHandler(RingbufferAddAll, {
    permission: (req) => rb(req.name, 'put'),
    handle: ({ member }, req) => ({ response: BigInt(append(ring(member, req.name), req.valueList, req.overflowPolicy)) }),
  }),
  // RingbufferReadOneMessageTask: read.
  defineHandler(RingbufferReadOne, {
    permission: (req) => rb(req.name, 'read'),
    handle: async ({ member }, req) => {
      const r = ring(member, req.name);
      const seq = Number(req.sequence);
      checkSequence(r, seq);
      await waitForItems(r, () => seq <= tail(r));
      return { response: r.items[seq - r.head] ?? null };
    },
  }),
  // RingbufferReadManyMessageTask: read. Filters are Java functions: refused.
  defineHandler(RingbufferReadMany, {
    permission: (req) => rb(req.name, 'read'),
    handle: async ({ member }, req) => {
      if (req.filter !== null) throw illegalArgument('ring buffer read filters need Java classes on the member');
      const r = ring(member, req.name);
      let seq = Number(req.startSequence);
      // The real member moves a reader that fell behind to the head (the client logs the loss).
      if (seq < r.head) seq = r.head;
      checkSequence(r, seq);
      await waitForItems(r, () => tail(r) - seq + 1 >= req.minCount);
      const items = r.items.slice(seq - r.head, seq - r.head + req.maxCount);
      return {
        readCount: items.length,
        nextSeq: BigInt(seq + items.length),
        items,
        itemSeqs: items.map((_, i) => BigInt(seq + i)),
      };
    },
  }),
  // RingbufferCapacityMessageTask: read.
  defineHandler(RingbufferCapacity, {
    permission: (req) => rb(req.name, 'read'),
    handle: ({ member }, req) => {
      ring(member, req.name);
      return { response: BigInt(RINGBUFFER_CAPACITY) };
    },
  }),
  // RingbufferSizeMessageTask: read.
  defineHandler(RingbufferSize, {
    permission: (req) => rb(req.name, 'read'),
    handle: ({ member }, req) => ({ response: BigInt(ring(member, req.name).items.length) }),
  }),
  // RingbufferHeadSequenceMessageTask: read.
  defineHandler(RingbufferHeadSequence, {
    permission: (req) => rb(req.name, 'read'),
    handle: ({ member }, req) => ({ response: BigInt(ring(member, req.name).head) }),
  }),
  // RingbufferTailSequenceMessageTask: read.
  defineHandler(RingbufferTailSequence, {
    permission: (req) => rb(req.name, 'read'),
    handle: ({ member }, req) => ({ response: BigInt(tail(ring(member, req.name))) }),
  }),
  // RingbufferRemainingCapacityMessageTask: read. Without a time to live it is the capacity, as on a real member.
  defineHandler(RingbufferRemainingCapacity, {
    permission: (req) => rb(req.name, 'read'),
    handle: ({ member }, req) => {
      ring(member, req.name);
      return { response: BigInt(RINGBUFFER_CAPACITY) };
    },
  }),
];
