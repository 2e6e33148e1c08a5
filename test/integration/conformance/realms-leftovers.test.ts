// `secmatrix run --only realms` starts real slapd and krb5kdc processes; whatever happens to the run
// — it passes, it fails (a directory dies under it), or it is interrupted with Ctrl-C — none of
// them, none of their ports and none of the run's temp dirs may outlive it. The run gets a private
// TMPDIR, so "nothing left" is exact even with other runs on the machine.
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realmServicesUnavailable } from '../../../harness/hazelcast/services/realm-services.ts';
import { alive, answers, descendants, listeningPorts, serviceDaemons, until } from '../services/support.ts';

const CLI = join(import.meta.dirname, '../../../harness/cli/secmatrix.mjs');
const missing = realmServicesUnavailable();
const skip = missing !== undefined && process.env['CI'] !== 'true';
// A few cells of both kinds: an LDAP bind realm and a Kerberos realm.
const GREP = 'HZ-LDAP-001|HZ-KRB-001';
const RUN_MS = 150_000;

let privateTmp: string;
beforeAll(async () => {
  privateTmp = await mkdtemp(join(tmpdir(), 'secmatrix-leftovers-'));
});
afterAll(async () => {
  if (privateTmp) await rm(privateTmp, { recursive: true, force: true });
});

interface Watched {
  daemons: Map<number, string>;
  ports: Set<number>;
  /** Every process of the run's tree ever seen (workers, watchdogs, daemons). */
  tree: Set<number>;
}

/** Starts a run in its own temp dir and records its daemons, their ports and its process tree. */
async function startRun(name: string): Promise<{ child: ResultPromise; watched: Watched; stopWatching: () => void; tmp: string }> {
  const tmp = join(privateTmp, name);
  await mkdir(join(tmp, 'tmp'), { recursive: true });
  const child = execa(process.execPath, [CLI, 'run', '--only', 'realms', '--grep', GREP, '--report-dir', join(tmp, 'reports')], {
    reject: false,
    timeout: RUN_MS,
    // Our own SIGINT must be handled by the run, not cut short by execa's SIGKILL 5 s later.
    forceKillAfterDelay: false,
    all: true,
    env: { TMPDIR: join(tmp, 'tmp') },
  });
  const watched: Watched = { daemons: new Map(), ports: new Set(), tree: new Set() };
  const timer = setInterval(() => {
    if (child.pid === undefined) return;
    for (const p of descendants(child.pid)) watched.tree.add(p.pid);
    for (const p of serviceDaemons(child.pid)) watched.daemons.set(p.pid, p.comm);
    for (const port of listeningPorts([...watched.daemons.keys()])) watched.ports.add(port);
  }, 50);
  return { child, watched, stopWatching: () => clearInterval(timer), tmp };
}

/** Nothing of the run is left: no process of its tree, no daemon port, nothing in its TMPDIR. */
async function expectNothingLeft(w: Watched, tmp: string, output = ''): Promise<void> {
  expect(w.daemons.size, 'the run had started slapd and krb5kdc').toBeGreaterThanOrEqual(4);
  expect([...w.daemons.values()]).toContain('krb5kdc');
  expect([...w.daemons.values()]).toContain('slapd');
  expect(w.ports.size, 'the daemons had listened').toBeGreaterThan(0);
  const gone = await until(() => [...w.tree].every((pid) => !alive(pid)), 10_000);
  expect(gone, `still running: ${[...w.tree].filter(alive).join(', ')}`).toBe(true);
  for (const port of w.ports) expect(await answers(port), `port ${port} still answers`).toBe(false);
  // Everything secmatrix makes in TMPDIR is secmatrix-*; tsx's compile cache (tsx-UID) and vite's
  // module-runner dirs are the tools' own and not counted.
  const left = (await readdir(join(tmp, 'tmp'))).filter((f) => f.startsWith('secmatrix-'));
  const inside = left.flatMap((f) => readdirSync(join(tmp, 'tmp', f), { recursive: true }).map(String)).slice(0, 20);
  expect(left, `temp dirs left behind, holding ${inside.join(', ')}; run output: ${output.slice(-2000)}`).toEqual([]);
}

describe.skipIf(skip)(`secmatrix run --only realms leaves nothing behind${skip ? ` — skipped: ${missing}` : ''}`, () => {
  it('after a run that passes', async () => {
    const run = await startRun('pass');
    const r = await run.child;
    run.stopWatching();
    expect(r.exitCode, r.all?.toString().slice(-3000)).toBe(0);
    await expectNothingLeft(run.watched, run.tmp, String(r.all ?? ''));
  }, RUN_MS + 20_000);

  it('after a run that fails because the directories die under it', async () => {
    const run = await startRun('fail');
    // As soon as the three slapd run, kill them: the LDAP cells that expect a login then fail.
    const slapds = () => [...run.watched.daemons].filter(([, c]) => c === 'slapd').map(([p]) => p);
    const seen = await until(() => slapds().length === 3 || run.child.exitCode !== null, 60_000);
    expect(seen).toBe(true);
    for (const pid of slapds()) process.kill(pid, 'SIGKILL');
    const r = await run.child;
    run.stopWatching();
    expect(r.exitCode, r.all?.toString().slice(-3000)).toBe(1);
    await expectNothingLeft(run.watched, run.tmp, String(r.all ?? ''));
  }, RUN_MS + 20_000);

  it('after a run interrupted with SIGINT while its services run', async () => {
    const run = await startRun('sigint');
    const up = await until(() => run.watched.daemons.size >= 4 && run.watched.ports.size >= 7, 60_000);
    expect(up, 'the services came up').toBe(true);
    const interrupted = Date.now();
    run.child.kill('SIGINT');
    const r = await run.child;
    run.stopWatching();
    expect(r.exitCode ?? r.signal, r.all?.toString().slice(-3000)).toBe(130);
    // Releasing is bounded: workers, members, daemons and dirs within seconds.
    expect(Date.now() - interrupted).toBeLessThan(20_000);
    await expectNothingLeft(run.watched, run.tmp, String(r.all ?? ''));
  }, RUN_MS + 20_000);
});
