// A hanging, crashing or garbage-printing adapter fails the cell it serves in bounded time with a
// clear message and its stderr attached; the next cell gets a fresh adapter; nothing is left running
// (the adapter's whole process group ends, its child included).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AdapterDriver, type AdapterTimeouts } from '../../../harness/clients/adapter/driver.ts';
import { AdapterStartError } from '../../../harness/clients/adapter/hello.ts';
import { BUILTIN_ONLY } from '../../../harness/clients/adapter/error-map.ts';
import { checkAdapter } from '../../../harness/cli/adapter-check.ts';
import type { DriveContext, MemberEvidence } from '../../../harness/clients/driver.ts';
import type { ClientSetup } from '../../../harness/core/plan/cell.ts';
import type { PkiManifest } from '../../../pki/types.ts';
import { alive } from '../../support/processes.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/adapters');
const TIMEOUTS: AdapterTimeouts = { helloMs: 5000, connectMs: 1000, operationMs: 1000, slackMs: 1500 };

const noEvidence: MemberEvidence = { mark: () => 0, since: () => [], waitFor: async () => undefined };
const ctx: DriveContext = {
  pki: { format: 'secmatrix-pki/1', anchor: '', windows: {} as never, outDir: '', artifacts: {} } as PkiManifest,
  evidence: noEvidence,
};
const setup: ClientSetup = {
  clusterName: 'dev',
  tls: null,
  credentials: { kind: 'password', username: 'u', password: 'p' },
  requiredCapabilities: ['credentials-password'],
};

/** The child pids the fixture announced on its stderr. */
const childPids = (log: string) => [...log.matchAll(/child pid (\d+)/g)].map((m) => Number(m[1]));

async function gone(pids: number[], ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (pids.every((p) => !alive(p))) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

const drivers: AdapterDriver[] = [];
afterEach(async () => {
  for (const d of drivers.splice(0)) await d.drain();
});

const start = async (mode: string) => {
  const d = await AdapterDriver.start(
    { name: `${mode}-adapter`, command: { command: [join(FIXTURES, `${mode}-adapter.sh`)] }, errorMap: BUILTIN_ONLY },
    TIMEOUTS,
  );
  drivers.push(d);
  return d;
};

describe('a broken adapter fails its cell, clearly and in bounded time, and leaves nothing running', () => {
  for (const [mode, message] of [
    ['hang', /adapter failure \(hung\): .*did not answer 'connect' within 2500 ms/],
    ['crash', /adapter failure \(crashed\): .*exited with status 3 while answering 'connect'/],
    ['garbage', /adapter failure \(garbage\): .*not JSON: "Traceback/],
    ['invalid', /adapter failure \(garbage\): .*answered 'connect' out of protocol \(.*session/],
  ] as const) {
    it(`${mode}`, async () => {
      const d = await start(mode);
      const t0 = performance.now();
      const attempt = await d.connect({ host: '127.0.0.1', port: 1 }, setup, ctx);
      const took = performance.now() - t0;
      expect(attempt.outcome.kind).toBe('error');
      expect((attempt.outcome as { message: string }).message).toMatch(message);
      // Bounded: the connect bound (connectMs + slack), plus the first cell's loading of the matrices'
      // catalogue on a busy machine.
      expect(took).toBeLessThan(TIMEOUTS.connectMs + TIMEOUTS.slackMs + 5000);
      // Its stderr is attached to the cell.
      const log = attempt.evidence['adapter log'] ?? '';
      expect(log).toContain(`connect received, now misbehaving (${mode})`);
      // The whole process group is gone: the adapter's own child too.
      const pids = childPids(log);
      expect(pids.length).toBe(1);
      expect(await gone(pids)).toBe(true);
      // The next cell gets a fresh adapter (which misbehaves the same way, and is ended the same way).
      const again = await d.connect({ host: '127.0.0.1', port: 1 }, setup, ctx);
      expect(d.restarts).toBe(1);
      expect(again.outcome.kind).toBe('error');
      expect(await gone(childPids(again.evidence['adapter log'] ?? ''))).toBe(true);
    });
  }

  it('an adapter that never answers hello is a clear start error', async () => {
    const t0 = performance.now();
    const err = await AdapterDriver.start(
      { name: 'hello-hang', command: { command: [process.execPath, join(FIXTURES, 'broken-adapter.mjs'), 'hello-hang'] }, errorMap: BUILTIN_ONLY },
      TIMEOUTS,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AdapterStartError);
    expect((err as Error).message).toMatch(/hello failed: .*did not answer 'hello' within 5000 ms/);
    expect(performance.now() - t0).toBeLessThan(TIMEOUTS.helloMs + 2500);
    expect(await gone(childPids((err as AdapterStartError).stderr))).toBe(true);
  });

  it('a protocol version mismatch is a clear error at hello', async () => {
    const err = await AdapterDriver.start(
      { name: 'old', command: { command: [process.execPath, join(FIXTURES, 'broken-adapter.mjs'), 'old-protocol'] }, errorMap: BUILTIN_ONLY },
      TIMEOUTS,
    ).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/does not speak protocol 1: speaks protocol 0 only/);
    expect(await gone(childPids((err as AdapterStartError).stderr))).toBe(true);
  });

  it('an executable that does not exist is a clear start error', async () => {
    const err = await AdapterDriver.start({ name: 'missing', command: { command: ['/nonexistent/adapter'] }, errorMap: BUILTIN_ONLY }, TIMEOUTS).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/could not be started .*ENOENT/);
  });

  it('`adapter check` says what is wrong with a broken adapter', async () => {
    const steps = await checkAdapter({ name: 'garbage', command: { command: [join(FIXTURES, 'garbage-adapter.sh')] }, errorMap: BUILTIN_ONLY });
    const text = steps.map((s) => `${s.ok ? 'ok' : 'FAIL'} ${s.step}: ${s.detail}`).join('\n');
    expect(steps[0]).toMatchObject({ step: 'hello', ok: true });
    expect(text).toMatch(/FAIL connect \(plain member\): adapter garbage printed a line that is not JSON: "Traceback/);
    expect(text).toMatch(/FAIL remaining checks: not run: the adapter is gone/);
    expect(await gone(childPids(text))).toBe(true);
  });
});
