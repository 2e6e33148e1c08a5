// CP fenced lock and session-aware semaphore (cp/internal/datastructures/{lock,semaphore}/client).
// Permissions as the real message tasks ask for them: lock / tryLock / unlock -> LockPermission
// lock; GetLockOwnershipState -> read. Semaphore init -> release, acquire and drain -> acquire,
// release -> release, change -> acquire when reducing and release when increasing, availablePermits
// -> read; GetSemaphoreType asks for none.
import {
  FencedLockGetLockOwnership,
  FencedLockLock,
  FencedLockTryLock,
  FencedLockUnlock,
  SemaphoreAcquire,
  SemaphoreAvailablePermits,
  SemaphoreChange,
  SemaphoreDrain,
  SemaphoreGetSemaphoreType,
  SemaphoreInit,
  SemaphoreRelease,
} from '../protocol/definitions/cp.ts';
import { defineHandler, type Handler } from './handler.ts';
import type { MemberState } from './member-state.ts';
import { illegalArgument, illegalMonitorState, need } from './structure-support.ts';
import { CP_SERVICES, cpObject, cpState, waitUntil } from './cp-state.ts';

const INVALID_FENCE = 0n;
const NO_SESSION = -1n;

interface LockState {
  owner: { sessionId: bigint; threadId: bigint } | undefined;
  count: number;
  fence: bigint;
}

interface SemaphoreState {
  initialized: boolean;
  available: number;
  /** Permits held per session (released when the session closes). */
  held: Map<bigint, number>;
}

const lockOf = (member: MemberState, name: string): LockState =>
  cpObject<LockState>(member, CP_SERVICES.lock, name, () => ({ owner: undefined, count: 0, fence: INVALID_FENCE }));
const semaphoreOf = (member: MemberState, name: string): SemaphoreState =>
  cpObject<SemaphoreState>(member, CP_SERVICES.semaphore, name, () => ({ initialized: false, available: 0, held: new Map() }));

/** Registers `release` of `object` to run when the session closes; a session unknown to the member is refused. */
function onSessionClose(member: MemberState, sessionId: bigint, object: string, release: () => void): void {
  const session = cpState(member).sessions.get(sessionId);
  if (!session) throw illegalArgument(`CP session ${sessionId} does not exist`);
  session.onClose.set(object, release);
}

/** Takes or re-enters the lock for (session, thread); false when another owner holds it. */
function tryTake(member: MemberState, name: string, sessionId: bigint, threadId: bigint): boolean {
  const l = lockOf(member, name);
  if (l.owner && (l.owner.sessionId !== sessionId || l.owner.threadId !== threadId)) return false;
  if (!l.owner) {
    onSessionClose(member, sessionId, `lock\0${name}`, () => {
      if (l.owner?.sessionId === sessionId) {
        l.owner = undefined;
        l.count = 0;
      }
    });
    l.owner = { sessionId, threadId };
    l.fence = cpState(member).nextFence++;
  }
  l.count++;
  return true;
}

async function acquireLock(member: MemberState, name: string, sessionId: bigint, threadId: bigint, timeoutMs: bigint): Promise<bigint> {
  const got = await waitUntil(() => tryTake(member, name, sessionId, threadId), timeoutMs);
  return got ? lockOf(member, name).fence : INVALID_FENCE;
}

const lockNeed = (name: string, action: string) => need('lock', name, action);
const semNeed = (name: string, action: string) => need('semaphore', name, action);

function takePermits(s: SemaphoreState, name: string, member: MemberState, sessionId: bigint, permits: number): boolean {
  if (s.available < permits) return false;
  if (!s.held.has(sessionId)) {
    onSessionClose(member, sessionId, `semaphore\0${name}`, () => {
      s.available += s.held.get(sessionId) ?? 0;
      s.held.delete(sessionId);
    });
  }
  s.available -= permits;
  s.held.set(sessionId, (s.held.get(sessionId) ?? 0) + permits);
  return true;
}

