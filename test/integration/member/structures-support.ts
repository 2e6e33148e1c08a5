// Shared table machinery of the structures*.test.ts files: each case is one client operation and the
// permission (type, action) the real member requires for it. For every case the member grants the
// principal `dev`, on object "<case>.ok", create + the action (+ what the set-up needs), and on
// "<case>.no" create + every other action of the type: the operation must succeed on the first and
// be refused on the second with the real member's AccessControlException, at once.
import { Client } from 'hazelcast-client';
import { expect, test } from 'vitest';
import { memberConfig, timed, type Tracker } from './support.ts';

export type HazelcastClient = Awaited<ReturnType<typeof Client.newHazelcastClient>>;

/** Configuration element -> Java permission class (com.hazelcast.security.permission). */
export const PERMISSION_CLASSES: Record<string, { className: string; actions: string[] }> = {
  map: { className: 'MapPermission', actions: ['create', 'destroy', 'put', 'read', 'remove', 'lock', 'intercept', 'index', 'listen'] },
  multimap: { className: 'MultiMapPermission', actions: ['create', 'destroy', 'put', 'read', 'remove', 'listen', 'lock'] },
  replicatedmap: { className: 'ReplicatedMapPermission', actions: ['create', 'destroy', 'put', 'read', 'remove', 'listen', 'lock', 'index', 'intercept'] },
  queue: { className: 'QueuePermission', actions: ['create', 'destroy', 'add', 'remove', 'read', 'listen'] },
  list: { className: 'ListPermission', actions: ['create', 'destroy', 'add', 'read', 'remove', 'listen'] },
  set: { className: 'SetPermission', actions: ['create', 'destroy', 'add', 'read', 'remove', 'listen'] },
  'ring-buffer': { className: 'RingBufferPermission', actions: ['create', 'destroy', 'put', 'read'] },
  'reliable-topic': { className: 'ReliableTopicPermission', actions: ['create', 'destroy', 'publish', 'listen'] },
  'pn-counter': { className: 'PNCounterPermission', actions: ['create', 'destroy', 'read', 'modify'] },
  'flake-id-generator': { className: 'FlakeIdGeneratorPermission', actions: ['create', 'destroy', 'read', 'modify'] },
  lock: { className: 'LockPermission', actions: ['create', 'destroy', 'lock', 'read'] },
  'atomic-long': { className: 'AtomicLongPermission', actions: ['create', 'destroy', 'read', 'modify'] },
  'atomic-reference': { className: 'AtomicReferencePermission', actions: ['create', 'destroy', 'read', 'modify'] },
  'countdown-latch': { className: 'CountDownLatchPermission', actions: ['create', 'destroy', 'read', 'modify'] },
  semaphore: { className: 'SemaphorePermission', actions: ['create', 'destroy', 'acquire', 'release', 'read'] },
};

export interface Case {
  /** Operation label, also the object name stem (e.g. "map.containsKey"). */
  op: string;
  /** Permission type (configuration element without "-permission"). */
  type: string;
  action: string;
  /** Actions the set-up needs on the same object (granted on both objects). */
  setup?: string[];
  /** Extra permission entries the operation needs on other objects (both objects). */
  extra?: (name: string) => string;
  /** Name the denial names, when it is not the object (e.g. the reliable topic's ring buffer). */
  deniedName?: (name: string) => string;
  /** Runs set-up and the operation; resolves with the value to compare. */
  run(client: HazelcastClient, name: string): Promise<unknown>;
  expected?: unknown;
}

const grant = (type: string, name: string, actions: string[]) =>
  `<${type}-permission name="${name}" principal="dev"><actions>${[...new Set(actions)].map((a) => `<action>${a}</action>`).join('')}</actions></${type}-permission>`;

export function permissionsFor(cases: readonly Case[]): string {
  const entries: string[] = [];
  for (const c of cases) {
    const all = PERMISSION_CLASSES[c.type]!.actions;
    entries.push(grant(c.type, `${c.op}.ok`, ['create', c.action, ...(c.setup ?? [])]));
    entries.push(grant(c.type, `${c.op}.no`, all.filter((a) => a !== c.action)));
    if (c.extra) entries.push(c.extra(`${c.op}.ok`), c.extra(`${c.op}.no`));
  }
  return entries.join('\n');
}

/** A member whose only client identity is dev/s3crEt (role dev), with the given client permissions. */
export function securedMember(permissions: string) {
  return memberConfig(`
<security enabled="true">
  <realms>
    <realm name="passwordRealm"><identity><username-password username="dev" password="s3crEt" /></identity></realm>
  </realms>
  <member-authentication realm="passwordRealm" />
  <client-permissions>
${permissions}
  </client-permissions>
</security>`);
}

export const devCredentials = { security: { usernamePassword: { username: 'dev', password: 's3crEt' } } };

export const deniedText = (type: string, name: string, action: string) =>
  `Permission ("com.hazelcast.security.permission.${PERMISSION_CLASSES[type]!.className}" "${name}" "${action}") denied!`;

function causeChain(error: unknown): string {
  const parts: string[] = [];
  for (let e = error; e instanceof Error; e = (e as Error & { cause?: unknown }).cause) parts.push(e.message);
  return parts.join(' <- ');
}

/** Declares the granted and the denied test of every case. */
export function declareCases(cases: readonly Case[], client: () => HazelcastClient): void {
  for (const c of cases) {
    test(`${c.op} needs ${c.type} ${c.action}: granted`, async () => {
      const value = await c.run(client(), `${c.op}.ok`);
      if ('expected' in c) expect(value).toEqual(c.expected);
    });
    test(`${c.op} needs ${c.type} ${c.action}: denied without it`, async () => {
      const name = `${c.op}.no`;
      const { ms, error } = await timed(c.run(client(), name));
      expect(error, 'the operation must be refused').toBeDefined();
      // The client wraps some refusals (a listener registration: "Listener cannot be added!") with
      // the member's error as the cause, so read the whole chain.
      const text = causeChain(error!);
      expect(text).toContain('java.security.AccessControlException');
      expect(text).toContain(deniedText(c.type, c.deniedName ? c.deniedName(name) : name, c.action));
      expect(ms).toBeLessThan(1_000);
    });
  }
}

export async function connect(tracker: Tracker, cases: readonly Case[], more = '') {
  const member = await tracker.member({ config: securedMember(permissionsFor(cases) + more) });
  const client = await tracker.client(member, devCredentials);
  return { member, client };
}

/** Long -> number for comparisons. */
export const num = (v: unknown): number => Number(String(v));
