// `--client` values of a CQL run resolve through the shared adapter registry: shipped NAME[@VERSION]
// or a vendor's adapter PATH with its client-profile.yaml; mistakes are said with where and why.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLIENT_PROFILES } from '../../../harness/cql/oracle/index.ts';
import { expandCql } from '../../../harness/cql/plan/load.ts';
import { parseClientProfile, resolveCqlClient, resolveCqlClients } from '../../../harness/cql/run/clients.ts';
import { REPO_ROOT } from '../../../harness/core/util/repo-root.ts';

const VENDOR = join(REPO_ROOT, 'test/integration/cql/fixtures/vendor-cql/adapter');
const scratch = mkdtempSync(join(tmpdir(), 'secmatrix-cql-clients-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder with a copy of the fixture adapter and, when given, a profile. */
function vendorDir(name: string, profile?: string): string {
  const dir = join(scratch, name);
  const exe = join(dir, 'adapter');
  mkdirSync(dir, { recursive: true });
  copyFileSync(VENDOR, exe);
  chmodSync(exe, 0o755);
  if (profile !== undefined) writeFileSync(join(dir, 'client-profile.yaml'), profile);
  return exe;
}

describe('CQL clients', () => {
  it('a shipped client: its registry entry, the oracle profile, its own error map and deviations', async () => {
    const node = await resolveCqlClient('cassandra-node');
    expect(node).toMatchObject({ id: 'cassandra-node', name: 'cassandra-node', version: 'installed', profile: CLIENT_PROFILES['cassandra-node'] });
    expect(node.errorMapFile).toMatch(/adapters\/cassandra-node\/error-map\.yaml$/);
    expect(node.command.command.join(' ')).toMatch(/cassandra-node\/adapter\.mjs$/);
  });

  it('a vendor adapter by path: the id is its folder, the profile its client-profile.yaml, its files beside it', async () => {
    const v = await resolveCqlClient(VENDOR);
    expect(v.id).toBe('vendor-cql');
    expect(v.version).toBe('vendor');
    expect(v.profile).toEqual({ ...CLIENT_PROFILES['cassandra-node'], name: 'vendor-cql' });
    expect(v.errorMapFile).toMatch(/vendor-cql\/error-map\.yaml$/);
    // Its cells carry its id; its expectations follow its declared profile (as the Node driver's).
    const cells = expandCql(['cql-tls'], [v, 'cassandra-node']);
    const mine = cells.filter((c) => c.client === 'vendor-cql');
    expect(mine.length).toBe(cells.length / 2);
    for (const c of mine) expect(c.expected, c.id).toEqual(cells.find((n) => n.id === `cassandra-node/${c.id.slice('vendor-cql/'.length)}`)!.expected);
  });

  it('says what is wrong: unknown name, a Hazelcast client, a missing or malformed profile, the same client twice', async () => {
    await expect(resolveCqlClient('cassandra-rust')).rejects.toThrow(/unknown client 'cassandra-rust'/);
    await expect(resolveCqlClient('hazelcast-python')).rejects.toThrow('--client hazelcast-python is a hazelcast client, not a CQL one');
    await expect(resolveCqlClient('cassandra-node@4.6.0')).rejects.toThrow(/@4\.6\.0 is not supported/);
    await expect(resolveCqlClient(vendorDir('no-profile'))).rejects.toThrow(/needs client-profile\.yaml beside it/);
    await expect(resolveCqlClient(vendorDir('half-profile', 'verifyPeerByDefault: true\n'))).rejects.toThrow(
      /client-profile\.yaml: hostnameByDefault: required, true or false/,
    );
    await expect(resolveCqlClients(['cassandra-node', 'cassandra-node'])).rejects.toThrow('--client names cassandra-node twice');
  });

  it('a profile file: every key a boolean, no unknown key, YAML', () => {
    const all = 'verifyPeerByDefault: true\nhostnameByDefault: true\nhostnameForcesVerify: false\nlegacySslOptions: false\nsaslAuthProvider: false\n';
    expect(parseClientProfile('p.yaml', all, 'x')).toMatchObject({ name: 'x', verifyPeerByDefault: true, legacySslOptions: false });
    expect(() => parseClientProfile('p.yaml', `${all}verifyPeer: true\n`, 'x')).toThrow('p.yaml: verifyPeer: unknown key');
    expect(() => parseClientProfile('p.yaml', all.replace('true', '"yes"'), 'x')).toThrow('p.yaml: verifyPeerByDefault: required, true or false');
    expect(() => parseClientProfile('p.yaml', 'a: [\n', 'x')).toThrow('p.yaml: not YAML');
    expect(() => parseClientProfile('p.yaml', '- 1\n', 'x')).toThrow('p.yaml: must be a mapping');
  });
});
