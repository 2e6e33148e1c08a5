// The permissions area's own cells, run through the hazelcast-java adapter against the reference
// member without the suite's runner: the member configuration is the one the matrix renders
// (per-pair policy), the client is the cell's, and each check's outcome (granted /
// AccessControlException) must be what the oracle expects. Every plain-TCP cell runs (the
// open-source Java client has no TLS); a cell whose operation the adapter answers `unsupported` (the
// CP subsystem) is not applicable; a cell of the adapter's deviations.yaml must still deviate. The
// 33 pairs only the Java client can express must all pass. The suite's AdapterDriver
// (harness/clients/adapter) runs the same cells in `secmatrix run --client hazelcast-java`; this
// test stands on its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NODE_OPERATIONS } from '../../../harness/clients/node-client/operations.ts';
import { parseMemberConfig } from '../../../harness/hazelcast/reference-member/config/parse.ts';
import type { RunningMember } from '../../../harness/hazelcast/reference-member/index.ts';
import { expandMatrices, planGroups } from '../../../harness/hazelcast/plan/index.ts';
import { renderMemberXml } from '../../../harness/hazelcast/render/index.ts';
import { JAVA_ADAPTER_DIR, JavaAdapter, javaAdapterMissing, type AdapterError, type Reply } from './java-adapter-support.ts';
import { Tracker } from './support.ts';

const missing = javaAdapterMissing();
const skip = missing !== undefined && process.env['CI'] !== 'true';

/** The open-source Java client has no TLS: its cells are the plain ones (the TLS-realm ones are not applicable to it). */
const cells = expandMatrices(['permissions']).filter((c) => c.checks.length > 0 && c.client.tls === null);
const groups = planGroups(cells);
/** Cells with a check the Node client cannot run: the pairs this adapter adds. */
const javaOnly = cells.filter((c) => c.checks.some((k) => !(k.operation in NODE_OPERATIONS)));

/** The adapter's declared deviations (cell ids). */
const DEVIATIONS = new Set(
  (parseYaml(readFileSync(join(JAVA_ADAPTER_DIR, 'deviations.yaml'), 'utf8')) as { deviations: Array<{ cell: string | string[] }> }).deviations.flatMap((d) =>
    Array.isArray(d.cell) ? d.cell : [d.cell],
  ),
);

type Observed = 'granted' | 'denied' | `error: ${string}`;

function observe(r: Reply): Observed {
  if (r.type === 'result') return 'granted';
  if (r.type === 'error') {
    const chain = [r['error'] as AdapterError, ...((r['causes'] as AdapterError[] | undefined) ?? [])];
    if (chain.some((e) => e.class === 'java.security.AccessControlException')) return 'denied';
    return `error: ${chain.map((e) => `${e.class}: ${e.message}`).join(' <- ')}`;
  }
  return `error: ${JSON.stringify(r)}`;
}

