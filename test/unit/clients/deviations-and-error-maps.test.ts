// Declared deviations and adapter error maps: validated with errors naming file and path; matched
// by cell / requirement globs; facts mapped to canonical outcomes.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deviationFor, observedAsDeclared, parseDeviations } from '../../../harness/core/suite/deviations.ts';
import { loadErrorMap, meaningOf, parseErrorMap } from '../../../harness/clients/adapter/error-map.ts';
import { classifyFailedConnect } from '../../../harness/clients/adapter/classify.ts';
import { ADAPTERS_DIR } from '../../../harness/clients/adapter/registry.ts';
import { ErrorMap as CqlErrorMap } from '../../../harness/cql/adapter/error-map.ts';

describe('deviations files', () => {
  it('names file and path for every mistake', () => {
    expect(() => parseDeviations('d.yaml', 'deviations:\n  - cell: "HZ-*"\n')).toThrow('d.yaml: deviations[0].reason: required');
    expect(() => parseDeviations('d.yaml', 'deviations:\n  - reason: x\n')).toThrow('d.yaml: deviations[0]: needs cell or requirement');
    expect(() => parseDeviations('d.yaml', 'deviations:\n  - { cell: [a, 3], reason: x }\n')).toThrow(
      'd.yaml: deviations[0].cell[1]: must be a non-empty glob string',
    );
    expect(() => parseDeviations('d.yaml', 'deviations:\n  - { cell: a, reason: x, because: y }\n')).toThrow('d.yaml: deviations[0].because: unknown key');
    expect(() => parseDeviations('d.yaml', 'devs: []\n')).toThrow('d.yaml: devs: unknown key');
    expect(() => parseDeviations('d.yaml', 'deviations: [\n')).toThrow('d.yaml: not YAML');
  });

  it('matches cell ids and requirement ids by glob, and the declared observed outcome', () => {
    const devs = parseDeviations(
      'd.yaml',
      [
        'deviations:',
        "  - { cell: 'HZ-TLS-001/memberProtocol=TLSv1.3,*', reason: r1, observed: tls-refused }",
        "  - { requirement: 'HZ-KRB-00?', reason: r2 }",
      ].join('\n'),
    );
    expect(deviationFor(devs, { id: 'HZ-TLS-001/memberProtocol=TLSv1.3,clientVersion=default', requirementId: 'HZ-TLS-001' })?.reason).toBe('r1');
    expect(deviationFor(devs, { id: 'HZ-TLS-001/memberProtocol=TLSv1.2,clientVersion=default', requirementId: 'HZ-TLS-001' })).toBeUndefined();
    expect(deviationFor(devs, { id: 'HZ-KRB-004/x', requirementId: 'HZ-KRB-004' })?.where).toBe('d.yaml#1');
    expect(deviationFor(devs, { id: 'HZ-KRB-010/x', requirementId: 'HZ-KRB-010' })).toBeUndefined();
    expect(observedAsDeclared(devs[0]!, { kind: 'tls-refused', side: 'member', reason: 'PROTOCOL_VERSION' })).toBe(true);
    expect(observedAsDeclared(devs[0]!, { kind: 'auth-refused', status: 'CREDENTIALS_FAILED' })).toBe(false);
    expect(observedAsDeclared(devs[1]!, { kind: 'error', message: 'x' })).toBe(true);
  });

  it('limits a declaration to the client versions it names (globs), and only when the version is known', () => {
    const devs = parseDeviations('d.yaml', "deviations:\n  - { cell: 'HZ-TLS-001/*', reason: r, versions: ['5.6.*', '5.7.0'] }\n");
    const cell = { id: 'HZ-TLS-001/a', requirementId: 'HZ-TLS-001' };
    expect(deviationFor(devs, cell, '5.6.1')?.reason).toBe('r');
    expect(deviationFor(devs, cell, '5.7.0')?.reason).toBe('r');
    // Near misses: a later patch, a prefix, a longer version, no version.
    expect(deviationFor(devs, cell, '5.7.1')).toBeUndefined();
    expect(deviationFor(devs, cell, '5.7.0.1')).toBeUndefined();
    expect(deviationFor(devs, cell, '5.5.9')).toBeUndefined();
    expect(deviationFor(devs, cell)).toBeUndefined();
    expect(() => parseDeviations('d.yaml', 'deviations:\n  - { cell: a, reason: x, versions: [""] }\n')).toThrow(
      'd.yaml: deviations[0].versions[0]: must be a non-empty glob string',
    );
  });
});

