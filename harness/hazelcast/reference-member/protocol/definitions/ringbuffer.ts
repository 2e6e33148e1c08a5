// Ringbuffer.* messages; the Node client's reliable topic is built on them (ringbuffer _hz_rb_<topic>).
import { defineMessage } from '../codec.ts';
import { t } from '../types.ts';

export const RingbufferAddAll = defineMessage({
  name: 'Ringbuffer.AddAll',
  id: 0x170800,
  request: { overflowPolicy: t.int, name: t.string, valueList: t.list(t.data) },
  response: { response: t.long },
});

export const RingbufferAdd = defineMessage({
  name: 'Ringbuffer.Add',
  id: 0x170600,
  request: { overflowPolicy: t.int, name: t.string, value: t.data },
  response: { response: t.long },
});

export const RingbufferCapacity = defineMessage({
  name: 'Ringbuffer.Capacity',
  id: 0x170400,
  request: { name: t.string },
  response: { response: t.long },
});

export const RingbufferHeadSequence = defineMessage({
  name: 'Ringbuffer.HeadSequence',
  id: 0x170300,
  request: { name: t.string },
  response: { response: t.long },
});

export const RingbufferReadMany = defineMessage({
  name: 'Ringbuffer.ReadMany',
  id: 0x170900,
  request: { startSequence: t.long, minCount: t.int, maxCount: t.int, name: t.string, filter: t.nullable(t.data) },
  response: { readCount: t.int, nextSeq: t.long, items: t.list(t.data), itemSeqs: t.nullable(t.listLong) },
});

export const RingbufferReadOne = defineMessage({
  name: 'Ringbuffer.ReadOne',
  id: 0x170700,
  request: { sequence: t.long, name: t.string },
  response: { response: t.nullable(t.data) },
});

export const RingbufferRemainingCapacity = defineMessage({
  name: 'Ringbuffer.RemainingCapacity',
  id: 0x170500,
  request: { name: t.string },
  response: { response: t.long },
});

export const RingbufferSize = defineMessage({
  name: 'Ringbuffer.Size',
  id: 0x170100,
  request: { name: t.string },
  response: { response: t.long },
});

export const RingbufferTailSequence = defineMessage({
  name: 'Ringbuffer.TailSequence',
  id: 0x170200,
  request: { name: t.string },
  response: { response: t.long },
});