describe.skipIf(skip)('permissions cells through the Java adapter (the 33 Java-only pairs among them)', () => {
  const tracker = new Tracker();
  let adapter: JavaAdapter;
  const members: RunningMember[] = [];

  beforeAll(async () => {
    if (missing) throw new Error(missing);
    for (const group of groups) {
      const setup = group.cells[0]!.member;
      const xml = renderMemberXml(
        setup,
        {
          keyStore: () => {
            throw new Error('no TLS here');
          },
          trustStore: () => {
            throw new Error('no TLS here');
          },
        },
        { port: 5701 },
      );
      members.push(await tracker.member({ config: parseMemberConfig(xml, 'permissions-member.xml') }));
    }
    adapter = JavaAdapter.start();
    expect(await adapter.hello()).toMatchObject({ type: 'hello' });
  }, 120_000);

  afterAll(async () => {
    await adapter?.stop();
    await tracker.stopAll();
  });

  test('the plain cells cover the 33 Java-only pairs on both sides', () => {
    const pairs = new Set(javaOnly.map((c) => `${c.parameters['permission']}|${c.parameters['action'] ?? ''}`));
    expect(pairs.size).toBe(33);
    for (const pair of pairs) {
      const sides = new Set(javaOnly.filter((c) => `${c.parameters['permission']}|${c.parameters['action'] ?? ''}` === pair).map((c) => c.parameters['side']));
      expect([...sides].sort(), pair).toEqual(['granted', 'withheld']);
    }
  });

  let session = 0;
  groups.forEach((group, gi) => {
    for (const cell of group.cells) {
      test(`${cell.id}: ${cell.name}`, async ({ skip }) => {
        expect(cell.client.tls, 'permission cells are plain TCP').toBeNull();
        const creds = cell.client.credentials;
        const credentials =
          creds.kind === 'password'
            ? { kind: 'username-password', username: creds.username, password: creds.password }
            : creds.kind === 'token'
              ? { kind: 'token', token: creds.token, encoding: creds.encoding }
              : null;
        const name = `c${++session}`;
        const connected = await adapter.connect(name, members[gi]!, credentials, { clusterName: cell.client.clusterName });
        expect(connected.type, JSON.stringify(connected)).toBe('connected');
        try {
          const outcomes: Array<{ check: string; expected: string; observed: Observed }> = [];
          for (const check of cell.checks) {
            const r = await adapter.run(name, check.operation, check.objectName);
            if (r.type === 'unsupported') {
              // Not applicable to this client (the reason travels into the run's reports).
              expect(javaOnly, 'the Java-only pairs must all be expressible').not.toContain(cell);
              skip(`not applicable: ${String(r['reason'])}`);
              return;
            }
            outcomes.push({ check: check.id, expected: check.expect, observed: observe(r) });
          }
          const wrong = outcomes.filter((o) => o.observed !== o.expected);
          if (DEVIATIONS.has(cell.id)) {
            expect(wrong.length, `${cell.id} is a declared deviation (deviations.yaml): it must still deviate, or the entry is stale`).toBeGreaterThan(0);
            return;
          }
          expect(wrong, JSON.stringify(outcomes, null, 1)).toEqual([]);
        } finally {
          await adapter.request({ type: 'close', session: name });
        }
      });
    }
  });
});

/**
 * The credentials area's plain-TCP cells: the Java client connects when the oracle says so and is
 * refused at the authentication stage (the AuthenticationException it only logs, reported as a
 * cause) when the oracle expects CREDENTIALS_FAILED.
 */
describe.skipIf(skip)('credentials cells through the Java adapter', () => {
  const tracker = new Tracker();
  let adapter: JavaAdapter;
  const credCells = expandMatrices(['credentials']).filter((c) => c.client.tls === null);
  const credGroups = planGroups(credCells);
  const credMembers: RunningMember[] = [];

  beforeAll(async () => {
    if (missing) throw new Error(missing);
    for (const group of credGroups) {
      const xml = renderMemberXml(
        group.cells[0]!.member,
        {
          keyStore: () => {
            throw new Error('no TLS here');
          },
          trustStore: () => {
            throw new Error('no TLS here');
          },
        },
        { port: 5701 },
      );
      credMembers.push(await tracker.member({ config: parseMemberConfig(xml, 'credentials-member.xml') }));
    }
    adapter = JavaAdapter.start();
  }, 120_000);

  afterAll(async () => {
    await adapter?.stop();
    await tracker.stopAll();
  });

  let n = 0;
  credGroups.forEach((group, gi) => {
    for (const cell of group.cells) {
      test(`${cell.id}`, async () => {
        const creds = cell.client.credentials;
        const credentials =
          creds.kind === 'password'
            ? { kind: 'username-password', username: creds.username, password: creds.password }
            : creds.kind === 'token'
              ? { kind: 'token', token: creds.token, encoding: creds.encoding }
              : null;
        const session = `cred${++n}`;
        // The client retries a refused authentication until the connect timeout: keep it short.
        const r = await adapter.connect(session, credMembers[gi]!, credentials, {
          clusterName: cell.client.clusterName,
          timeouts: { connectMs: 1_500, operationMs: 5_000 },
        });
        if (cell.expected.kind === 'connected') {
          expect(r.type, JSON.stringify(r)).toBe('connected');
          await adapter.request({ type: 'close', session });
        } else {
          expect(cell.expected).toMatchObject({ kind: 'auth-refused', status: 'CREDENTIALS_FAILED' });
          expect(r).toMatchObject({ type: 'failed', stage: 'authentication' });
          expect((r['causes'] as AdapterError[]).map((c) => c.class)).toContain('com.hazelcast.client.AuthenticationException');
        }
      }, 30_000);
    }
  });
});