describe('adapter error maps', () => {
  it('names file and path for every mistake', () => {
    expect(() => parseErrorMap('e.yaml', 'connect:\n  - when: { klass: x }\n    then: ignore\n')).toThrow('e.yaml: connect[0]: when.klass: unknown key');
    expect(() => parseErrorMap('e.yaml', 'connect:\n  - when: { class: x }\n    then: { tls: NOPE, decidedBy: local }\n')).toThrow(
      "e.yaml: connect[0]: then.tls: 'NOPE' is none of",
    );
    expect(() => parseErrorMap('e.yaml', 'run:\n  - when: { message: "(" }\n    then: denied\n')).toThrow('e.yaml: run[0]: when.message:');
    expect(() => parseErrorMap('e.yaml', 'builtin: java\n')).toThrow("e.yaml: builtin: only 'openssl-text' exists");
  });

  it('every shipped adapter has a valid error map', () => {
    const names = readdirSync(ADAPTERS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['hazelcast-python', 'hazelcast-node', 'cassandra-python', 'cassandra-node']));
    // Each family reads its adapters' maps with its own loader (CQL maps name CQL outcomes).
    for (const n of names) {
      const load = n.startsWith('cassandra-')
        ? () => CqlErrorMap.load(join(ADAPTERS_DIR, n, 'error-map.yaml'), n)
        : () => loadErrorMap(join(ADAPTERS_DIR, n, 'error-map.yaml'));
      expect(load, n).not.toThrow();
    }
  });

  it("maps the Python client's facts; the member's word wins for its own decisions", () => {
    const map = loadErrorMap(join(ADAPTERS_DIR, 'hazelcast-python', 'error-map.yaml'));
    const wrapper = { class: 'hazelcast.errors.IllegalStateError', message: 'Unable to connect to any cluster' };
    expect(meaningOf(map, 'connect', wrapper)).toBe('ignore');
    const expired = {
      class: 'ssl.SSLCertVerificationError',
      code: 'CERTIFICATE_VERIFY_FAILED',
      message: '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)',
    };
    expect(classifyFailedConnect(map, 'tls', [wrapper, expired], [])).toEqual({ kind: 'tls-refused', side: 'client', reason: 'CERT_EXPIRED' });
    const alert = {
      class: 'ssl.SSLError',
      code: 'TLSV1_ALERT_PROTOCOL_VERSION',
      message: '[SSL: TLSV1_ALERT_PROTOCOL_VERSION] tlsv1 alert protocol version (_ssl.c:1006)',
    };
    expect(classifyFailedConnect(map, 'tls', [wrapper, alert], [])).toEqual({ kind: 'tls-refused', side: 'member', reason: 'PROTOCOL_VERSION' });
    expect(
      classifyFailedConnect(map, 'tls', [wrapper, alert], [{ kind: 'tls-refused', decidedBy: 'member', reason: 'NO_SHARED_CIPHER', detail: 'x' }]),
    ).toEqual({ kind: 'tls-refused', side: 'member', reason: 'NO_SHARED_CIPHER' });
    expect(
      classifyFailedConnect(map, 'authentication', [wrapper, { class: 'hazelcast.errors.AuthenticationError', message: 'Authentication failed.' }], []),
    ).toEqual({ kind: 'auth-refused', status: 'CREDENTIALS_FAILED' });
    expect(
      classifyFailedConnect(map, 'authentication', [{ class: 'hzkerberos.errors.KerberosError', code: '-1765328228', message: 'x: KRB5_KDC_UNREACH' }], []),
    ).toEqual({ kind: 'no-credentials', reason: 'KDC_UNREACHABLE' });
    expect(classifyFailedConnect(map, 'unknown', [wrapper], []).kind).toBe('error');
    expect(meaningOf(map, 'run', { class: 'hazelcast.errors.AccessControlError', message: 'denied' })).toBe('denied');
  });
});