export const cpLockHandlers: Handler[] = [
  defineHandler(FencedLockLock, {
    permission: (req) => lockNeed(req.name, 'lock'),
    handle: async ({ member }, req) => ({ response: await acquireLock(member, req.name, req.sessionId, req.threadId, -1n) }),
  }),
  defineHandler(FencedLockTryLock, {
    permission: (req) => lockNeed(req.name, 'lock'),
    handle: async ({ member }, req) => ({ response: await acquireLock(member, req.name, req.sessionId, req.threadId, req.timeoutMs) }),
  }),
  defineHandler(FencedLockUnlock, {
    permission: (req) => lockNeed(req.name, 'lock'),
    handle: ({ member }, req) => {
      const l = lockOf(member, req.name);
      if (!l.owner || l.owner.sessionId !== req.sessionId || l.owner.threadId !== req.threadId) {
        throw illegalMonitorState(`Current thread is not owner of the Lock[${req.name}]`);
      }
      if (--l.count === 0) l.owner = undefined;
      return { response: l.count > 0 };
    },
  }),
  defineHandler(FencedLockGetLockOwnership, {
    permission: (req) => lockNeed(req.name, 'read'),
    handle: ({ member }, req) => {
      const l = lockOf(member, req.name);
      return l.owner
        ? { fence: l.fence, lockCount: l.count, sessionId: l.owner.sessionId, threadId: l.owner.threadId }
        : { fence: INVALID_FENCE, lockCount: 0, sessionId: NO_SESSION, threadId: 0n };
    },
  }),
  defineHandler(SemaphoreGetSemaphoreType, {
    // false: the default, session-aware (not JDK-compatible) semaphore.
    handle: () => ({ response: false }),
  }),
  defineHandler(SemaphoreInit, {
    permission: (req) => semNeed(req.name, 'release'),
    handle: ({ member }, req) => {
      if (req.permits < 0) throw illegalArgument('Permits must be non-negative!');
      const s = semaphoreOf(member, req.name);
      if (s.initialized) return { response: false };
      s.initialized = true;
      s.available = req.permits;
      return { response: true };
    },
  }),
  defineHandler(SemaphoreAcquire, {
    permission: (req) => semNeed(req.name, 'acquire'),
    handle: async ({ member }, req) => {
      const s = semaphoreOf(member, req.name);
      return { response: await waitUntil(() => takePermits(s, req.name, member, req.sessionId, req.permits), req.timeoutMs) };
    },
  }),
  defineHandler(SemaphoreRelease, {
    permission: (req) => semNeed(req.name, 'release'),
    handle: ({ member }, req) => {
      const s = semaphoreOf(member, req.name);
      const held = s.held.get(req.sessionId) ?? 0;
      if (held < req.permits) throw illegalArgument(`Session ${req.sessionId} holds ${held} permits, cannot release ${req.permits}`);
      s.held.set(req.sessionId, held - req.permits);
      s.available += req.permits;
      return { response: true };
    },
  }),
  defineHandler(SemaphoreDrain, {
    permission: (req) => semNeed(req.name, 'acquire'),
    handle: ({ member }, req) => {
      const s = semaphoreOf(member, req.name);
      const drained = s.available;
      if (drained > 0) takePermits(s, req.name, member, req.sessionId, drained);
      return { response: drained };
    },
  }),
  defineHandler(SemaphoreChange, {
    permission: (req) => semNeed(req.name, req.permits < 0 ? 'acquire' : 'release'),
    handle: ({ member }, req) => {
      const s = semaphoreOf(member, req.name);
      s.initialized = true;
      s.available += req.permits;
      return { response: true };
    },
  }),
  defineHandler(SemaphoreAvailablePermits, {
    permission: (req) => semNeed(req.name, 'read'),
    handle: ({ member }, req) => ({ response: semaphoreOf(member, req.name).available }),
  }),
];
