// JCache handlers (client/impl/protocol/task/cache), as the Java client's CachingProvider uses them:
// GetConfig -> CachePermission(name, read); CreateConfig -> CachePermission("/hz/" + config name,
// create); Put -> put; Get -> read; Remove -> remove; AddEntryListener and ListenerRegistration ->
// listen; Destroy -> destroy; ManagementConfig -> ConfigPermission. Requests name the cache with
// its prefix ("/hz/<name>"), so cache-permission entries name "/hz/<name>" too (the seed: "the
// Hazelcast distributed object name corresponding to the Cache").
//
// A cache exists once its configuration was created (CreateConfig answers the previous
// configuration, null when new, as putCacheConfigIfAbsent); entries are opaque bytes. No cache
// events are fired.
import {
  CacheAddEntryListener,
  CacheCreateConfig,
  CacheDestroy,
  CacheGet,
  CacheGetConfig,
  CacheListenerRegistration,
  CacheManagementConfig,
  CachePut,
  CacheRemove,
  CacheRemoveEntryListener,
} from '../protocol/definitions/cache.ts';
import type { CacheConfigHolder } from '../protocol/definitions/cache.ts';
import { MemberError } from '../protocol/errors.ts';
import type { ValueOf } from '../protocol/types.ts';
import { defineHandler, type Handler } from './handler.ts';
import type { MemberState } from './member-state.ts';
import { idOf, memberState, need } from './structure-support.ts';

const SERVICE = 'hz:impl:cacheService';
const PREFIX = '/hz/';

type Holder = ValueOf<typeof CacheConfigHolder>;
interface Cache {
  config: Holder;
  entries: Map<string, Buffer>;
}
const caches = (member: MemberState) => memberState(member, 'caches', () => new Map<string, Cache>());
const cp = (name: string, action: string) => need('cache', name, action);

/** ClientProtocolErrorCodes.CACHE_NOT_EXISTS (6). */
const notExists = (member: MemberState, name: string) =>
  new MemberError(
    6,
    'com.hazelcast.cache.CacheNotExistsException',
    `Cache ${name} is already destroyed or not created yet, on Member [${member.host}]:${member.port} - ${member.uuid} this`,
  );

function cache(member: MemberState, name: string): Cache {
  const c = caches(member).get(name);
  if (!c) throw notExists(member, name);
  return c;
}

export const cacheHandlers: Handler[] = [
  defineHandler(CacheGetConfig, {
    permission: (req) => cp(req.name, 'read'),
    handle: ({ member }, req) => ({ response: caches(member).get(req.name)?.config ?? null }),
  }),
  defineHandler(CacheCreateConfig, {
    permission: (req) => cp(PREFIX + req.cacheConfig.name, 'create'),
    handle: ({ member }, req) => {
      const name = (req.cacheConfig.managerPrefix ?? PREFIX) + req.cacheConfig.name;
      const existing = caches(member).get(name);
      if (existing) return { response: existing.config };
      caches(member).set(name, { config: req.cacheConfig, entries: new Map() });
      return { response: null };
    },
  }),
  defineHandler(CachePut, {
    permission: (req) => cp(req.name, 'put'),
    handle: ({ member }, req) => {
      const c = cache(member, req.name);
      const k = idOf(req.key);
      const previous = c.entries.get(k) ?? null;
      c.entries.set(k, req.value);
      return { response: req.get ? previous : null };
    },
  }),
  defineHandler(CacheGet, {
    permission: (req) => cp(req.name, 'read'),
    handle: ({ member }, req) => ({ response: cache(member, req.name).entries.get(idOf(req.key)) ?? null }),
  }),
  defineHandler(CacheRemove, {
    permission: (req) => cp(req.name, 'remove'),
    handle: ({ member }, req) => {
      const c = cache(member, req.name);
      const k = idOf(req.key);
      const current = c.entries.get(k);
      if (current === undefined || (req.currentValue !== null && !current.equals(req.currentValue))) return { response: false };
      c.entries.delete(k);
      return { response: true };
    },
  }),
  defineHandler(CacheAddEntryListener, {
    permission: (req) => cp(req.name, 'listen'),
    handle: ({ member, connection, header }, req) => ({
      response: member.register({ kind: 'cache-entry', objectName: req.name, connection, correlationId: header.correlationId, options: {} }),
    }),
  }),
  defineHandler(CacheRemoveEntryListener, {
    permission: (req) => cp(req.name, 'listen'),
    handle: ({ member }, req) => ({ response: member.deregister(req.registrationId, 'cache-entry') }),
  }),
  defineHandler(CacheListenerRegistration, {
    permission: (req) => cp(req.name, 'listen'),
    handle: ({ member }, req) => {
      cache(member, req.name);
      return {};
    },
  }),
  defineHandler(CacheManagementConfig, {
    permission: () => ({ type: 'config', name: '<config>', action: '' }),
    handle: ({ member }, req) => {
      cache(member, req.name);
      return {};
    },
  }),
  defineHandler(CacheDestroy, {
    permission: (req) => cp(req.name, 'destroy'),
    handle: ({ member }, req) => {
      caches(member).delete(req.name);
      member.destroyObject(SERVICE, req.name);
      return {};
    },
  }),
];
