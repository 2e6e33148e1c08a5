// Shared pieces of the data structure handlers: per-member stores, byte identity of serialized
// values, the permission shape and the Java exceptions the real member answers with.
import { MemberError, ErrorCode } from '../protocol/errors.ts';
import type { RequiredPermission } from '../security/api.ts';
import type { MemberState } from './member-state.ts';

/** The permission a message task asks for: configuration type (map, queue, ...), object name, action. */
export const need = (type: string, name: string, action: string): RequiredPermission => ({ type, name, action });

/** A serialized key or value's identity: its exact bytes (the real member compares Data the same way). */
export const idOf = (data: Buffer): string => data.toString('hex');

export const sameBytes = (a: Buffer | null, b: Buffer | null): boolean => (a === null || b === null ? a === b : a.equals(b));

const stores = new WeakMap<MemberState, Map<string, unknown>>();

/**
 * The state of one distributed object, created on first use. Using an object registers it with the
 * member (as on a real member); when it was destroyed, the next use starts from an empty state.
 */
export function objectState<T>(member: MemberState, serviceName: string, name: string, init: () => T): T {
  let byObject = stores.get(member);
  if (!byObject) {
    byObject = new Map();
    stores.set(member, byObject);
  }
  const k = `${serviceName}\0${name}`;
  // createObject answers true when the object did not exist (never created, or destroyed since).
  if (member.createObject(serviceName, name) || !byObject.has(k)) byObject.set(k, init());
  return byObject.get(k) as T;
}

/** State that is not a proxy-managed distributed object (CP structures, sessions). */
export function memberState<T>(member: MemberState, key: string, init: () => T): T {
  let byObject = stores.get(member);
  if (!byObject) {
    byObject = new Map();
    stores.set(member, byObject);
  }
  if (!byObject.has(key)) byObject.set(key, init());
  return byObject.get(key) as T;
}

export const illegalMonitorState = (message: string): MemberError =>
  new MemberError(26, 'java.lang.IllegalMonitorStateException', message);

export const illegalState = (message: string): MemberError =>
  new MemberError(ErrorCode.ILLEGAL_STATE, 'java.lang.IllegalStateException', message);

export const illegalArgument = (message: string): MemberError =>
  new MemberError(ErrorCode.ILLEGAL_ARGUMENT, 'java.lang.IllegalArgumentException', message);

export const indexOutOfBounds = (message: string): MemberError =>
  new MemberError(29, 'java.lang.IndexOutOfBoundsException', message);

export const staleSequence = (message: string): MemberError =>
  new MemberError(51, 'com.hazelcast.ringbuffer.StaleSequenceException', message);

/** Key locks of map and multimap: owner is the client connection plus the thread id it sent. */
export interface KeyLock {
  connectionId: number;
  threadId: bigint;
  count: number;
}

export class KeyLocks {
  private readonly locks = new Map<string, KeyLock>();

  isLocked(key: Buffer): boolean {
    return this.locks.has(idOf(key));
  }

  /** Takes or re-enters the lock; false when another owner holds it (the member never blocks a session). */
  tryLock(key: Buffer, connectionId: number, threadId: bigint): boolean {
    const k = idOf(key);
    const held = this.locks.get(k);
    if (!held) {
      this.locks.set(k, { connectionId, threadId, count: 1 });
      return true;
    }
    if (held.connectionId === connectionId && held.threadId === threadId) {
      held.count++;
      return true;
    }
    return false;
  }

  unlock(key: Buffer, connectionId: number, threadId: bigint): void {
    const k = idOf(key);
    const held = this.locks.get(k);
    if (!held || held.connectionId !== connectionId || held.threadId !== threadId) {
      throw illegalMonitorState('Current thread is not owner of the lock!');
    }
    if (--held.count === 0) this.locks.delete(k);
  }

  forceUnlock(key: Buffer): void {
    this.locks.delete(idOf(key));
  }

  /** A write by someone else than the lock owner (the real member would wait; this one refuses). */
  assertWritable(key: Buffer, connectionId: number, threadId: bigint): void {
    const held = this.locks.get(idOf(key));
    if (held && (held.connectionId !== connectionId || held.threadId !== threadId)) {
      throw illegalState('key is locked by another owner');
    }
  }
}
