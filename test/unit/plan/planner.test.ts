import { describe, expect, it } from 'vitest';
import { expandMatrices } from '../../../harness/hazelcast/plan/expand.ts';
import { clientIdentityKey, memberFingerprint, planGroups } from '../../../harness/core/plan/planner.ts';
import type { Cell } from '../../../harness/core/plan/cell.ts';

const all = expandMatrices();

describe('planGroups', () => {
  const groups = planGroups(all);

  it('keeps every cell exactly once', () => {
    const ids = groups.flatMap((g) => g.identities.flatMap((i) => i.cells.map((c) => c.id)));
    expect(ids.sort()).toEqual(all.map((c) => c.id).sort());
    expect(groups.flatMap((g) => g.cells).length).toBe(all.length);
  });

  it('puts cells with equal member setups in one group, and only those', () => {
    for (const g of groups) for (const c of g.cells) expect(c.member).toEqual(g.member);
    const keys = groups.map((g) => g.key);
    expect(new Set(keys).size).toBe(keys.length);
    // Every cell of the versions requirement with the same member protocol shares one member.
    const tls12 = groups.filter((g) => g.cells.some((c) => c.id.startsWith('HZ-TLS-001/memberProtocol=TLSv1.2,')));
    expect(tls12).toHaveLength(1);
    expect(tls12[0]!.cells.filter((c) => c.requirementId === 'HZ-TLS-001')).toHaveLength(5);
  });

  it('grows with distinct configurations, not with cells', () => {
    expect(groups.length).toBeLessThan(all.length / 3);
    const doubled = planGroups([...all, ...all.map((c) => ({ ...c, id: `${c.id}#copy` }))]);
    expect(doubled.length).toBe(groups.length);
  });

  it('fingerprints ignore key order', () => {
    const m = all[0]!.member;
    const reordered = JSON.parse(JSON.stringify({ security: m.security, ssl: m.ssl, clusterName: m.clusterName }));
    expect(memberFingerprint(reordered)).toBe(memberFingerprint(m));
  });

  it('sub-groups by client identity: one connection serves all checks of an identity', () => {
    const roles = groups.find((g) => g.cells.some((c) => c.requirementId === 'HZ-AUTH-005'))!;
    expect(roles.cells).toHaveLength(6);
    expect(roles.identities).toHaveLength(2);
    for (const id of roles.identities) {
      expect(id.cells).toHaveLength(3);
      expect(new Set(id.cells.map((c) => c.client.tls?.cert?.artifact)).size).toBe(1);
      expect(new Set(id.cells.map((c) => c.checks[0]!.id)).size).toBe(3);
    }
  });

  it('separates identities that differ in credentials', () => {
    const base = all.find((c) => c.id === 'HZ-AUTH-001/clientIdentity=password-right')!;
    const wrong = all.find((c) => c.id === 'HZ-AUTH-001/clientIdentity=password-wrong')!;
    expect(clientIdentityKey(base.client)).not.toBe(clientIdentityKey(wrong.client));
    const g = planGroups([base, wrong] as Cell[]);
    expect(g).toHaveLength(1);
    expect(g[0]!.identities).toHaveLength(2);
  });
});
