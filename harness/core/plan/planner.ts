// The planner: cost grows with configurations, not cells. Cells whose member setups are equal
// share one member (a group); inside a group, cells whose client setups are equal share one client
// connection (an identity sub-group) that runs all their checks.
import type { Cell, ClientSetup } from './cell.ts';
import { stableHash } from './fingerprint.ts';

export interface IdentityGroup<M = unknown> {
  /** Fingerprint of the client setup (TLS, credentials, cluster name). */
  key: string;
  client: ClientSetup;
  cells: Cell<M>[];
}

export interface MemberGroup<M = unknown> {
  /** Fingerprint of the member setup: one member configuration = one member start. */
  key: string;
  member: M;
  identities: IdentityGroup<M>[];
  /** All cells of the group, in expansion order. */
  cells: Cell<M>[];
}

export function memberFingerprint(member: unknown): string {
  return stableHash(member);
}

/** A client identity: everything about how the client connects and authenticates; not its checks. */
export function clientIdentityKey(client: ClientSetup): string {
  const { requiredCapabilities: _caps, ...identity } = client;
  return stableHash(identity);
}

/** Groups in order of first appearance, so a run's order follows the matrices. */
export function planGroups<M>(cells: readonly Cell<M>[]): MemberGroup<M>[] {
  const groups = new Map<string, MemberGroup<M>>();
  for (const cell of cells) {
    const key = memberFingerprint(cell.member);
    let group = groups.get(key);
    if (!group) {
      group = { key, member: cell.member, identities: [], cells: [] };
      groups.set(key, group);
    }
    group.cells.push(cell);
    const idKey = clientIdentityKey(cell.client);
    let identity = group.identities.find((i) => i.key === idKey);
    if (!identity) {
      identity = { key: idKey, client: cell.client, cells: [] };
      group.identities.push(identity);
    }
    identity.cells.push(cell);
  }
  return [...groups.values()];
}
