// `secmatrix pki` as a user runs it: writes the default set and manifest.json, reuses the cache on a
// second run (fast, byte-identical files), prints no key material, and rejects wrong usage clearly.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../../../harness/core/util/tempdir.ts';
import type { PkiManifest } from '../../../pki/index.ts';
import { EXPECTED, EXTRA_MEMBER_NAME } from './expectations.ts';
import { runTool, type ToolResult } from './run-tool.ts';

const CLI = fileURLToPath(new URL('../../../harness/cli/secmatrix.mjs', import.meta.url));
const secmatrix = (...args: string[]) => runTool('node', [CLI, ...args], { timeoutMs: 60_000 });

/** The ids the rest of the suite references; they must stay exactly these. */
const REQUIRED_IDS = [
  'root-ca', 'intermediate-ca', 'untrusted-ca', 'ca-bundle', 'member-rsa', 'member-ec', 'client-rsa', 'client-ec', 'client-admin', 'client-dev',
  // a subject whose first RDN is not the CN (near-miss cells of the tls realm's role attribute)
  'client-ou-first',
  'member-expired', 'member-not-yet-valid', 'member-untrusted-ca', 'member-wrong-san', 'member-cn-only', 'member-no-serverauth', 'member-self-signed', 'member-ca-as-leaf',
  'client-expired', 'client-not-yet-valid', 'client-untrusted-ca', 'client-no-clientauth', 'client-self-signed',
];

async function digests(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) out[name] = createHash('sha256').update(await readFile(join(dir, name))).digest('hex');
  return out;
}

describe('secmatrix pki', () => {
  let tmp: TempDir;
  let out: string;
  let cache: string;
  let first: ToolResult;
  let second: ToolResult;
  let manifest: PkiManifest;
  let firstFiles: Record<string, string>;

  beforeAll(async () => {
    tmp = await makeTempDir('pki-cli');
    out = join(tmp.path, 'out');
    cache = join(tmp.path, 'cache');
    first = await secmatrix('pki', '--out', out, '--cache', cache, '--member-name', EXTRA_MEMBER_NAME, '--member-name', '192.0.2.7');
    firstFiles = await digests(out);
    second = await secmatrix('pki', '--out', out, '--cache', cache, '--member-name', EXTRA_MEMBER_NAME, '--member-name', '192.0.2.7');
    manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as PkiManifest;
  }, 120_000);
  afterAll(async () => {
    await tmp?.remove();
  });

  it('writes the default set and a manifest with every required id', () => {
    expect(first.exitCode, first.output).toBe(0);
    expect(Object.keys(manifest.artifacts).sort()).toEqual([...REQUIRED_IDS].sort());
    for (const a of Object.values(manifest.artifacts)) {
      expect(Object.keys(a.files).length, a.id).toBeGreaterThan(0);
      for (const path of Object.values(a.files)) expect(existsSync(path!), path).toBe(true);
    }
  });

  it('describes each artifact: kind, key type, validity, fingerprint, files, passwords, and for bad ones why', () => {
    for (const [id, want] of Object.entries(EXPECTED)) {
      const a = manifest.artifacts[id]!;
      expect(a.kind).toBe(want.side);
      expect(a.keyType).toBe(want.keyAlgorithm === 'rsa' ? 'rsa2048' : 'ec-p256');
      expect(a.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      expect(Object.keys(a.files).sort()).toEqual(['cert', 'chain', 'combined', 'key', 'keyEncrypted', 'keystore']);
      expect(a.passwords.key).toBeTruthy();
      expect(a.passwords.keystore).toBeTruthy();
      if (want.failure) {
        expect(a.bad?.expectedFailure).toBe(want.failure);
        expect(a.bad?.why).toBeTruthy();
        expect(a.bad?.verifier).toBe(want.side === 'member' ? 'client' : 'member');
      } else {
        expect(a.bad).toBeUndefined();
      }
    }
    expect(manifest.artifacts['member-rsa']!.sans).toEqual({ dns: ['localhost', EXTRA_MEMBER_NAME], ip: ['127.0.0.1', '192.0.2.7'] });
    expect(manifest.artifacts['member-wrong-san']!.sans!.dns).not.toContain(EXTRA_MEMBER_NAME);
    expect(manifest.artifacts['root-ca']!.files.truststore).toBeTruthy();
    expect(manifest.artifacts['ca-bundle']!.contains).toEqual(['root-ca', 'intermediate-ca']);
  });

  it('prints a summary without key material or passwords', () => {
    expect(first.stdout).toMatch(/wrote 24 artifacts to .* \(cache: 0 reused, 24 made, 23 keys generated\)/);
    for (const r of [first, second]) {
      expect(r.output).not.toContain('PRIVATE KEY');
      expect(r.output).not.toContain('test-only-');
    }
  });

  it('a second run is served from the cache (nothing made, no key generated), with byte-identical files', async () => {
    expect(second.exitCode, second.output).toBe(0);
    const m = /wrote 24 artifacts to .* in (\d+) ms \(cache: 24 reused, 0 made, 0 keys generated\)/.exec(second.stdout);
    expect(m, second.stdout).not.toBeNull();
    expect(await digests(out)).toEqual(firstFiles);
  });

  it('--help describes the options', async () => {
    const r = await secmatrix('pki', '--help');
    expect(r.exitCode).toBe(0);
    for (const option of ['--out <dir>', '--cache <dir>', '--member-name <name>']) expect(r.stdout).toContain(option);
  });

  it('a wrong flag, a missing --out and a bad member name are clear errors with the usage', async () => {
    const [unknown, missing, badName] = await Promise.all([
      secmatrix('pki', '--out', out, '--bogus'),
      secmatrix('pki'),
      secmatrix('pki', '--out', out, '--member-name', 'not a host'),
    ]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--bogus'");
    expect(unknown.stderr).toContain('Usage: secmatrix pki');
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("required option '--out <dir>' not specified");
    expect(badName.exitCode).toBe(2);
    expect(badName.stderr).toContain('"not a host" is neither a DNS name nor an IP address');
  });
});
