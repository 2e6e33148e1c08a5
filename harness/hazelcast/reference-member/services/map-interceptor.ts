// Map interceptors (client/impl/protocol/task/map/MapAddInterceptorMessageTask and
// MapRemoveInterceptorMessageTask -> MapPermission(name, intercept)). The interceptor is
// deserialised as the real member does (client-code.ts: only the documented interceptor class is
// known; any other is a HazelcastSerializationException) and registered; this member does not run
// it on later map operations (the documented interceptor changes nothing: it returns null).
import { MapAddInterceptor, MapRemoveInterceptor } from '../protocol/definitions/map-interceptor.ts';
import { INTERCEPTOR_CLASS, readClientObject, serializationError } from './client-code.ts';
import { defineHandler, type Handler } from './handler.ts';
import { memberState, need } from './structure-support.ts';

const interceptors = (member: Parameters<typeof memberState>[0]) => memberState(member, 'map-interceptors', () => new Map<string, Set<string>>());

export const mapInterceptorHandlers: Handler[] = [
  defineHandler(MapAddInterceptor, {
    permission: (req) => need('map', req.name, 'intercept'),
    handle: ({ member }, req) => {
      const obj = readClientObject(req.interceptor);
      if (obj.kind !== 'interceptor') throw serializationError(`${obj.kind} is not a MapInterceptor`);
      member.map(req.name);
      // MapInterceptorRegistry id: class name + identity hash; here class name + a counter.
      const all = interceptors(member);
      const ids = all.get(req.name) ?? new Set<string>();
      all.set(req.name, ids);
      const id = `${INTERCEPTOR_CLASS}${ids.size + 1}`;
      ids.add(id);
      return { response: id };
    },
  }),
  defineHandler(MapRemoveInterceptor, {
    permission: (req) => need('map', req.name, 'intercept'),
    handle: ({ member }, req) => ({ response: interceptors(member).get(req.name)?.delete(req.id) ?? false }),
  }),
];
