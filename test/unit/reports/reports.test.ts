import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { expandMatrices } from '../../../harness/hazelcast/plan/expand.ts';
import type { Cell, CellResult, CellStatus, Outcome } from '../../../harness/core/plan/cell.ts';
import { allureMetadata } from '../../../harness/core/suite/allure-meta.ts';
import { memberSecrets } from '../../../harness/hazelcast/family.ts';
import { buildCertification, renderCertificationMarkdown, renderJunitXml, rollUp, writeReports, type RunInfo } from '../../../reports/index.ts';

const cells = expandMatrices();
const cell = (id: string): Cell => cells.find((c) => c.id === id)!;
const run: RunInfo = { system: 'Hazelcast', serverVersion: '5.5.0', client: { name: 'hazelcast-client (Node)', version: '5.7.0' }, suiteVersion: '0.1.0', matrixFingerprint: 'abcdef0123456789', secrets: ['keystore-pa55'], serverSecrets: (m) => memberSecrets(m as Parameters<typeof memberSecrets>[0]) };

const asExpected = (c: Cell): Outcome => {
  const { because: _b, ...o } = c.expected;
  return o as Outcome;
};
const result = (c: Cell, status: CellStatus, observed: Outcome = asExpected(c), extra: Partial<CellResult> = {}): CellResult => ({ cell: c, observed, status, durationMs: 12, ...extra });

// HZ-TLS-004: 3 cells; HZ-TLS-002: 2 cells; HZ-AUTH-001: 4 cells.
const results: CellResult[] = [
  result(cell('HZ-TLS-004/clientCa=root-ca'), 'passed'),
  result(cell('HZ-TLS-004/clientCa=untrusted-ca'), 'failed', { kind: 'connected' }, { reason: 'expected TLS refused by client (CERT_UNTRUSTED), observed connected' }),
  result(cell('HZ-TLS-004/clientCa=system'), 'passed'),
  result(cell('HZ-TLS-002/memberProtocol=TLS,clientVersion=SSLv2'), 'not-applicable', { kind: 'not-applicable', reason: 'Node client cannot express: tls-pin-sslv2' }, { reason: 'Node client cannot express: tls-pin-sslv2' }),
  result(cell('HZ-TLS-002/memberProtocol=TLS,clientVersion=SSLv3'), 'not-applicable', { kind: 'not-applicable', reason: 'Node client cannot express: tls-pin-sslv3' }),
  result(cell('HZ-AUTH-001/clientIdentity=password-right'), 'passed', undefined, {
    evidence: {
      memberConfig: '<username-password username="dev" password="s3crEt-dev"/>',
      clientLog: 'connecting with password=not-the-password and keystore keystore-pa55',
      keyStorePassword: 'another-Secret-123',
      note: 'the key store password was another-Secret-123',
    },
  }),
  result(cell('HZ-AUTH-001/clientIdentity=password-wrong'), 'passed'),
  result(cell('HZ-AUTH-001/clientIdentity=password-unknown-user'), 'skipped', { kind: 'error', message: 'not run' }, { reason: 'no member' }),
  result(cell('HZ-AUTH-001/clientIdentity=none'), 'passed'),
];

describe('roll-up', () => {
  it.each([
    [['passed', 'failed', 'not-applicable'], 'failed'],
    [['passed', 'skipped'], 'skipped'],
    [['passed', 'not-applicable'], 'passed'],
    [['passed', 'passed'], 'passed'],
    [['not-applicable', 'not-applicable'], 'not-applicable'],
    [[], 'not-applicable'],
  ] as [CellStatus[], CellStatus][])('%j → %s', (statuses, expected) => expect(rollUp(statuses)).toBe(expected));
});

