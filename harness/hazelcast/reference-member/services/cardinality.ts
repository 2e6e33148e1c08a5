// Cardinality estimator handlers (client/impl/protocol/task/cardinality): Add -> modify, Estimate ->
// read (CardinalityEstimatorPermission). The estimate is exact here (the distinct hashes seen); the
// real member's HyperLogLog is exact too for the few items a cell adds (sparse encoding).
import { CardinalityEstimatorAdd, CardinalityEstimatorEstimate } from '../protocol/definitions/cardinality.ts';
import { defineHandler, type Handler } from './handler.ts';
import type { MemberState } from './member-state.ts';
import { need, objectState } from './structure-support.ts';

const SERVICE = 'hz:impl:cardinalityEstimatorService';
const hashes = (member: MemberState, name: string) => objectState(member, SERVICE, name, () => new Set<bigint>());
const ce = (name: string, action: string) => need('cardinality-estimator', name, action);

export const cardinalityHandlers: Handler[] = [
  defineHandler(CardinalityEstimatorAdd, {
    permission: (req) => ce(req.name, 'modify'),
    handle: ({ member }, req) => {
      hashes(member, req.name).add(req.hash);
      return {};
    },
  }),
  defineHandler(CardinalityEstimatorEstimate, {
    permission: (req) => ce(req.name, 'read'),
    handle: ({ member }, req) => ({ response: BigInt(hashes(member, req.name).size) }),
  }),
];
