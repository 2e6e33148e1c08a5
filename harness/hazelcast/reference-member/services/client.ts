// Handlers of Client.* messages other than authentication (which the server runs itself, since it
// decides the connection's fate).
import { encodeEvent } from '../protocol/codec.ts';
import {
  ClientAddClusterViewListener,
  ClientAddDistributedObjectListener,
  ClientCreateProxies,
  ClientCreateProxy,
  ClientDestroyProxy,
  ClientGetDistributedObjects,
  ClientLocalBackupListener,
  ClientPing,
  ClientRemoveDistributedObjectListener,
  ClientStatistics,
} from '../protocol/definitions/client.ts';
import type { RequiredPermission } from '../security/api.ts';
import { defineHandler, type Handler } from './handler.ts';
import type { MemberState } from './member-state.ts';
import { proxyPermission } from './permissions.ts';

export const clientHandlers: Handler[] = [
  defineHandler(ClientAddClusterViewListener, {
    handle(ctx) {
      const { member, connection, header } = ctx;
      // The client needs the members view, then (smart routing) a partition table covering every id.
      ctx.afterResponse(() => {
        connection.send(
          encodeEvent(ClientAddClusterViewListener.events.MembersView, header.correlationId, {
            version: member.memberListVersion,
            memberInfos: [member.memberInfo()],
          }),
        );
        connection.send(
          encodeEvent(ClientAddClusterViewListener.events.PartitionsView, header.correlationId, {
            version: member.partitionStateVersion,
            partitions: member.partitionTable(),
          }),
        );
      });
      return {};
    },
  }),

  defineHandler(ClientLocalBackupListener, {
    // Backups are never asked for (every response says 0 backup acks), so no backup event is ever sent.
    handle: ({ member, connection, header }) => ({
      response: member.register({ kind: 'backup', connection, correlationId: header.correlationId, options: {} }),
    }),
  }),

  defineHandler(ClientPing, { handle: () => ({}) }),

  // Statistics are accepted and dropped: the member has no management centre to feed.
  defineHandler(ClientStatistics, { handle: () => ({}) }),

  defineHandler(ClientCreateProxy, {
    permission: (req) => proxyPermission(req.serviceName, req.name, 'create'),
    handle: ({ member }, req) => {
      member.createObject(req.serviceName, req.name);
      return {};
    },
  }),

  defineHandler(ClientCreateProxies, {
    permission: (req) => req.proxies.map(([name, serviceName]) => proxyPermission(serviceName, name, 'create')).filter((p): p is RequiredPermission => !!p),
    handle: ({ member }, req) => {
      for (const [name, serviceName] of req.proxies) member.createObject(serviceName, name);
      return {};
    },
  }),

  defineHandler(ClientDestroyProxy, {
    permission: (req) => proxyPermission(req.serviceName, req.name, 'destroy'),
    handle: ({ member }, req) => {
      member.destroyObject(req.serviceName, req.name);
      return {};
    },
  }),

  defineHandler(ClientGetDistributedObjects, {
    handle: ({ member }) => ({ response: member.listObjects() }),
  }),

  defineHandler(ClientAddDistributedObjectListener, {
    handle: ({ member, connection, header }, req) => ({
      response: member.register({
        kind: 'distributed-object',
        connection,
        correlationId: header.correlationId,
        options: { localOnly: req.localOnly },
      }),
    }),
  }),

  defineHandler(ClientRemoveDistributedObjectListener, {
    handle: ({ member }, req) => ({ response: member.deregister(req.registrationId, 'distributed-object') }),
  }),
];

/** Wires distributed object events of a member to the listeners registered for them. */
export function publishDistributedObjectEvents(member: MemberState): void {
  member.onObjectEvent = (serviceName, name, eventType) => {
    for (const reg of member.listeners('distributed-object')) {
      reg.connection.send(
        encodeEvent(ClientAddDistributedObjectListener.events.DistributedObject, reg.correlationId, {
          source: member.uuid,
          name,
          serviceName,
          eventType,
        }),
      );
    }
  };
}
