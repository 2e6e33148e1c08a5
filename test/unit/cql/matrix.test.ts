// The CQL matrices expand into traced cells (≥ 200), grouped by server configuration, and the
// adapters' error maps classify the errors the drivers really raise (texts seen with Cassandra 5.0.9).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ADAPTERS_DIR } from '../../../harness/clients/adapter/registry.ts';
import { ErrorMap, parseCqlErrorMap } from '../../../harness/cql/adapter/error-map.ts';
import { expandCql, groupByServer } from '../../../harness/cql/plan/load.ts';
import { clientDeviations, cqlDeviationFor, observedAsDeclared } from '../../../harness/cql/run/deviations.ts';

const mapOf = (client: string) => ErrorMap.load(join(ADAPTERS_DIR, client, 'error-map.yaml'), client);

describe('CQL matrices', () => {
  const cells = expandCql(['cql-tls', 'cql-auth', 'cql-permissions'], ['cassandra-python', 'cassandra-node']);
  it('have at least 200 cells, unique ids, each traced to a source', () => {
    expect(cells.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cells.map((c) => c.id)).size).toBe(cells.length);
    for (const c of cells) {
      expect(c.requirementId).toMatch(/^CQL-(TLS|AUTH|PERM)-\d{2}$/);
      expect(c.source.length).toBeGreaterThan(10);
    }
    for (const area of ['cql-tls', 'cql-auth', 'cql-permissions']) expect(cells.filter((c) => c.area === area).length).toBeGreaterThan(30);
  });
  it('group so that starts equal distinct server configurations', () => {
    const groups = groupByServer(cells);
    expect(new Set(groups.map((g) => g.serverKey)).size).toBe(groups.length);
    expect(groups.length).toBeLessThanOrEqual(20);
  });
  it('not applicable only with a reason', () => {
    for (const c of cells.filter((x) => x.expected.kind === 'not-applicable')) expect((c.expected as { reason: string }).reason).toMatch(/Python driver/);
  });
  it('grep filters by id', () => {
    expect(expandCql(['cql-tls'], ['cassandra-node'], 'CQL-TLS-13').every((c) => c.requirementId === 'CQL-TLS-13')).toBe(true);
  });
});

