// CP atomic long, atomic reference and countdown latch (cp/internal/datastructures/*/client):
// reads ask for `read`, writes for `modify` (AtomicLongPermission, AtomicReferencePermission,
// CountDownLatchPermission).
import {
  AtomicLongAddAndGet,
  AtomicLongCompareAndSet,
  AtomicLongGet,
  AtomicLongGetAndAdd,
  AtomicLongGetAndSet,
  AtomicRefCompareAndSet,
  AtomicRefContains,
  AtomicRefGet,
  AtomicRefSet,
  CountDownLatchAwait,
  CountDownLatchCountDown,
  CountDownLatchGetCount,
  CountDownLatchGetRound,
  CountDownLatchTrySetCount,
} from '../protocol/definitions/cp.ts';
import { defineHandler, type Handler } from './handler.ts';
import type { MemberState } from './member-state.ts';
import { need, sameBytes } from './structure-support.ts';
import { CP_SERVICES, cpObject, waitUntil } from './cp-state.ts';

const along = (member: MemberState, name: string) => cpObject(member, CP_SERVICES.atomicLong, name, () => ({ value: 0n }));
const aref = (member: MemberState, name: string) => cpObject(member, CP_SERVICES.atomicRef, name, () => ({ value: null as Buffer | null }));
const latch = (member: MemberState, name: string) => cpObject(member, CP_SERVICES.countDownLatch, name, () => ({ count: 0, round: 0, counted: new Set<string>() }));

const al = (name: string, action: string) => need('atomic-long', name, action);
const ar = (name: string, action: string) => need('atomic-reference', name, action);
const cdl = (name: string, action: string) => need('countdown-latch', name, action);

export const cpAtomicHandlers: Handler[] = [
  defineHandler(AtomicLongGet, {
    permission: (req) => al(req.name, 'read'),
    handle: ({ member }, req) => ({ response: along(member, req.name).value }),
  }),
  defineHandler(AtomicLongAddAndGet, {
    permission: (req) => al(req.name, 'modify'),
    handle: ({ member }, req) => {
      const a = along(member, req.name);
      a.value = BigInt.asIntN(64, a.value + req.delta);
      return { response: a.value };
    },
  }),
  defineHandler(AtomicLongGetAndAdd, {
    permission: (req) => al(req.name, 'modify'),
    handle: ({ member }, req) => {
      const a = along(member, req.name);
      const before = a.value;
      a.value = BigInt.asIntN(64, a.value + req.delta);
      return { response: before };
    },
  }),
  defineHandler(AtomicLongGetAndSet, {
    permission: (req) => al(req.name, 'modify'),
    handle: ({ member }, req) => {
      const a = along(member, req.name);
      const before = a.value;
      a.value = req.newValue;
      return { response: before };
    },
  }),
  defineHandler(AtomicLongCompareAndSet, {
    permission: (req) => al(req.name, 'modify'),
    handle: ({ member }, req) => {
      const a = along(member, req.name);
      if (a.value !== req.expected) return { response: false };
      a.value = req.updated;
      return { response: true };
    },
  }),
  defineHandler(AtomicRefGet, {
    permission: (req) => ar(req.name, 'read'),
    handle: ({ member }, req) => ({ response: aref(member, req.name).value }),
  }),
  defineHandler(AtomicRefContains, {
    permission: (req) => ar(req.name, 'read'),
    handle: ({ member }, req) => ({ response: sameBytes(aref(member, req.name).value, req.value) }),
  }),
  defineHandler(AtomicRefSet, {
    permission: (req) => ar(req.name, 'modify'),
    handle: ({ member }, req) => {
      const r = aref(member, req.name);
      const before = r.value;
      r.value = req.newValue;
      return { response: req.returnOldValue ? before : null };
    },
  }),
  defineHandler(AtomicRefCompareAndSet, {
    permission: (req) => ar(req.name, 'modify'),
    handle: ({ member }, req) => {
      const r = aref(member, req.name);
      if (!sameBytes(r.value, req.oldValue)) return { response: false };
      r.value = req.newValue;
      return { response: true };
    },
  }),
  defineHandler(CountDownLatchTrySetCount, {
    permission: (req) => cdl(req.name, 'modify'),
    handle: ({ member }, req) => {
      const l = latch(member, req.name);
      if (l.count > 0) return { response: false };
      l.count = req.count;
      l.round++;
      l.counted.clear();
      return { response: true };
    },
  }),
  defineHandler(CountDownLatchCountDown, {
    permission: (req) => cdl(req.name, 'modify'),
    handle: ({ member }, req) => {
      const l = latch(member, req.name);
      // A retried invocation (same uid) counts once, and only within the round it was meant for.
      if (l.count > 0 && req.expectedRound === l.round && !l.counted.has(String(req.invocationUid))) {
        l.counted.add(String(req.invocationUid));
        l.count--;
      }
      return {};
    },
  }),
  defineHandler(CountDownLatchGetCount, {
    permission: (req) => cdl(req.name, 'read'),
    handle: ({ member }, req) => ({ response: latch(member, req.name).count }),
  }),
  defineHandler(CountDownLatchGetRound, {
    permission: (req) => cdl(req.name, 'read'),
    handle: ({ member }, req) => ({ response: latch(member, req.name).round }),
  }),
  defineHandler(CountDownLatchAwait, {
    permission: (req) => cdl(req.name, 'read'),
    handle: async ({ member }, req) => {
      const l = latch(member, req.name);
      return { response: await waitUntil(() => l.count === 0, req.timeoutMs) };
    },
  }),
];
