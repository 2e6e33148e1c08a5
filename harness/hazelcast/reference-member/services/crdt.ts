// PN counter and flake ID generator handlers.
// - PN counter (client/impl/protocol/task/crdt/pncounter): PNCounterGetMessageTask -> read,
//   PNCounterAddMessageTask -> modify, PNCounterGetConfiguredReplicaCountMessageTask -> read
//   (PNCounterPermission). One replica (this member); its vector clock is [member uuid, version].
// - Flake ID (client/impl/protocol/task/NewIdBatchMessageTask): FlakeIdGeneratorPermission modify.
//   Ids follow the real layout: 41-bit timestamp since 2018-01-01, 6-bit sequence, 16-bit node id.
import { FlakeIdGeneratorNewIdBatch, PNCounterAdd, PNCounterGet, PNCounterGetConfiguredReplicaCount, encodeReplicaTimestamps } from '../protocol/definitions/crdt.ts';
import { defineHandler, type Handler } from './handler.ts';
import type { MemberState } from './member-state.ts';
import { memberState, need, objectState } from './structure-support.ts';

const PN_SERVICE = 'hz:impl:PNCounterService';
const pn = (name: string, action: string) => need('pn-counter', name, action);
const counter = (member: MemberState, name: string) => objectState(member, PN_SERVICE, name, () => ({ value: 0n, version: 0n }));
/** The default PN counter config: replica count Integer.MAX_VALUE (every member). */
const REPLICA_COUNT = 2147483647;

const timestamps = (member: MemberState, c: { version: bigint }) => encodeReplicaTimestamps([[member.uuid, c.version]]);

const FLAKE_SERVICE = 'hz:impl:flakeIdGeneratorService';
const FLAKE_EPOCH = 1514764800000n;
const SEQUENCE_BITS = 6n;
const NODE_BITS = 16n;

export const crdtHandlers: Handler[] = [
  defineHandler(PNCounterGet, {
    permission: (req) => pn(req.name, 'read'),
    handle: ({ member }, req) => {
      const c = counter(member, req.name);
      return { value: c.value, replicaCount: 1, replicaTimestamps: timestamps(member, c) };
    },
  }),
  defineHandler(PNCounterAdd, {
    permission: (req) => pn(req.name, 'modify'),
    handle: ({ member }, req) => {
      const c = counter(member, req.name);
      const before = c.value;
      c.value += req.delta;
      c.version++;
      return { value: req.getBeforeUpdate ? before : c.value, replicaCount: 1, replicaTimestamps: timestamps(member, c) };
    },
  }),
  defineHandler(PNCounterGetConfiguredReplicaCount, {
    permission: (req) => pn(req.name, 'read'),
    handle: ({ member }, req) => {
      counter(member, req.name);
      return { response: REPLICA_COUNT };
    },
  }),
  defineHandler(FlakeIdGeneratorNewIdBatch, {
    permission: (req) => need('flake-id-generator', req.name, 'modify'),
    handle: ({ member }, req) => {
      objectState(member, FLAKE_SERVICE, req.name, () => null);
      // One generator per member: successive batches never overlap (the sequence carries over).
      const gen = memberState(member, 'flake-id', () => ({ next: 0n }));
      const now = (BigInt(Date.now()) - FLAKE_EPOCH) << (SEQUENCE_BITS + NODE_BITS);
      const base = now > gen.next ? now : gen.next;
      const increment = 1n << NODE_BITS;
      gen.next = base + increment * BigInt(req.batchSize);
      return { base, increment, batchSize: req.batchSize };
    },
  }),
];