describe('error maps', () => {
  const py = mapOf('cassandra-python');
  const node = mapOf('cassandra-node');
  it('python: driver exceptions and server codes', () => {
    expect(py.classify({ class: 'cassandra.AuthenticationFailed', code: '0x0100', message: 'Failed to authenticate … [Bad credentials]' })).toEqual({
      kind: 'auth-refused',
    });
    expect(py.classify({ class: 'cassandra.Unauthorized', code: '0x2100', message: 'User sm_probe has no SELECT permission' })).toEqual({
      kind: 'unauthorized',
    });
    expect(py.classify({ class: 'cassandra.InvalidRequest', code: '0x2200', message: 'x' })).toEqual({ kind: 'invalid' });
    expect(
      py.classify({
        class: 'OSError',
        code: 'CERTIFICATE_VERIFY_FAILED',
        message:
          "Tried connecting to [('127.0.0.1', 1)]. Last error: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: " +
          "IP address mismatch, certificate is not valid for '127.0.0.1'.",
      }),
    ).toEqual({ kind: 'tls-refused', by: 'client', reason: 'hostname' });
    expect(
      py.classify({
        class: 'OSError',
        message: 'Last error: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate',
      }),
    ).toEqual({ kind: 'tls-refused', by: 'client', reason: 'untrusted' });
    expect(py.classify({ class: 'OSError', message: '[SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate required' })).toEqual({
      kind: 'tls-refused',
      by: 'server',
    });
    expect(py.classify({ class: 'X', message: 'something new' }).kind).toBe('error');
  });
  it('node: Node tls codes inside NoHostAvailableError, ResponseError codes', () => {
    expect(node.classify({ class: 'Error', code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: "Hostname/IP does not match certificate's altnames" })).toEqual({
      kind: 'tls-refused',
      by: 'client',
      reason: 'hostname',
    });
    expect(node.classify({ class: 'Error', code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' })).toEqual({
      kind: 'tls-refused',
      by: 'client',
      reason: 'expired',
    });
    expect(node.classify({ class: 'ResponseError', code: '0x2100', message: 'User has no permission' })).toEqual({ kind: 'unauthorized' });
    expect(node.classify({ class: 'AuthenticationError', code: null, message: 'Bad credentials' })).toEqual({ kind: 'auth-refused' });
  });
  it('a malformed map names the file and the rule; a misspelt condition is refused, not a match-all', () => {
    const map = (text: string) => () => parseCqlErrorMap('e.yaml', text, 'x');
    expect(map('rules:\n  - { when: { klass: Auth }, outcome: auth-refused }\n')).toThrow('e.yaml: rules[0]: when.klass: unknown key (class, code, message)');
    expect(map('rules:\n  - { when: { message: "(" }, outcome: invalid }\n')).toThrow('e.yaml: rules[0]: when.message:');
    expect(map('rules:\n  - { when: {}, outcome: invalid }\n')).toThrow('e.yaml: rules[0]: `when` must name at least one of class, code, message');
    expect(map('rules:\n  - { when: { code: x }, outcome: refused }\n')).toThrow("e.yaml: rules[0].outcome: 'refused' is none of");
    expect(map('rules:\n  - { when: { code: x }, outcome: tls-refused }\n')).toThrow('e.yaml: rules[0].by: client or server');
    expect(map('rules:\n  - { when: { code: x }, outcome: tls-refused, by: client, reason: expiry }\n')).toThrow(
      "e.yaml: rules[0].reason: 'expiry' is none of",
    );
    expect(map('rules:\n  - { when: { code: x }, outcome: invalid, by: server }\n')).toThrow(
      'e.yaml: rules[0].by and .reason belong to tls-refused rules only',
    );
    expect(map('rules:\n  - { when: { code: x }, outcome: invalid, then: y }\n')).toThrow('e.yaml: rules[0].then: unknown key');
    expect(map('rule: []\n')).toThrow('e.yaml: rule: unknown key (client, rules)');
    expect(map('rules: [\n')).toThrow('e.yaml: not YAML');
  });
  it('without an error map (a vendor adapter) every error stays unclassified', () => {
    expect(ErrorMap.load(undefined, 'vendor').classify({ class: 'X', code: '0x2100', message: 'no permission' })).toMatchObject({ kind: 'error' });
  });
  it("deviations: the python adapter's declaration matches its cell at any driver version, not another client's", () => {
    const d = clientDeviations(join(ADAPTERS_DIR, 'cassandra-python', 'deviations.yaml'), []);
    const cell = (client: string, rest = 'CQL-TLS-15/tls-untrusted-cert/legacy-cert-required') => ({
      id: `${client}/${rest}`,
      client,
      requirementId: 'CQL-TLS-15',
    });
    expect(cqlDeviationFor(d, cell('cassandra-python'), '3.30.1')?.reason).toMatch(/verify_mode/);
    // Declared for the versions measured with the bug: 3.25.0 verifies (its cell must pass), and a
    // version-limited declaration never applies to an unknown version.
    expect(cqlDeviationFor(d, cell('cassandra-python@3.25.0'), '3.25.0')).toBeUndefined();
    expect(cqlDeviationFor(d, cell('cassandra-python@3.3.0'), '3.3.0')).toBeUndefined();
    expect(cqlDeviationFor(d, cell('cassandra-python'), '')).toBeUndefined();
    // Near misses: another case of the same requirement, another server.
    expect(cqlDeviationFor(d, cell('cassandra-python', 'CQL-TLS-15/tls-untrusted-cert/legacy-cert-required-x'), '3.30.1')).toBeUndefined();
    expect(cqlDeviationFor(d, cell('cassandra-python', 'CQL-TLS-15/tls-server/legacy-cert-required'), '3.30.1')).toBeUndefined();
    // It names what is seen instead (the untrusted server accepted): another failure is not covered.
    const dev = cqlDeviationFor(d, cell('cassandra-python'), '3.30.1')!;
    expect(observedAsDeclared(dev, { kind: 'ok' })).toBe(true);
    expect(observedAsDeclared(dev, { kind: 'error', message: 'adapter crashed' })).toBe(false);
  });
});
