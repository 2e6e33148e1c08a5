// Set.* messages (hazelcast-client 5.7.0 lib/codec).
import { defineEvent, defineMessage } from '../codec.ts';
import { t } from '../types.ts';

export const SetAddAll = defineMessage({
  name: 'Set.AddAll',
  id: 0x060600,
  request: { name: t.string, valueList: t.list(t.data) },
  response: { response: t.boolean },
});

export const SetAdd = defineMessage({
  name: 'Set.Add',
  id: 0x060400,
  request: { name: t.string, value: t.data },
  response: { response: t.boolean },
});

export const SetAddListener = defineMessage({
  name: 'Set.AddListener',
  id: 0x060b00,
  request: { includeValue: t.boolean, localOnly: t.boolean, name: t.string },
  response: { response: t.uuid },
  events: {
    Item: defineEvent('Set.AddListener.Item', 0x060b02, { uuid: t.uuid, eventType: t.int, item: t.nullable(t.data) }),
  },
});

export const SetClear = defineMessage({
  name: 'Set.Clear',
  id: 0x060900,
  request: { name: t.string },
  response: {},
});

export const SetCompareAndRemoveAll = defineMessage({
  name: 'Set.CompareAndRemoveAll',
  id: 0x060700,
  request: { name: t.string, values: t.list(t.data) },
  response: { response: t.boolean },
});

export const SetCompareAndRetainAll = defineMessage({
  name: 'Set.CompareAndRetainAll',
  id: 0x060800,
  request: { name: t.string, values: t.list(t.data) },
  response: { response: t.boolean },
});

export const SetContainsAll = defineMessage({
  name: 'Set.ContainsAll',
  id: 0x060300,
  request: { name: t.string, items: t.list(t.data) },
  response: { response: t.boolean },
});

export const SetContains = defineMessage({
  name: 'Set.Contains',
  id: 0x060200,
  request: { name: t.string, value: t.data },
  response: { response: t.boolean },
});

export const SetGetAll = defineMessage({
  name: 'Set.GetAll',
  id: 0x060a00,
  request: { name: t.string },
  response: { response: t.list(t.data) },
});

export const SetIsEmpty = defineMessage({
  name: 'Set.IsEmpty',
  id: 0x060d00,
  request: { name: t.string },
  response: { response: t.boolean },
});

export const SetRemove = defineMessage({
  name: 'Set.Remove',
  id: 0x060500,
  request: { name: t.string, value: t.data },
  response: { response: t.boolean },
});

export const SetRemoveListener = defineMessage({
  name: 'Set.RemoveListener',
  id: 0x060c00,
  request: { registrationId: t.uuid, name: t.string },
  response: { response: t.boolean },
});

export const SetSize = defineMessage({
  name: 'Set.Size',
  id: 0x060100,
  request: { name: t.string },
  response: { response: t.int },
});

