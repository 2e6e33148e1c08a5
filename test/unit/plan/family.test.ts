// The Hazelcast family as core sees it: its areas, its cells, its source pages and its secrets.
import { describe, expect, it } from 'vitest';
import { FAMILIES, familyByName } from '../../../harness/families.ts';
import { allureMetadata } from '../../../harness/core/suite/allure-meta.ts';
import { hazelcastFamily, memberSecrets } from '../../../harness/hazelcast/family.ts';
import { HAZELCAST_ID_PREFIX } from '../../../harness/hazelcast/model.ts';

const cells = hazelcastFamily.expand();

describe('the Hazelcast family', () => {
  it('is the registry default and names its system', async () => {
    expect(await familyByName()).toBe(hazelcastFamily);
    expect(FAMILIES.map((f) => f.name)).toContain('hazelcast');
    expect(hazelcastFamily.system).toBe('Hazelcast');
    expect(() => familyByName('nope')).toThrow(/unknown system family "nope"/);
    expect(FAMILIES[0]!.areas).toEqual(hazelcastFamily.areas);
  });

  it('expands its areas in their canonical order, every id with its prefix', () => {
    expect([...new Set(cells.map((c) => c.area))]).toEqual([...hazelcastFamily.areas]);
    expect(cells.every((c) => c.id.startsWith(HAZELCAST_ID_PREFIX))).toBe(true);
    expect(hazelcastFamily.expand(['tls'], 'HZ-TLS-001').every((c) => c.requirementId === 'HZ-TLS-001')).toBe(true);
  });

  it('links every cited document to its public page', () => {
    for (const doc of new Set(cells.map((c) => c.source.document))) expect(hazelcastFamily.sourceUrl(doc), doc).toMatch(/^https:\/\//);
    const cell = cells[0]!;
    const meta = allureMetadata(cell, hazelcastFamily.system, hazelcastFamily.sourceUrl(cell.source.document));
    expect(meta.links[0]!.url).toBe(hazelcastFamily.sourceUrl(cell.source.document));
  });

  it("states a member setup's artifacts and secrets", () => {
    const tls = cells.find((c) => c.member.ssl?.trustStore)!;
    expect(hazelcastFamily.serverArtifacts(tls.member)).toEqual([tls.member.ssl!.keyStore, tls.member.ssl!.trustStore]);
    const realm = cells.find((c) => c.member.security.clientRealm?.identity?.kind === 'username-password')!;
    expect(memberSecrets(realm.member).length).toBe(1);
  });

  it('renders the member configuration files', async () => {
    const { buildPki, defaultPkiRequest } = await import('../../../pki/index.ts');
    const pki = await buildPki(defaultPkiRequest());
    const files = hazelcastFamily.render(cells.find((c) => c.member.ssl)!.member, { pki, port: 5701 });
    expect(Object.keys(files)).toEqual(['hazelcast.xml', 'hazelcast.yaml']);
    expect(files['hazelcast.xml']).toContain('<ssl enabled="true">');
  });
});
