// Transactions (client/impl/protocol/task/transaction: Create, Commit, Rollback ->
// TransactionPermission) and the transactional map operations inside them
// (client/impl/protocol/task/transactionalmap: Put -> MapPermission(name, put, lock) — the put
// locks the key — and Get -> MapPermission(name, read)). Writes are kept per transaction and
// applied to the map at commit; a rollback drops them.
import { randomUUID } from 'node:crypto';
import { TransactionCommit, TransactionCreate, TransactionRollback, TransactionalMapGet, TransactionalMapPut } from '../protocol/definitions/transaction.ts';
import { MemberError } from '../protocol/errors.ts';
import type { RequiredPermission } from '../security/api.ts';
import { defineHandler, type Handler } from './handler.ts';
import type { MemberState } from './member-state.ts';
import { idOf, memberState, need } from './structure-support.ts';

const TRANSACTION: RequiredPermission = { type: 'transaction', name: '<transaction>', action: '' };

interface Txn {
  connectionId: number;
  /** map name -> hex(key) -> [key, value] */
  writes: Map<string, Map<string, [Buffer, Buffer]>>;
}
const txns = (member: MemberState) => memberState(member, 'transactions', () => new Map<string, Txn>());

/** ClientProtocolErrorCodes.TRANSACTION (56). */
const notFound = (id: string | null) =>
  new MemberError(56, 'com.hazelcast.transaction.TransactionException', `Transaction couldn't be found for txn id: ${id}`);

function txn(member: MemberState, id: string | null): Txn {
  const t = id === null ? undefined : txns(member).get(id);
  if (!t) throw notFound(id);
  return t;
}

function end(member: MemberState, id: string | null, apply: boolean): Record<string, never> {
  const t = txn(member, id);
  if (apply) {
    for (const [name, writes] of t.writes) for (const [k, [key, value]] of writes) member.map(name).set(k, { key, value });
  }
  txns(member).delete(id!);
  return {};
}

function read(member: MemberState, t: Txn, name: string, key: Buffer): Buffer | null {
  const k = idOf(key);
  return t.writes.get(name)?.get(k)?.[1] ?? member.map(name).get(k)?.value ?? null;
}

export const transactionHandlers: Handler[] = [
  defineHandler(TransactionCreate, {
    permission: () => TRANSACTION,
    handle: ({ member, connection }) => {
      const id = randomUUID();
      txns(member).set(id, { connectionId: connection.id, writes: new Map() });
      return { response: id };
    },
  }),
  defineHandler(TransactionCommit, {
    permission: () => TRANSACTION,
    handle: ({ member }, req) => end(member, req.transactionId, true),
  }),
  defineHandler(TransactionRollback, {
    permission: () => TRANSACTION,
    handle: ({ member }, req) => end(member, req.transactionId, false),
  }),
  defineHandler(TransactionalMapPut, {
    permission: (req) => [need('map', req.name, 'put'), need('map', req.name, 'lock')],
    handle: ({ member }, req) => {
      const t = txn(member, req.txnId);
      const previous = read(member, t, req.name, req.key);
      const writes = t.writes.get(req.name) ?? new Map<string, [Buffer, Buffer]>();
      t.writes.set(req.name, writes);
      writes.set(idOf(req.key), [req.key, req.value]);
      return { response: previous };
    },
  }),
  defineHandler(TransactionalMapGet, {
    permission: (req) => need('map', req.name, 'read'),
    handle: ({ member }, req) => ({ response: read(member, txn(member, req.txnId), req.name, req.key) }),
  }),
];
