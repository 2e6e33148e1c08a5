// Every message definition the member knows, by request id and by name.
import type { EventDef, MessageDef } from '../codec.ts';
import type { Fields } from '../types.ts';
import * as client from './client.ts';
import * as map from './map.ts';
import * as mapMore from './map-more.ts';
import * as multimap from './multimap.ts';
import * as replicatedMap from './replicated-map.ts';
import * as queue from './queue.ts';
import * as list from './list.ts';
import * as set from './set.ts';
import * as ringbuffer from './ringbuffer.ts';
import * as crdt from './crdt.ts';
import * as cp from './cp.ts';
// Services the Java client reaches (the Node client has no API for them).
import * as topic from './topic.ts';
import * as executor from './executor.ts';
import * as cardinality from './cardinality.ts';
import * as cache from './cache.ts';
import * as transaction from './transaction.ts';
import * as management from './management.ts';
import * as mapInterceptor from './map-interceptor.ts';

export * from './client.ts';
export * from './map.ts';
export * from './map-more.ts';
export * from './multimap.ts';
export * from './replicated-map.ts';
export * from './queue.ts';
export * from './list.ts';
export * from './set.ts';
export * from './ringbuffer.ts';
export * from './crdt.ts';
export * from './cp.ts';
export * from './topic.ts';
export * from './executor.ts';
export * from './cardinality.ts';
export * from './cache.ts';
export * from './transaction.ts';
export * from './management.ts';
export * from './map-interceptor.ts';
export * as structs from './structs.ts';

export type AnyMessageDef = MessageDef<Fields, Fields, Record<string, EventDef>>;

const isDef = (v: unknown): v is AnyMessageDef =>
  typeof v === 'object' && v !== null && 'id' in v && 'request' in v && 'response' in v && 'name' in v;

/** All definitions of the given modules (e.g. a new data structure's definitions file). */
export function collectDefinitions(...modules: Array<Record<string, unknown>>): AnyMessageDef[] {
  return modules.flatMap((m) => Object.values(m).filter(isDef));
}

export const ALL_DEFINITIONS: readonly AnyMessageDef[] = collectDefinitions(
  client, map, mapMore, multimap, replicatedMap, queue, list, set, ringbuffer, crdt, cp,
  topic, executor, cardinality, cache, transaction, management, mapInterceptor,
);

export const DEFINITIONS_BY_ID: ReadonlyMap<number, AnyMessageDef> = new Map(ALL_DEFINITIONS.map((d) => [d.id, d]));
export const DEFINITIONS_BY_NAME: ReadonlyMap<string, AnyMessageDef> = new Map(ALL_DEFINITIONS.map((d) => [d.name, d]));
