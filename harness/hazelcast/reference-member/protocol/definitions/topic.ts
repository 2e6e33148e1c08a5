// Topic.* messages (Java client 5.7.0 ITopic; codecs com.hazelcast.client.impl.protocol.codec.Topic*Codec).
import { defineEvent, defineMessage } from '../codec.ts';
import { t } from '../types.ts';

export const TopicPublish = defineMessage({
  name: 'Topic.Publish',
  id: 0x040100,
  request: { name: t.string, message: t.data },
  response: {},
});

export const TopicAddMessageListener = defineMessage({
  name: 'Topic.AddMessageListener',
  id: 0x040200,
  request: { localOnly: t.boolean, name: t.string },
  response: { response: t.uuid },
  events: { topic: defineEvent('Topic.Topic', 0x040202, { publishTime: t.long, uuid: t.uuid, item: t.data }) },
});

export const TopicRemoveMessageListener = defineMessage({
  name: 'Topic.RemoveMessageListener',
  id: 0x040300,
  request: { registrationId: t.uuid, name: t.string },
  response: { response: t.boolean },
});
