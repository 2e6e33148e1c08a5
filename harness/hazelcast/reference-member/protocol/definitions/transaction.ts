// Transaction.* and TransactionalMap.* messages (Java client 5.7.0; TransactionCreateCodec etc.).
// transactionType: 1 = ONE_PHASE, 2 = TWO_PHASE (TransactionOptions.TransactionType ids).
import { defineMessage } from '../codec.ts';
import { t } from '../types.ts';

export const TransactionCommit = defineMessage({
  name: 'Transaction.Commit',
  id: 0x150100,
  request: { transactionId: t.uuid, threadId: t.long },
  response: {},
});

export const TransactionCreate = defineMessage({
  name: 'Transaction.Create',
  id: 0x150200,
  request: { timeout: t.long, durability: t.int, transactionType: t.int, threadId: t.long },
  response: { response: t.uuid },
});

export const TransactionRollback = defineMessage({
  name: 'Transaction.Rollback',
  id: 0x150300,
  request: { transactionId: t.uuid, threadId: t.long },
  response: {},
});

export const TransactionalMapGet = defineMessage({
  name: 'TransactionalMap.Get',
  id: 0x0e0200,
  request: { txnId: t.uuid, threadId: t.long, name: t.string, key: t.data },
  response: { response: t.nullable(t.data) },
});

export const TransactionalMapPut = defineMessage({
  name: 'TransactionalMap.Put',
  id: 0x0e0600,
  request: { txnId: t.uuid, threadId: t.long, ttl: t.long, name: t.string, key: t.data, value: t.data },
  response: { response: t.nullable(t.data) },
});
