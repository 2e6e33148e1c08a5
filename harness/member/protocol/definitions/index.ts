// Every message definition the member knows, by request id and by name.
import type { EventDef, MessageDef } from '../codec.ts';
import type { Fields } from '../types.ts';
import * as client from './client.ts';
import * as map from './map.ts';

export * from './client.ts';
export * from './map.ts';
export * as structs from './structs.ts';

export type AnyMessageDef = MessageDef<Fields, Fields, Record<string, EventDef>>;

const isDef = (v: unknown): v is AnyMessageDef =>
  typeof v === 'object' && v !== null && 'id' in v && 'request' in v && 'response' in v && 'name' in v;

/** All definitions of the given modules (e.g. a new data structure's definitions file). */
export function collectDefinitions(...modules: Array<Record<string, unknown>>): AnyMessageDef[] {
  return modules.flatMap((m) => Object.values(m).filter(isDef));
}

export const ALL_DEFINITIONS: readonly AnyMessageDef[] = collectDefinitions(client, map);

export const DEFINITIONS_BY_ID: ReadonlyMap<number, AnyMessageDef> = new Map(ALL_DEFINITIONS.map((d) => [d.id, d]));
export const DEFINITIONS_BY_NAME: ReadonlyMap<string, AnyMessageDef> = new Map(ALL_DEFINITIONS.map((d) => [d.name, d]));
