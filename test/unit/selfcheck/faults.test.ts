// The fault catalogue and its probes: at least 20 faults, each with a description and the bug it
// models, each with a probe that selects cells; unknown names are refused; the member room stays
// free of suite / oracle imports.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { activeFault, fault, FAULTS, FAULT_NAMES, setActiveFault, UnknownFaultError } from '../../../harness/hazelcast/reference-member/faults.ts';
import { PROBES } from '../../../harness/hazelcast/selfcheck/probes.ts';
import { CLIENT_FAULT_NAMES } from '../../../harness/clients/node-client/client-faults.ts';
import { expandMatrices } from '../../../harness/hazelcast/plan/expand.ts';
import { effectiveTlsDefaults } from '../../../harness/clients/node-client/driver.ts';
import { clientDefaultFindings } from '../../../reports/findings.ts';
import { CLIENT_DEFAULTS_EVIDENCE, type CellResult } from '../../../harness/core/plan/cell.ts';

afterEach(() => setActiveFault(undefined));

describe('fault catalogue', () => {
  it('has at least 20 named faults with a description and the real bug they model', () => {
    expect(FAULTS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(FAULT_NAMES).size).toBe(FAULTS.length);
    for (const f of FAULTS) {
      expect(f.name).toMatch(/^[a-z0-9-]+$/);
      expect(f.description.length, f.name).toBeGreaterThan(20);
      expect(f.models.length, f.name).toBeGreaterThan(20);
    }
    // The two Hazelcast issues the brief names.
    expect(FAULTS.find((f) => f.name === 'pn-counter-no-permission')!.models).toMatch(/13399/);
    expect(FAULTS.find((f) => f.name === 'ring-buffer-null-permission')!.models).toMatch(/24271/);
  });

  it('every fault has a probe that selects cells of its areas', () => {
    const names = [...FAULT_NAMES, ...CLIENT_FAULT_NAMES];
    expect(Object.keys(PROBES).sort()).toEqual([...names].sort());
    // Expanded once; the probes' patterns select by cell id (as --grep does, among other fields).
    const all = expandMatrices();
    for (const name of names) {
      const p = PROBES[name];
      const re = new RegExp(p.grep, 'i');
      const cells = all.filter((c) => (p.areas as string[]).includes(c.area) && (re.test(c.id) || re.test(c.name)));
      expect(cells.length, `${name}: ${p.grep}`).toBeGreaterThan(0);
    }
  });

  it('switches one fault on, and refuses unknown names', () => {
    expect(activeFault()).toBeUndefined();
    setActiveFault('cipher-order-ignored');
    expect(fault('cipher-order-ignored')).toBe(true);
    expect(fault('protocol-pin-ignored')).toBe(false);
    setActiveFault(undefined);
    expect(fault('cipher-order-ignored')).toBe(false);
    expect(() => setActiveFault('no-such-fault')).toThrow(UnknownFaultError);
  });

  it('lives in the member room: faults.ts imports nothing', () => {
    const src = readFileSync(new URL('../../../harness/hazelcast/reference-member/faults.ts', import.meta.url), 'utf8');
    expect(src).not.toMatch(/^import /m);
  });
});

describe("the client's effective TLS defaults and the findings made of them", () => {
  it("reads a checkServerIdentity that accepts every name as 'hostname verification off'", () => {
    // What hazelcast-client 5.7 sets when given no sslOptions (ConnectionManager.triggerConnect).
    expect(effectiveTlsDefaults({ checkServerIdentity: () => null, rejectUnauthorized: true })).toEqual({
      hostnameVerification: false,
      verifiesMember: true,
      trust: 'default CAs',
    });
    // Node's own default check refuses a certificate for another host.
    expect(effectiveTlsDefaults({}).hostnameVerification).toBe(true);
    expect(effectiveTlsDefaults({ rejectUnauthorized: false, ca: 'x' })).toEqual({ hostnameVerification: true, verifiesMember: false, trust: 'given CAs' });
  });

  it('lists hostname verification off as an insecure default', () => {
    const result = {
      cell: { id: 'HZ-TLS-009/x' },
      status: 'passed',
      evidence: { [CLIENT_DEFAULTS_EVIDENCE]: JSON.stringify({ hostnameVerification: false, verifiesMember: true, trust: 'default CAs' }) },
    } as unknown as CellResult;
    const findings = clientDefaultFindings([result]);
    expect(findings.map((f) => `${f.kind}:${f.setting}`)).toEqual(['insecure-default:hostname verification', 'documented-default:trusted CAs']);
    expect(clientDefaultFindings([])).toEqual([]);
  });
});
