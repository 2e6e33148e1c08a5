// The main job end to end, as a user runs it: `secmatrix run` in a child process against the
// embedded default. Every cell must meet its expectation and every report must be there, with no
// secret in any of them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../../../harness/core/util/tempdir.ts';
import { hazelcastFamily } from '../../../harness/hazelcast/family.ts';
import { expandMatrices } from '../../../harness/hazelcast/plan/index.ts';
import { cellSecrets } from '../../../harness/core/suite/certificate-summary.ts';
import { buildPki, defaultPkiRequest } from '../../../pki/index.ts';

const CLI = join(import.meta.dirname, '../../../harness/cli/secmatrix.mjs');

let dir: TempDir;
let run: { exitCode: number | undefined; stdout: string; stderr: string };

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((f) => {
    const p = join(root, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

beforeAll(async () => {
  dir = await makeTempDir('e2e');
  const r = await execa(process.execPath, [CLI, 'run', '--report-dir', dir.path], { reject: false, timeout: 240_000, env: { CI: '' } });
  run = { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}, 260_000);
afterAll(async () => dir?.remove());

describe('secmatrix run (tls, mutual-auth, credentials on the embedded member)', () => {
  it('exits 0: every cell met its expectation', () => {
    expect(run.exitCode, `${run.stdout.split('\n').filter((l) => /FAILED|PROBLEM/.test(l)).join('\n')}\n${run.stderr.slice(-2000)}`).toBe(0);
    expect(run.stdout).toMatch(/^total\s+\d+\s+\d+\s+0\s+\d+\s+0\s+0$/m);
  });

  it('writes certification.json with the promised shape, every area and requirement accounted for', () => {
    const cert = JSON.parse(readFileSync(join(dir.path, 'certification.json'), 'utf8'));
    expect(Object.keys(cert).sort()).toEqual(['client', 'matrixFingerprint', 'requirements', 'serverVersion', 'suiteVersion', 'system', 'totals', 'findings'].sort());
    expect(cert.client.name).toMatch(/hazelcast-client/);
    const ids: string[] = cert.requirements.map((r: { id: string }) => r.id);
    for (const prefix of ['HZ-TLS-', 'HZ-MTLS-', 'HZ-AUTH-']) expect(ids.some((id) => id.startsWith(prefix))).toBe(true);
    for (const r of cert.requirements) {
      expect(['passed', 'not-applicable']).toContain(r.status);
      for (const c of r.cells) expect(Object.keys(c).filter((k) => k !== 'reason').sort()).toEqual(['expected', 'id', 'name', 'observed', 'parameters', 'status']);
    }
  });

  it('writes certification.md, a JUnit file that parses, and the Allure HTML report', () => {
    expect(readFileSync(join(dir.path, 'certification.md'), 'utf8')).toMatch(/HZ-TLS-/);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(dir.path, 'junit.xml'), 'utf8'));
    expect(junit.testsuites).toBeDefined();
    expect(existsSync(join(dir.path, 'allure-report', 'index.html'))).toBe(true);
    expect(readdirSync(join(dir.path, 'allure-results')).some((f) => f.endsWith('-result.json'))).toBe(true);
    expect(existsSync(join(dir.path, 'history.jsonl'))).toBe(true);
  });

  it('leaves no private key, password or token in any report file', async () => {
    // Passwords are derived from artifact ids, so a fresh build of the default set has the run's.
    const pkiDir = await makeTempDir('e2e-pki');
    const pki = await buildPki(defaultPkiRequest(), { outDir: pkiDir.path });
    const secrets = new Set(expandMatrices().flatMap((c) => cellSecrets(c, pki, hazelcastFamily)));
    await pkiDir.remove();
    expect(secrets.size).toBeGreaterThan(3);
    for (const f of filesUnder(dir.path)) {
      if (!/\.(json|md|xml|txt|jsonl|log)$/.test(f) && !f.includes('attachment')) continue;
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/]{20}/);
      for (const secret of secrets) expect(text.includes(secret), `${f} contains a secret`).toBe(false);
    }
  });
});
