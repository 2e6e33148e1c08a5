// Client.* messages: connection set-up, cluster view, proxies, listeners, heartbeat, statistics.
// Ids and layouts as in the official clients' generated codecs (protocol 2.x).
import { defineEvent, defineMessage } from '../codec.ts';
import { t } from '../types.ts';
import { Address, DistributedObjectInfo, MemberInfo } from './structs.ts';

const authenticationResponse = {
  status: t.byte,
  memberUuid: t.uuid,
  serializationVersion: t.byte,
  partitionCount: t.int,
  clusterId: t.uuid,
  failoverSupported: t.boolean,
  address: t.nullable(Address),
  serverHazelcastVersion: t.string,
};

export const ClientAuthentication = defineMessage({
  name: 'Client.Authentication',
  id: 0x000100,
  request: {
    uuid: t.uuid,
    serializationVersion: t.byte,
    clusterName: t.string,
    username: t.nullable(t.string),
    password: t.nullable(t.string),
    clientType: t.string,
    clientHazelcastVersion: t.string,
    clientName: t.string,
    labels: t.list(t.string),
  },
  response: authenticationResponse,
});

export const ClientAuthenticationCustom = defineMessage({
  name: 'Client.AuthenticationCustom',
  id: 0x000200,
  request: {
    uuid: t.uuid,
    serializationVersion: t.byte,
    clusterName: t.string,
    credentials: t.bytes,
    clientType: t.string,
    clientHazelcastVersion: t.string,
    clientName: t.string,
    labels: t.list(t.string),
  },
  response: authenticationResponse,
});

export const ClientAddClusterViewListener = defineMessage({
  name: 'Client.AddClusterViewListener',
  id: 0x000300,
  request: {},
  response: {},
  events: {
    MembersView: defineEvent('Client.AddClusterViewListener.MembersView', 0x000302, { version: t.int, memberInfos: t.list(MemberInfo) }),
    PartitionsView: defineEvent('Client.AddClusterViewListener.PartitionsView', 0x000303, { version: t.int, partitions: t.uuidToIntLists }),
  },
});

export const ClientCreateProxy = defineMessage({
  name: 'Client.CreateProxy',
  id: 0x000400,
  request: { name: t.string, serviceName: t.string },
  response: {},
});

export const ClientDestroyProxy = defineMessage({
  name: 'Client.DestroyProxy',
  id: 0x000500,
  request: { name: t.string, serviceName: t.string },
  response: {},
});

export const ClientGetDistributedObjects = defineMessage({
  name: 'Client.GetDistributedObjects',
  id: 0x000800,
  request: {},
  response: { response: t.list(DistributedObjectInfo) },
});

export const ClientAddDistributedObjectListener = defineMessage({
  name: 'Client.AddDistributedObjectListener',
  id: 0x000900,
  request: { localOnly: t.boolean },
  response: { response: t.uuid },
  events: {
    DistributedObject: defineEvent('Client.AddDistributedObjectListener.DistributedObject', 0x000902, {
      source: t.uuid,
      name: t.string,
      serviceName: t.string,
      eventType: t.string,
    }),
  },
});

export const ClientRemoveDistributedObjectListener = defineMessage({
  name: 'Client.RemoveDistributedObjectListener',
  id: 0x000a00,
  request: { registrationId: t.uuid },
  response: { response: t.boolean },
});

export const ClientPing = defineMessage({ name: 'Client.Ping', id: 0x000b00, request: {}, response: {} });

export const ClientStatistics = defineMessage({
  name: 'Client.Statistics',
  id: 0x000c00,
  request: { timestamp: t.long, clientAttributes: t.string, metricsBlob: t.bytes },
  response: {},
});

export const ClientCreateProxies = defineMessage({
  name: 'Client.CreateProxies',
  id: 0x000e00,
  request: { proxies: t.entries(t.string, t.string) },
  response: {},
});

export const ClientLocalBackupListener = defineMessage({
  name: 'Client.LocalBackupListener',
  id: 0x000f00,
  request: {},
  response: { response: t.uuid },
  events: {
    Backup: defineEvent('Client.LocalBackupListener.Backup', 0x000f02, { sourceInvocationCorrelationId: t.long }),
  },
});
