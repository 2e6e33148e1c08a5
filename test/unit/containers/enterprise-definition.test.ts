// The Hazelcast Enterprise member cannot be pulled or licensed here, so its provider is checked up
// to the exact container definition it would start: image and tag, files copied in, environment,
// network and wait strategy — and the license rules (required, never shown).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PkiManifest } from '../../../pki/types.ts';
import { expandMatrices } from '../../../harness/hazelcast/plan/index.ts';
import { ContainerTarget } from '../../../harness/hazelcast/targets/container.ts';
import { LicenseMissingError, ENTERPRISE_READY } from '../../../harness/hazelcast/targets/container/enterprise.ts';
import { CONFIG_PATH } from '../../../harness/hazelcast/targets/container/member-files.ts';
import { REDACTED } from '../../../harness/core/containers/container-spec.ts';
import { createTarget } from '../../../harness/hazelcast/targets/index.ts';

const LICENSE = 'ENTERPRISE#2Nodes#not-a-real-key-0123456789';
// A manifest whose every artifact has a key and a trust store at a host path.
const pki = {
  artifacts: new Proxy({}, { get: (_t, id: string) => ({ files: { keystore: `/host/pki/${id}.p12`, truststore: `/host/pki/${id}-trust.p12` }, passwords: { keystore: 'ks-pw', truststore: 'ts-pw' } }) }),
} as unknown as PkiManifest;
const tlsCell = expandMatrices(['mutual-auth']).find((c) => c.member.ssl?.trustStore)!;

describe('Hazelcast Enterprise container definition', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env['HZ_LICENSEKEY'];
    process.env['HZ_LICENSEKEY'] = LICENSE;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['HZ_LICENSEKEY'];
    else process.env['HZ_LICENSEKEY'] = saved;
  });

  it('a missing license key is an error when the target is made, before anything starts', () => {
    delete process.env['HZ_LICENSEKEY'];
    expect(() => createTarget('container', { serverVersion: '5.5.0' })).toThrow(LicenseMissingError);
    expect(() => createTarget('container', { serverVersion: '5.5.0' })).toThrow(/set HZ_LICENSEKEY/);
    // The reference member needs none.
    expect(createTarget('container', {}).serverVersion).toContain('reference-member');
  });

  it('starts hazelcast/hazelcast-enterprise:<version> per member with the rendered configuration and stores copied in', async () => {
    const target = new ContainerTarget({ serverVersion: '5.5.0', members: 2 });
    expect(target.serverVersion).toBe('Hazelcast Enterprise 5.5.0 (container, 2 members)');
    const { specs, xml } = await target.specs(tlsCell.member, { pki }, [15701, 15702]);
    expect(specs).toHaveLength(2);
    const [first, second] = specs.map((s) => s.definition());
    expect(first!.image).toBe('hazelcast/hazelcast-enterprise:5.5.0');
    expect(first!.networkMode).toBe('host');
    expect(first!.env).toMatchObject({
      HZ_LICENSEKEY: REDACTED,
      JAVA_OPTS: `-Dhazelcast.config=${CONFIG_PATH}`,
      HZ_NETWORK_PORT_PORT: '15701',
      HZ_NETWORK_PORT_AUTOINCREMENT: 'false',
      HZ_NETWORK_PUBLICADDRESS: '127.0.0.1:15701',
      HZ_NETWORK_JOIN_MULTICAST_ENABLED: 'false',
      HZ_NETWORK_JOIN_TCPIP_ENABLED: 'true',
      HZ_NETWORK_JOIN_TCPIP_MEMBERS: '127.0.0.1:15701,127.0.0.1:15702',
    });
    expect(second!.env['HZ_NETWORK_PORT_PORT']).toBe('15702');
    expect(second!.env['HZ_NETWORK_PUBLICADDRESS']).toBe('127.0.0.1:15702');
    expect(first!.wait).toEqual({ logMessage: String(ENTERPRISE_READY), times: 1, timeoutMs: 180_000 });
    // The configuration file is the rendered one, naming the stores at their container paths,
    // and exactly those stores are copied in from the run's PKI.
    const ssl = tlsCell.member.ssl!;
    const storeTargets = first!.files.filter((f) => f.target !== CONFIG_PATH);
    expect(first!.files[0]).toEqual({ target: CONFIG_PATH, from: `(${Buffer.byteLength(xml)} bytes)`, mode: '644' });
    expect(storeTargets.map((f) => f.from).sort()).toEqual([`/host/pki/${ssl.keyStore}.p12`, `/host/pki/${ssl.trustStore}-trust.p12`].sort());
    for (const f of storeTargets) expect(xml).toContain(f.target);
    expect(xml).not.toContain('/host/pki/');
    expect(xml).toContain('<port auto-increment="');
    expect(xml).toContain('15701');
    // The license never appears in the definition (what reports and errors may show).
    expect(JSON.stringify(specs.map((s) => s.definition()))).not.toContain(LICENSE);
  });

  it('the image repository can be a mirror of the official one', async () => {
    const { specs } = await new ContainerTarget({ serverVersion: '5.4.2', image: 'registry.example/hz/hazelcast-enterprise' }).specs(tlsCell.member, { pki }, [15701]);
    expect(specs[0]!.definition().image).toBe('registry.example/hz/hazelcast-enterprise:5.4.2');
  });

  it('the reference member does not cluster; Enterprise members need the host network', () => {
    expect(() => new ContainerTarget({ serverVersion: 'reference', members: 2 })).toThrow(/does not form clusters/);
    expect(() => new ContainerTarget({ serverVersion: '5.5.0', network: 'bridge' })).toThrow(/host network/);
  });
});
