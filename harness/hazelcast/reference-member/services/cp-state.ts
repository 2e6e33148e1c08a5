// State of the CP subsystem on the reference member. A real member without CP members runs CP in
// "unsafe mode": every Raft group lives on this one member, which is what this models. Objects are
// keyed by service and name; sessions and thread ids are per member, as the real session service's.
import type { MemberState } from './member-state.ts';

export interface RaftGroupIdValue {
  seed: bigint;
  id: bigint;
  name: string;
}

export interface CpSession {
  id: bigint;
  endpointName: string;
  /**
   * Per CP object the session holds (lock or permits), what releases it when the session closes
   * (as on the real member). Keyed by object, so taking the same object again adds nothing.
   */
  onClose: Map<string, () => void>;
}

interface CpState {
  groups: Map<string, RaftGroupIdValue>;
  objects: Map<string, unknown>;
  sessions: Map<bigint, CpSession>;
  nextSessionId: bigint;
  nextThreadId: bigint;
  nextFence: bigint;
}

const states = new WeakMap<MemberState, CpState>();

export function cpState(member: MemberState): CpState {
  let s = states.get(member);
  if (!s) {
    s = { groups: new Map(), objects: new Map(), sessions: new Map(), nextSessionId: 1n, nextThreadId: 1n, nextFence: 1n };
    states.set(member, s);
  }
  return s;
}

/** CP service names as the real member registers them (sent by clients in DestroyCPObject). */
export const CP_SERVICES = {
  atomicLong: 'hz:raft:atomicLongService',
  atomicRef: 'hz:raft:atomicRefService',
  countDownLatch: 'hz:raft:countDownLatchService',
  semaphore: 'hz:raft:semaphoreService',
  lock: 'hz:raft:lockService',
} as const;

/** The group a proxy name lives in: "name@group" names its group, a plain name the default group. */
export function groupOf(member: MemberState, proxyName: string): RaftGroupIdValue {
  const at = proxyName.indexOf('@');
  const name = (at >= 0 ? proxyName.slice(at + 1) : 'default').trim().toLowerCase() || 'default';
  const state = cpState(member);
  let g = state.groups.get(name);
  if (!g) {
    // The default group has id 0; every other group the next free id after it.
    g = { seed: 0n, id: name === 'default' ? 0n : BigInt(state.groups.size + (state.groups.has('default') ? 0 : 1)), name };
    state.groups.set(name, g);
  }
  return g;
}

/** One CP object's state, created on first use; a destroyed object starts again from init(). */
export function cpObject<T>(member: MemberState, service: string, name: string, init: () => T): T {
  const objects = cpState(member).objects;
  const key = `${service}\0${name}`;
  if (!objects.has(key)) objects.set(key, init());
  return objects.get(key) as T;
}

export function destroyCpObject(member: MemberState, service: string, name: string): void {
  cpState(member).objects.delete(`${service}\0${name}`);
}

/**
 * Waits until `ready()` holds or the timeout passes; the member never blocks a connection for
 * longer than the client asked (negative = the client's "forever", bounded here to a minute).
 */
export async function waitUntil(ready: () => boolean, timeoutMs: bigint): Promise<boolean> {
  if (ready()) return true;
  const limit = timeoutMs < 0n ? 60_000 : Math.min(Number(timeoutMs), 60_000);
  const deadline = Date.now() + limit;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10).unref());
    if (ready()) return true;
  }
  return false;
}
