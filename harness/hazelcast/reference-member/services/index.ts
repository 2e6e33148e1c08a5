// The member's handler table: every served message type -> its handler. A new data structure adds
// its handler list here.
import type { Handler } from './handler.ts';
import { clientHandlers } from './client.ts';
import { mapHandlers } from './map.ts';
import { mapMoreHandlers } from './map-more.ts';
import { multiMapHandlers } from './multimap.ts';
import { replicatedMapHandlers } from './replicated-map.ts';
import { queueHandlers } from './queue.ts';
import { listHandlers } from './list.ts';
import { setHandlers } from './set.ts';
import { ringbufferHandlers } from './ringbuffer.ts';
import { crdtHandlers } from './crdt.ts';
import { cpSessionHandlers } from './cp-session.ts';
import { cpAtomicHandlers } from './cp-atomics.ts';
import { cpLockHandlers } from './cp-locks.ts';
// Services the Java client reaches (the Node client has no API for them).
import { topicHandlers } from './topic.ts';
import { executorHandlers } from './executors.ts';
import { cardinalityHandlers } from './cardinality.ts';
import { cacheHandlers } from './cache.ts';
import { transactionHandlers } from './transactions.ts';
import { managementHandlers } from './management.ts';
import { mapInterceptorHandlers } from './map-interceptor.ts';

export type { Handler, HandlerContext } from './handler.ts';
export { defineHandler } from './handler.ts';
export { MemberState } from './member-state.ts';
export { publishDistributedObjectEvents } from './client.ts';

export function buildHandlerTable(...lists: Handler[][]): Map<number, Handler> {
  const table = new Map<number, Handler>();
  for (const h of lists.flat()) {
    if (table.has(h.def.id)) throw new Error(`two handlers for ${h.def.name}`);
    table.set(h.def.id, h);
  }
  return table;
}

export const DEFAULT_HANDLERS: readonly Handler[][] = [
  clientHandlers,
  mapHandlers,
  mapMoreHandlers,
  multiMapHandlers,
  replicatedMapHandlers,
  queueHandlers,
  listHandlers,
  setHandlers,
  ringbufferHandlers,
  crdtHandlers,
  cpSessionHandlers,
  cpAtomicHandlers,
  cpLockHandlers,
  topicHandlers,
  executorHandlers,
  cardinalityHandlers,
  cacheHandlers,
  transactionHandlers,
  managementHandlers,
  mapInterceptorHandlers,
];
