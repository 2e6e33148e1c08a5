// List.* messages (hazelcast-client 5.7.0 lib/codec).
import { defineEvent, defineMessage } from '../codec.ts';
import { t } from '../types.ts';

export const ListAddAll = defineMessage({
  name: 'List.AddAll',
  id: 0x050600,
  request: { name: t.string, valueList: t.list(t.data) },
  response: { response: t.boolean },
});

export const ListAddAllWithIndex = defineMessage({
  name: 'List.AddAllWithIndex',
  id: 0x050e00,
  request: { index: t.int, name: t.string, valueList: t.list(t.data) },
  response: { response: t.boolean },
});

export const ListAdd = defineMessage({
  name: 'List.Add',
  id: 0x050400,
  request: { name: t.string, value: t.data },
  response: { response: t.boolean },
});

export const ListAddListener = defineMessage({
  name: 'List.AddListener',
  id: 0x050b00,
  request: { includeValue: t.boolean, localOnly: t.boolean, name: t.string },
  response: { response: t.uuid },
  events: {
    Item: defineEvent('List.AddListener.Item', 0x050b02, { uuid: t.uuid, eventType: t.int, item: t.nullable(t.data) }),
  },
});

export const ListAddWithIndex = defineMessage({
  name: 'List.AddWithIndex',
  id: 0x051100,
  request: { index: t.int, name: t.string, value: t.data },
  response: {},
});

export const ListClear = defineMessage({
  name: 'List.Clear',
  id: 0x050900,
  request: { name: t.string },
  response: {},
});

export const ListCompareAndRemoveAll = defineMessage({
  name: 'List.CompareAndRemoveAll',
  id: 0x050700,
  request: { name: t.string, values: t.list(t.data) },
  response: { response: t.boolean },
});

export const ListCompareAndRetainAll = defineMessage({
  name: 'List.CompareAndRetainAll',
  id: 0x050800,
  request: { name: t.string, values: t.list(t.data) },
  response: { response: t.boolean },
});

export const ListContainsAll = defineMessage({
  name: 'List.ContainsAll',
  id: 0x050300,
  request: { name: t.string, values: t.list(t.data) },
  response: { response: t.boolean },
});

export const ListContains = defineMessage({
  name: 'List.Contains',
  id: 0x050200,
  request: { name: t.string, value: t.data },
  response: { response: t.boolean },
});

export const ListGetAll = defineMessage({
  name: 'List.GetAll',
  id: 0x050a00,
  request: { name: t.string },
  response: { response: t.list(t.data) },
});

export const ListGet = defineMessage({
  name: 'List.Get',
  id: 0x050f00,
  request: { index: t.int, name: t.string },
  response: { response: t.nullable(t.data) },
});

export const ListIndexOf = defineMessage({
  name: 'List.IndexOf',
  id: 0x051400,
  request: { name: t.string, value: t.data },
  response: { response: t.int },
});

export const ListIsEmpty = defineMessage({
  name: 'List.IsEmpty',
  id: 0x050d00,
  request: { name: t.string },
  response: { response: t.boolean },
});

export const ListLastIndexOf = defineMessage({
  name: 'List.LastIndexOf',
  id: 0x051300,
  request: { name: t.string, value: t.data },
  response: { response: t.int },
});

export const ListRemove = defineMessage({
  name: 'List.Remove',
  id: 0x050500,
  request: { name: t.string, value: t.data },
  response: { response: t.boolean },
});

export const ListRemoveListener = defineMessage({
  name: 'List.RemoveListener',
  id: 0x050c00,
  request: { registrationId: t.uuid, name: t.string },
  response: { response: t.boolean },
});

export const ListRemoveWithIndex = defineMessage({
  name: 'List.RemoveWithIndex',
  id: 0x051200,
  request: { index: t.int, name: t.string },
  response: { response: t.nullable(t.data) },
});

export const ListSet = defineMessage({
  name: 'List.Set',
  id: 0x051000,
  request: { index: t.int, name: t.string, value: t.data },
  response: { response: t.nullable(t.data) },
});

export const ListSize = defineMessage({
  name: 'List.Size',
  id: 0x050100,
  request: { name: t.string },
  response: { response: t.int },
});

export const ListSub = defineMessage({
  name: 'List.Sub',
  id: 0x051500,
  request: { from: t.int, to: t.int, name: t.string },
  response: { response: t.list(t.data) },
});

