// Topic handlers (client/impl/protocol/task/topic): TopicPublishMessageTask -> TopicPermission(name,
// publish), TopicAddMessageListenerMessageTask and TopicRemoveMessageListenerMessageTask -> listen.
// A published message reaches every registered listener as a Topic event (publish time, publishing
// member, the message bytes as sent).
import { encodeEvent } from '../protocol/codec.ts';
import { TopicAddMessageListener, TopicPublish, TopicRemoveMessageListener } from '../protocol/definitions/topic.ts';
import { defineHandler, type Handler } from './handler.ts';
import { need, objectState } from './structure-support.ts';

const SERVICE = 'hz:impl:topicService';
const KIND = 'topic-message';
const topic = (name: string, action: string) => need('topic', name, action);

export const topicHandlers: Handler[] = [
  defineHandler(TopicPublish, {
    permission: (req) => topic(req.name, 'publish'),
    handle: ({ member, afterResponse }, req) => {
      objectState(member, SERVICE, req.name, () => null);
      const publishTime = BigInt(Date.now());
      afterResponse(() => {
        for (const reg of member.listeners(KIND, req.name)) {
          reg.connection.send(encodeEvent(TopicAddMessageListener.events.topic, reg.correlationId, { publishTime, uuid: member.uuid, item: req.message }));
        }
      });
      return {};
    },
  }),
  defineHandler(TopicAddMessageListener, {
    permission: (req) => topic(req.name, 'listen'),
    handle: ({ member, connection, header }, req) => {
      objectState(member, SERVICE, req.name, () => null);
      return { response: member.register({ kind: KIND, objectName: req.name, connection, correlationId: header.correlationId, options: {} }) };
    },
  }),
  defineHandler(TopicRemoveMessageListener, {
    permission: (req) => topic(req.name, 'listen'),
    handle: ({ member }, req) => ({ response: member.deregister(req.registrationId, KIND) }),
  }),
];