describe('certification.json', () => {
  const cert = buildCertification(results, run);
  it('has exactly the documented shape', () => {
    expect(Object.keys(cert).sort()).toEqual(['client', 'matrixFingerprint', 'requirements', 'serverVersion', 'suiteVersion', 'system', 'totals', 'findings'].sort());
    expect(cert.client).toEqual({ name: 'hazelcast-client (Node)', version: '5.7.0' });
    for (const r of cert.requirements) {
      expect(Object.keys(r).sort()).toEqual(['cells', 'id', 'reason', 'source', 'status', 'title']);
      for (const c of r.cells) expect(Object.keys(c).filter((k) => k !== 'reason').sort()).toEqual(['expected', 'id', 'name', 'observed', 'parameters', 'status']);
    }
  });
  it('rolls requirements up', () => {
    const status = Object.fromEntries(cert.requirements.map((r) => [r.id, r.status]));
    expect(status).toEqual({ 'HZ-TLS-004': 'failed', 'HZ-TLS-002': 'not-applicable', 'HZ-AUTH-001': 'skipped' });
    expect(cert.requirements.find((r) => r.id === 'HZ-TLS-004')!.reason).toMatch(/1 failed.*client trusts untrusted-ca/);
    expect(cert.requirements.find((r) => r.id === 'HZ-TLS-002')!.reason).toMatch(/tls-pin-sslv2/);
    expect(cert.totals).toEqual({
      cells: 9,
      requirements: 3,
      cellStatus: { passed: 5, failed: 1, notApplicable: 2, skipped: 1, deviation: 0 },
      requirementStatus: { passed: 0, failed: 1, notApplicable: 1, skipped: 1, deviation: 0 },
    });
  });
  it('keeps titles, sources, parameters and expectations', () => {
    const r = cert.requirements.find((x) => x.id === 'HZ-TLS-004')!;
    expect(r.title).toMatch(/verifies the member's certificate/);
    expect(r.source).toEqual({ document: 'hazelcast-python-client-tls.txt', section: 'Setting CA File' });
    expect(r.cells[1]).toMatchObject({ id: 'HZ-TLS-004/clientCa=untrusted-ca', reason: 'expected TLS refused by client (CERT_UNTRUSTED), observed connected', name: 'client trusts untrusted-ca', parameters: { clientCa: 'untrusted-ca' }, expected: { kind: 'tls-refused', side: 'client', reason: 'CERT_UNTRUSTED' }, observed: { kind: 'connected' }, status: 'failed' });
  });
});

describe('junit.xml', () => {
  const xml = renderJunitXml(results);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(xml);
  it('parses, with a testsuite per area and a testcase per cell', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s: { '@name': string }) => s['@name'])).toEqual(['tls', 'credentials']);
    expect(suites[0].testcase).toHaveLength(5);
    expect(suites[0]['@failures']).toBe('1');
    expect(suites[0]['@skipped']).toBe('2');
    expect(doc.testsuites['@tests']).toBe('9');
  });
  it('marks failures and skips', () => {
    const tls = doc.testsuites.testsuite[0].testcase;
    const failed = tls.find((t: { '@name': string }) => t['@name'].includes('untrusted-ca'));
    expect(failed.failure['@message']).toMatch(/CERT_UNTRUSTED/);
    const na = tls.find((t: { '@name': string }) => t['@name'].includes('SSLv2'));
    expect(na.skipped['@message']).toMatch(/not applicable: Node client cannot express/);
  });
});

describe('secrets never reach an output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secmatrix-reports-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const SECRETS = ['s3crEt-dev', 'not-the-password', 'keystore-pa55', 'another-Secret-123'];

  it('in certification.json, certification.md and junit.xml', async () => {
    await writeReports(dir, results, run);
    expect(readdirSync(dir).sort()).toEqual(['certification.json', 'certification.md', 'junit.xml']);
    for (const f of ['certification.json', 'certification.md', 'junit.xml']) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const s of SECRETS) expect(text, `${s} in ${f}`).not.toContain(s);
    }
    // The evidence is there, redacted.
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(/password=\*\*\*/);
    JSON.parse(readFileSync(join(dir, 'certification.json'), 'utf8'));
  });
  it('in the Markdown and Allure metadata', () => {
    const md = renderCertificationMarkdown(results, run);
    for (const s of SECRETS) expect(md).not.toContain(s);
    const meta = JSON.stringify(cells.map((c) => allureMetadata(c, 'Hazelcast')));
    for (const s of ['s3crEt-dev', 'not-the-password', 's3cr3t-T0ken']) expect(meta).not.toContain(s);
  });
});

describe('allure metadata', () => {
  it('maps a cell to epic/feature/story, parameters and stable ids', () => {
    const c = cell('HZ-TLS-004/clientCa=system');
    const m = allureMetadata(c, 'Hazelcast');
    expect(m).toMatchObject({ epic: 'Hazelcast', feature: 'tls', severity: 'blocker', allureId: 'HZ-TLS-004/clientCa=system', parameters: [{ name: 'clientCa', value: 'system' }] });
    expect(m.story).toMatch(/^HZ-TLS-004 /);
    expect(m.historyId).toBe(allureMetadata(expandMatrices(undefined, 'HZ-TLS-004').find((x) => x.id === c.id)!, 'Hazelcast').historyId);
    expect(new Set(cells.map((x) => allureMetadata(x, 'H').historyId)).size).toBe(cells.length);
  });
});
