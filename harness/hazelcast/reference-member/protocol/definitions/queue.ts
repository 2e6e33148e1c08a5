// Queue.* messages (hazelcast-client 5.7.0 lib/codec).
import { defineEvent, defineMessage } from '../codec.ts';
import { t } from '../types.ts';

export const QueueAddAll = defineMessage({
  name: 'Queue.AddAll',
  id: 0x031000,
  request: { name: t.string, dataList: t.list(t.data) },
  response: { response: t.boolean },
});

export const QueueAddListener = defineMessage({
  name: 'Queue.AddListener',
  id: 0x031100,
  request: { includeValue: t.boolean, localOnly: t.boolean, name: t.string },
  response: { response: t.uuid },
  events: {
    Item: defineEvent('Queue.AddListener.Item', 0x031102, { uuid: t.uuid, eventType: t.int, item: t.nullable(t.data) }),
  },
});

export const QueueClear = defineMessage({
  name: 'Queue.Clear',
  id: 0x030f00,
  request: { name: t.string },
  response: {},
});

export const QueueCompareAndRemoveAll = defineMessage({
  name: 'Queue.CompareAndRemoveAll',
  id: 0x030d00,
  request: { name: t.string, dataList: t.list(t.data) },
  response: { response: t.boolean },
});

export const QueueCompareAndRetainAll = defineMessage({
  name: 'Queue.CompareAndRetainAll',
  id: 0x030e00,
  request: { name: t.string, dataList: t.list(t.data) },
  response: { response: t.boolean },
});

export const QueueContainsAll = defineMessage({
  name: 'Queue.ContainsAll',
  id: 0x030c00,
  request: { name: t.string, dataList: t.list(t.data) },
  response: { response: t.boolean },
});

export const QueueContains = defineMessage({
  name: 'Queue.Contains',
  id: 0x030b00,
  request: { name: t.string, value: t.data },
  response: { response: t.boolean },
});

export const QueueDrainTo = defineMessage({
  name: 'Queue.DrainTo',
  id: 0x030900,
  request: { name: t.string },
  response: { response: t.list(t.data) },
});

export const QueueDrainToMaxSize = defineMessage({
  name: 'Queue.DrainToMaxSize',
  id: 0x030a00,
  request: { maxSize: t.int, name: t.string },
  response: { response: t.list(t.data) },
});

export const QueueIsEmpty = defineMessage({
  name: 'Queue.IsEmpty',
  id: 0x031400,
  request: { name: t.string },
  response: { response: t.boolean },
});

export const QueueIterator = defineMessage({
  name: 'Queue.Iterator',
  id: 0x030800,
  request: { name: t.string },
  response: { response: t.list(t.data) },
});

export const QueueOffer = defineMessage({
  name: 'Queue.Offer',
  id: 0x030100,
  request: { timeoutMillis: t.long, name: t.string, value: t.data },
  response: { response: t.boolean },
});

export const QueuePeek = defineMessage({
  name: 'Queue.Peek',
  id: 0x030700,
  request: { name: t.string },
  response: { response: t.nullable(t.data) },
});

export const QueuePoll = defineMessage({
  name: 'Queue.Poll',
  id: 0x030500,
  request: { timeoutMillis: t.long, name: t.string },
  response: { response: t.nullable(t.data) },
});

export const QueuePut = defineMessage({
  name: 'Queue.Put',
  id: 0x030200,
  request: { name: t.string, value: t.data },
  response: {},
});

export const QueueRemainingCapacity = defineMessage({
  name: 'Queue.RemainingCapacity',
  id: 0x031300,
  request: { name: t.string },
  response: { response: t.int },
});

export const QueueRemove = defineMessage({
  name: 'Queue.Remove',
  id: 0x030400,
  request: { name: t.string, value: t.data },
  response: { response: t.boolean },
});

export const QueueRemoveListener = defineMessage({
  name: 'Queue.RemoveListener',
  id: 0x031200,
  request: { registrationId: t.uuid, name: t.string },
  response: { response: t.boolean },
});

export const QueueSize = defineMessage({
  name: 'Queue.Size',
  id: 0x030300,
  request: { name: t.string },
  response: { response: t.int },
});

export const QueueTake = defineMessage({
  name: 'Queue.Take',
  id: 0x030600,
  request: { name: t.string },
  response: { response: t.nullable(t.data) },
});

