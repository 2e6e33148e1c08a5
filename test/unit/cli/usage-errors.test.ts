// A usage mistake the command's action finds (not commander's own parsing) is said on stderr with
// exit 2, like commander's own: before, it ended with exit 2 and no word.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../harness/cli/main.ts';

describe('CLI usage errors', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    [['run', '--only', 'tls,cql-tls'], 'CQL areas (cql-*) run separately from the Hazelcast areas'],
    [
      ['run', '--only', 'cql-tls', '--target', 'kubernetes'],
      'the CQL areas run against the embedded Apache Cassandra, in containers (--target container) or against an external cluster',
    ],
    [['run', '--only', 'cql-tls', '--server-image', 'localhost/secmatrix/cassandra'], '--server-version and --server-image need --target container'],
    [['run', '--only', 'cql-tls', '--target', 'container', '--server-image', 'scylla'], '--server-image scylla needs --server-version'],
    [['run', '--only', 'cql-tls', '--target', 'container', '--server-image', 'cassandra:5.0.9', '--server-version', '5.0.8'], 'names its tag already'],
    [['run', '--only', 'cql-tls', '--target', 'external'], '--target external needs --external-address HOST:PORT'],
  ])('%j is refused with its reason', async (argv, reason) => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(argv)).toBe(2);
    expect(err.mock.calls.map((c) => String(c[0])).join('')).toContain(reason);
  });
});
